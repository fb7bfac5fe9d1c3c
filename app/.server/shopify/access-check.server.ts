import { fetchShopIdentity } from "./shop.server";
import type { AdminGraphql } from "./admin-graphql.server";

// Opening Quita (a document request) checks that Shopify still accepts the shop's stored access
// token: the pages read Quita's own ledger and would not notice a token Shopify forgot (the app
// reinstalled while its uninstall webhook was missed, a local Shopify started afresh). On a 401
// Shopify's library drops the token and answers with a redirect to its bounce page, which comes
// back with a fresh session token and so ends in a new token exchange and the page.
//
// One round trip to Shopify before every page a merchant opens is time they wait for the page: a
// token Shopify accepted is taken as still good for a few minutes (per process, per token, so a
// new token or a restarted app checks again).

const STILL_GOOD_MS = 5 * 60_000;
const confirmedAt = new Map<string, number>();

export async function confirmShopifyAccess(graphql: AdminGraphql, shop: string, accessToken: string | undefined): Promise<void> {
  const key = `${shop} ${accessToken ?? ""}`;
  // Wall time on purpose: how long ago this process asked Shopify, not business time.
  // eslint-disable-next-line no-restricted-syntax -- wall time: how long ago this process asked Shopify (comment above)
  const started = Date.now();
  if (started - (confirmedAt.get(key) ?? -Infinity) < STILL_GOOD_MS) return;
  try {
    await fetchShopIdentity(graphql);
    confirmedAt.set(key, started);
  } catch (error) {
    if (error instanceof Response && error.status >= 300 && error.status < 400) throw error;
    // Shopify busy or unreachable: the page can still be shown from the ledger.
    const reason = error instanceof Response ? `HTTP ${error.status}` : error instanceof Error ? error.message : String(error);
    console.warn(`quita: could not confirm Shopify access for ${shop} (${reason}); showing the page from Quita's own data`);
  }
}
