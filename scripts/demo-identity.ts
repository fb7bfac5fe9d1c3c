// The demo's merchant has filled in how letters are signed, as a merchant does in Settings before
// the first letter: the seeded shop is in Brazil, where every collection letter must carry the
// business's name, address and CNPJ (domain/letter-identity.ts), and Shopify has no field for the
// CNPJ to read. Once, on a demo's first start: what the visitor changes in Settings afterwards stays.

export const DEMO_TAX_ID = "12.345.678/0001-90";

export async function signDemoLetters(shopDomain: string): Promise<void> {
  const { default: prisma } = await import("../app/db.server");
  await prisma.shop.updateMany({ where: { domain: shopDomain, taxId: null }, data: { taxId: DEMO_TAX_ID } });
}
