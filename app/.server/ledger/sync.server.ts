import prisma from "../../db.server";
import type { ReceivableSnapshot } from "../../domain/ledger/snapshot";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { listOrders, fetchOrder, UNPAID_ORDERS } from "../shopify/orders.server";
import { listDraftOrders, OPEN_DRAFT_ORDERS } from "../shopify/draft-orders.server";
import { fetchPaymentTermsOwner } from "../shopify/payment-terms.server";
import { applySnapshot, refreshAging, type ApplyOutcome, type ChangeSource } from "./receivables.server";

// Loading the ledger from the Admin API: on install (backfill), periodically
// (reconcile) and for one resource a webhook could not describe fully. Every
// snapshot goes through the same upsert + updated_at rule as webhooks, so what
// webhooks already brought is never counted twice nor overwritten by older data.

export interface SyncCounts {
  checked: number;
  corrected: number;
}

/** How far back each reconciliation re-reads, beyond the last run's start, to cover clock skew. */
const OVERLAP_MS = 5 * 60_000;

async function shopClock(domain: string, now: Date) {
  const shop = await prisma.shop.findUnique({ where: { domain }, select: { ianaTimezone: true, installed: true, installedAt: true } });
  return shop ? { domain, ianaTimezone: shop.ianaTimezone, now, installed: shop.installed, installedAt: shop.installedAt } : null;
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

export async function backfillShop(domain: string, graphql: AdminGraphql, now: Date, jobId?: string): Promise<SyncCounts> {
  const counts = { checked: 0, corrected: 0 };
  const change = { source: "backfill", sourceId: jobId ?? null };
  await applyAll(domain, now, listOrders(graphql, UNPAID_ORDERS), change, counts);
  await applyAll(domain, now, listDraftOrders(graphql, OPEN_DRAFT_ORDERS), change, counts);
  return counts;
}

/** Re-reads what changed since the last reconciliation and corrects what missed webhooks left behind. */
export async function reconcileShop(domain: string, graphql: AdminGraphql, now: Date, jobId?: string): Promise<SyncCounts> {
  const clock = await shopClock(domain, now);
  if (!clock?.installed) return { checked: 0, corrected: 0 };
  const last = await prisma.reconciliationRun.findFirst({ where: { shopDomain: domain, status: "succeeded" }, orderBy: { startedAt: "desc" } });
  const since = new Date((last?.startedAt ?? clock.installedAt).getTime() - OVERLAP_MS);
  const run = await prisma.reconciliationRun.create({ data: { shopDomain: domain, jobId: jobId ?? null, since, startedAt: now } });
  const counts = { checked: 0, corrected: 0 };
  const change = { source: "reconcile", sourceId: run.id };
  const changedSince = `updated_at:>'${since.toISOString()}'`;
  try {
    await applyAll(domain, now, listOrders(graphql, changedSince), change, counts);
    await applyAll(domain, now, listDraftOrders(graphql, changedSince), change, counts);
    await prisma.$transaction((tx) => refreshAging(tx, clock, { source: "aging", sourceId: run.id }));
    await prisma.reconciliationRun.update({ where: { id: run.id }, data: { ...counts, status: "succeeded", finishedAt: new Date() } });
    return counts;
  } catch (error) {
    await prisma.reconciliationRun.update({ where: { id: run.id }, data: { ...counts, status: "failed", finishedAt: new Date() } });
    throw error;
  }
}

/** orders/edited carries no amounts: the order is read again. */
export async function refreshOrder(domain: string, graphql: AdminGraphql, orderGid: string, now: Date, jobId?: string): Promise<SyncCounts> {
  const clock = await shopClock(domain, now);
  const snapshot = clock?.installed ? await fetchOrder(graphql, orderGid) : null;
  if (!clock || !snapshot) return { checked: 0, corrected: 0 };
  const outcome = await prisma.$transaction((tx) => applySnapshot(tx, clock, snapshot, { source: "refresh", sourceId: jobId ?? null }));
  return { checked: 1, corrected: outcome === "created" || outcome === "changed" ? 1 : 0 };
}

/** payment_terms/* for terms Quita doesn't know yet: find their order and read it. */
export async function refreshTermsOwner(domain: string, graphql: AdminGraphql, termsId: string, now: Date, jobId?: string): Promise<SyncCounts> {
  const owner = await fetchPaymentTermsOwner(graphql, termsId);
  if (owner.orderGid) return refreshOrder(domain, graphql, owner.orderGid, now, jobId);
  // Draft orders' terms changes also fire draft_orders/update, which carries them.
  return { checked: 0, corrected: 0 };
}
