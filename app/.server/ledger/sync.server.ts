import prisma from "../../db.server";
import type { ReceivableSnapshot } from "../../domain/ledger/snapshot";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { countOrders, fetchOrder, listOrders, ordersFromBulkResult, receivableOrdersBulkQuery, UNPAID_ORDERS } from "../shopify/orders.server";
import { fetchDraftOrder, listDraftOrders, missingDraftOrders, OPEN_DRAFT_ORDERS } from "../shopify/draft-orders.server";
import { fetchPaymentTermsOwner } from "../shopify/payment-terms.server";
import { runBulkQuery, type BulkWaitOptions } from "../shopify/bulk-operations.server";
import { applySnapshot, type ApplyOutcome, type ChangeSource, type ShopClock } from "./receivables.server";
import { markDeleted, refreshAging } from "./terms.server";

// Loading the ledger from the Admin API: on install (backfill), periodically
// (reconcile) and for one resource a webhook could not describe fully. Every
// snapshot goes through the same upsert + updated_at rule as webhooks, so what
// webhooks already brought is never counted twice nor overwritten by older data.

export interface SyncCounts {
  checked: number;
  corrected: number;
}

/**
 * Above this many unpaid orders, backfill asks Shopify for one bulk operation
 * instead of paging: 2,500 orders are 50 pages, a few minutes of query cost.
 */
export const BULK_BACKFILL_THRESHOLD = 2_500;

export interface BackfillOptions extends BulkWaitOptions {
  bulkThreshold?: number;
  /** Downloads the bulk result (the URL is Shopify's storage, not the Admin API). */
  fetch?: typeof fetch;
}

export interface BackfillResult extends SyncCounts {
  /** How the orders were read; drafts are always paged. */
  ordersPath: "paged" | "bulk";
  /** Unpaid orders Shopify counted, up to the threshold + 1. */
  unpaidOrders: number;
  /** Why a bulk read was given up for paging. */
  bulkFallback?: string;
}

/** How far back each reconciliation re-reads, beyond the last run's start, to cover clock skew. */
const OVERLAP_MS = 5 * 60_000;

async function shopClock(domain: string, now: Date) {
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { ianaTimezone: true, currencyCode: true, installed: true, installedAt: true } });
  return shop ? { domain, ianaTimezone: shop.ianaTimezone, currency: shop.currencyCode, now, installed: shop.installed, installedAt: shop.installedAt } : null;
}

async function applyAll(domain: string, now: Date, pages: AsyncGenerator<ReceivableSnapshot[]>, change: ChangeSource, counts: SyncCounts) {
  for await (const page of pages) {
    const clock = await shopClock(domain, now);
    if (!clock?.installed) return; // uninstalled mid-run: stop at once
    for (const snapshot of page) {
      counts.checked++;
      const outcome: ApplyOutcome = await prisma.$transaction((tx) => applySnapshot(tx, clock, snapshot, change));
      if (outcome === "created" || outcome === "changed") counts.corrected++;
    }
  }
}

/**
 * A backfill can fill the ledger with a shop's whole history at once, and the embedded PGlite
 * (like a PostgreSQL server without autovacuum) never gathers statistics by itself: planned
 * with none, the Collections pages' statements over a freshly loaded 6,000-debt ledger ran for
 * seconds instead of milliseconds. ANALYZE samples the tables those pages read.
 */
async function refreshLedgerStatistics(): Promise<void> {
  await prisma.$executeRawUnsafe(`ANALYZE "Receivable", "ReminderItem", "Reminder", "CollectionHold"`);
}

export async function backfillShop(domain: string, graphql: AdminGraphql, now: Date, jobId?: string, options: BackfillOptions = {}): Promise<BackfillResult> {
  const counts = { checked: 0, corrected: 0 };
  const change = { source: "backfill", sourceId: jobId ?? null };
  const threshold = options.bulkThreshold ?? BULK_BACKFILL_THRESHOLD;
  const unpaidOrders = await countOrders(graphql, UNPAID_ORDERS, threshold + 1);
  let ordersPath: BackfillResult["ordersPath"] = "paged";
  let bulkFallback: string | undefined;
  if (unpaidOrders > threshold) {
    try {
      const op = await runBulkQuery(graphql, receivableOrdersBulkQuery(UNPAID_ORDERS), options);
      if (op.status !== "COMPLETED") throw new Error(`bulk operation ${op.id} ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ""}`);
      // No url: nothing matched by the time it ran.
      if (op.url) await applyAll(domain, now, ordersFromBulkResult(op.url, 50, options.fetch), change, counts);
      ordersPath = "bulk";
    } catch (error) {
      // Whatever the bulk read applied stays: paging re-applies it as unchanged.
      bulkFallback = error instanceof Error ? error.message : String(error);
      console.warn(`backfill of ${domain}: bulk read failed, paging instead: ${bulkFallback}`);
    }
  }
  if (ordersPath === "paged") await applyAll(domain, now, listOrders(graphql, UNPAID_ORDERS), change, counts);
  await applyAll(domain, now, listDraftOrders(graphql, OPEN_DRAFT_ORDERS), change, counts);
  if (counts.corrected > 0) await refreshLedgerStatistics();
  return { ...counts, ordersPath, unpaidOrders, ...(bulkFallback ? { bulkFallback } : {}) };
}

/** Open draft receivables Shopify no longer has were deleted while no webhook told us. */
async function markVanishedDrafts(graphql: AdminGraphql, clock: ShopClock, change: ChangeSource, counts: SyncCounts) {
  const open = await prisma.receivable.findMany({ where: { shopDomain: clock.domain, kind: "draft_order", status: "open" }, select: { resourceGid: true } });
  if (!open.length) return;
  counts.checked += open.length;
  for (const gid of await missingDraftOrders(
    graphql,
    open.map((r) => r.resourceGid),
  )) {
    const outcome = await prisma.$transaction((tx) => markDeleted(tx, clock, gid, change));
    if (outcome === "changed") counts.corrected++;
  }
}

/**
 * Re-reads what changed since the last reconciliation and corrects what missed webhooks left behind.
 * `runId` is its SyncRun, which the job records (app/.server/jobs/): here it notes where the re-read starts.
 * Without one (a direct call), nothing is recorded and the next reconciliation starts where it would have.
 */
export async function reconcileShop(domain: string, graphql: AdminGraphql, now: Date, runId?: string): Promise<SyncCounts> {
  const clock = await shopClock(domain, now);
  if (!clock?.installed) return { checked: 0, corrected: 0 };
  const last = await prisma.syncRun.findFirst({ where: { shopDomain: domain, kind: "reconcile", status: "succeeded" }, orderBy: { startedAt: "desc" } });
  const since = new Date((last?.startedAt ?? clock.installedAt).getTime() - OVERLAP_MS);
  if (runId) await prisma.syncRun.update({ where: { id: runId }, data: { since } });
  const counts = { checked: 0, corrected: 0 };
  const change = { source: "reconcile", sourceId: runId ?? null };
  const changedSince = `updated_at:>'${since.toISOString()}'`;
  await applyAll(domain, now, listOrders(graphql, changedSince), change, counts);
  await applyAll(domain, now, listDraftOrders(graphql, changedSince), change, counts);
  await markVanishedDrafts(graphql, clock, change, counts);
  await prisma.$transaction((tx) => refreshAging(tx, clock, { source: "aging", sourceId: runId ?? null }));
  return counts;
}

/** One resource read again and applied (a job asked for it); nothing is read for a shop no longer installed. */
async function refreshOne(domain: string, now: Date, jobId: string | undefined, read: () => Promise<ReceivableSnapshot | null>): Promise<SyncCounts> {
  const clock = await shopClock(domain, now);
  const snapshot = clock?.installed ? await read() : null;
  if (!clock || !snapshot) return { checked: 0, corrected: 0 };
  const outcome = await prisma.$transaction((tx) => applySnapshot(tx, clock, snapshot, { source: "refresh", sourceId: jobId ?? null }));
  return { checked: 1, corrected: outcome === "created" || outcome === "changed" ? 1 : 0 };
}

/** orders/edited carries no amounts, and a foreign-currency body no billed balance: the order is read again. */
export function refreshOrder(domain: string, graphql: AdminGraphql, orderGid: string, now: Date, jobId?: string): Promise<SyncCounts> {
  return refreshOne(domain, now, jobId, () => fetchOrder(graphql, orderGid));
}

/** A draft order whose shop-currency value its webhook body could not give: read again for Shopify's own. */
export function refreshDraftOrder(domain: string, graphql: AdminGraphql, draftOrderGid: string, now: Date, jobId?: string): Promise<SyncCounts> {
  return refreshOne(domain, now, jobId, () => fetchDraftOrder(graphql, draftOrderGid));
}

/** payment_terms/* for terms Quita doesn't know yet: find their order and read it. */
export async function refreshTermsOwner(domain: string, graphql: AdminGraphql, termsId: string, now: Date, jobId?: string): Promise<SyncCounts> {
  const owner = await fetchPaymentTermsOwner(graphql, termsId);
  if (owner.orderGid) return refreshOrder(domain, graphql, owner.orderGid, now, jobId);
  // Draft orders' terms changes also fire draft_orders/update, which carries them.
  return { checked: 0, corrected: 0 };
}
