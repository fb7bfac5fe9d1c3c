// The demo shows a settlement discount already offered, as a merchant would have made it: 5 % (the
// shop's default limit) to the customer longest overdue, through the app's own code and the local
// Shopify double. Once per demo: a restarted demo finds the offer it made.

export async function offerDemoDiscount(shopDomain: string): Promise<void> {
  const { default: prisma } = await import("../app/db.server");
  if (await prisma.settlementOffer.count({ where: { shopDomain } })) return;
  const { offerSettlementDiscount } = await import("../app/.server/incentives/settlement-discounts.server");
  const { adminGraphqlFor } = await import("../app/.server/jobs/job-deps.server");
  const { now } = await import("../app/.server/clock.server");
  const oldest = await prisma.receivable.findFirst({
    where: { shopDomain, status: "open", customerGid: { not: null }, dueAt: { not: null } },
    orderBy: { dueAt: "asc" },
  });
  if (!oldest) return;
  const customerKey = oldest.customerGid!;
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  const debts = await prisma.receivable.findMany({ where: { shopDomain, status: "open", customerGid: customerKey } });
  const result = await offerSettlementDiscount(
    shop,
    customerKey,
    debts,
    { kind: "percent", percent: "5" },
    await adminGraphqlFor(shopDomain),
    await now(),
    "merchant",
  );
  if (!result.ok) console.warn(`quita demo: no settlement discount offered to ${oldest.customerName ?? customerKey} (${result.problem.code})`);
}

/** The demo's offer still open, for the command that has its customer use the code (null when none is). */
export async function openDemoOffer(shopDomain: string): Promise<{ customerId: string; code: string } | null> {
  const { default: prisma } = await import("../app/db.server");
  const offer = await prisma.settlementOffer.findFirst({
    where: { shopDomain, kind: "code", status: "offered", code: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  return offer ? { customerId: offer.customerKey.split("/").pop()!, code: offer.code! } : null;
}
