import { Session } from "@shopify/shopify-api";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import { TEST_APP } from "./app-env";

/** The CNPJ the tests' merchant signs letters with (a made-up number in CNPJ form). */
export const TEST_MERCHANT_TAX_ID = "12.345.678/0001-90";

/**
 * Installs the app into the double's shop as the afterAuth hook would (an
 * offline token, then the shop's identity read through the Admin API), and
 * returns the app's own Admin API client for any shop. `scopes` grants less
 * than the app asks (a shop that has not approved read_all_orders). The seeded
 * shop is in Brazil, where letters wait for the merchant's CNPJ: it is filled in
 * as the merchant would in Settings, unless `taxId` is null (a shop that has
 * not done so yet). Call after setAppEnv({ SHOPIFY_DOUBLE_URL }) and useAppDatabase.
 */
export async function installIntoDouble(
  double: ShopifyDouble,
  options: { scopes?: string; taxId?: string | null } = {},
): Promise<{ graphqlFor(shop: string): Promise<AdminGraphql>; graphql: AdminGraphql }> {
  const shop = double.shopDomain;
  const scope = options.scopes ?? TEST_APP.scopes;
  const { accessToken } = double.controls.installApp({ scopes: scope });
  const { sessionStorage, unauthenticated } = await import("../../app/shopify.server");
  await sessionStorage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope }));
  const graphqlFor = async (domain: string) => (await unauthenticated.admin(domain)).admin.graphql;
  const graphql = await graphqlFor(shop);
  const { recordInstall } = await import("../../app/.server/shops.server");
  const { now } = await import("../../app/.server/clock.server");
  await recordInstall(shop, scope, graphql, await now());
  const taxId = options.taxId === undefined ? TEST_MERCHANT_TAX_ID : options.taxId;
  if (taxId) {
    const { default: prisma } = await import("../../app/db.server");
    await prisma.shop.update({ where: { domain: shop }, data: { taxId } });
  }
  return { graphqlFor, graphql };
}
