import prisma from "../../db.server";
import { unauthenticated } from "../../shopify.server";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { pacedForShop } from "../shopify/admin-pacing.server";
import type { BackfillOptions } from "../ledger/sync.server";

// What every job handler shares: how it reaches a shop's Admin API (tests hand
// in their own), and whether the shop is still installed. A leaf: the ledger's
// and the reminders' job handlers both import it.

export interface JobDeps {
  /** An Admin API client for the shop's offline session (default: the app's own). */
  graphqlFor?(shopDomain: string): Promise<AdminGraphql>;
  /** Bulk threshold and polling for backfills (tests make them small and fast). */
  backfill?: BackfillOptions;
}

/** The shop's Admin API client, paced by the shop's one pacer: every job of a shop shares its API budget. */
export async function adminGraphqlFor(shopDomain: string): Promise<AdminGraphql> {
  return pacedForShop(shopDomain, (await unauthenticated.admin(shopDomain)).admin.graphql);
}

export async function installed(shopDomain: string): Promise<boolean> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { installed: true } });
  return Boolean(shop?.installed);
}
