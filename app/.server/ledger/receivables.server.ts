import { randomUUID } from "node:crypto";
import { Prisma, type Receivable } from "../../generated/prisma/client";
import { money } from "../../domain/ledger/money";
import { settleAmounts, type SettledAmounts } from "../../domain/ledger/amounts";
import type { Amounts, ReceivableSnapshot, ReceivableStatus, Terms } from "../../domain/ledger/snapshot";
import { decide, type Decision, type EventFacts, type ReceivableEventType, type StoredReceivable } from "../../domain/ledger/transitions";
import type { AgingBucket } from "../../domain/ledger/aging";
import { appendEvents, eventRows, type ChangeSource } from "./receivable-events.server";
import { insertReceivables, updateReceivables } from "./receivable-rows.server";

export type { ChangeSource } from "./receivable-events.server";
export type Db = Prisma.TransactionClient;

export interface ShopClock {
  domain: string;
  ianaTimezone: string;
  /** The shop's own currency: a draft body in another currency is converted at the ledger's last known rate. */
  currency?: string | null;
  now: Date;
}

/** Two first sightings of one resource at once: the loser's insert hits the unique key; once more sees the winner's row. */
export async function withRetryOnConflict<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return work();
  }
}

export type ApplyOutcome = "created" | "changed" | "unchanged" | "stale" | "ignored";

// Two deliveries about one order must not interleave their read-compare-write:
// the row is read FOR UPDATE, so the second waits for the first to commit and
// then sees its result. Two first sightings of one order at once collide on
// the unique key instead; the caller's transaction is then retried.
export async function lockReceivable(db: Db, shopDomain: string, resourceGid: string): Promise<Receivable | null> {
  const rows = await db.$queryRaw<Receivable[]>`
    SELECT * FROM "Receivable" WHERE "shopDomain" = ${shopDomain} AND "resourceGid" = ${resourceGid} FOR UPDATE`;
  return rows[0] ?? null;
}

const amountsOfRow = (row: Receivable): { billed: Amounts; shop: Amounts } => ({
  billed: { total: money(row.totalAmount.toString(), row.currency), outstanding: money(row.outstandingAmount.toString(), row.currency) },
  shop: { total: money(row.shopTotalAmount.toString(), row.shopCurrency), outstanding: money(row.shopOutstandingAmount.toString(), row.shopCurrency) },
});

export function storedState(row: Receivable): StoredReceivable {
  return {
    status: row.status as ReceivableStatus,
    ...amountsOfRow(row),
    dueAt: row.dueAt,
    terms: row.termsName || row.termsType ? { name: row.termsName, type: row.termsType, dueInDays: row.dueInDays } : null,
    agingBucket: row.agingBucket as AgingBucket,
    sourceUpdatedAt: row.sourceUpdatedAt,
  };
}

export function termsColumns(terms: Terms | null, dueAt: Date | null) {
  return { paymentTermsId: terms?.id ?? null, termsName: terms?.name ?? null, termsType: terms?.type ?? null, dueInDays: terms?.dueInDays ?? null, dueAt };
}

type Columns = ReturnType<typeof snapshotColumns>;

function snapshotColumns(row: Receivable | null, snapshot: ReceivableSnapshot, amounts: SettledAmounts, decision: Extract<Decision, { apply: true }>) {
  const redacted = Boolean(row?.redactedAt);
  const customer = snapshot.customer;
  return {
    kind: snapshot.kind,
    name: snapshot.name,
    status: decision.status,
    customerGid: customer?.gid ?? row?.customerGid ?? null,
    customerName: redacted ? null : (customer?.name ?? row?.customerName ?? null),
    customerEmail: redacted ? null : (customer?.email ?? row?.customerEmail ?? null),
    customerPhone: redacted ? null : (customer?.phone ?? row?.customerPhone ?? null),
    customerLocale: customer?.locale ?? row?.customerLocale ?? null,
    // Webhook bodies name the company only by id; keep names backfill learned.
    companyGid: snapshot.company?.gid ?? null,
    companyName: snapshot.company?.name ?? (row?.companyGid === snapshot.company?.gid ? row?.companyName : null) ?? null,
    companyLocationGid: snapshot.company?.locationGid ?? null,
    companyLocationName:
      snapshot.company?.locationName ?? (row?.companyLocationGid === snapshot.company?.locationGid ? row?.companyLocationName : null) ?? null,
    currency: amounts.billed.outstanding.currency,
    totalAmount: amounts.billed.total.amount,
    outstandingAmount: amounts.billed.outstanding.amount,
    shopCurrency: amounts.shop.outstanding.currency,
    shopTotalAmount: amounts.shop.total.amount,
    shopOutstandingAmount: amounts.shop.outstanding.amount,
    placedAt: snapshot.placedAt ?? row?.placedAt ?? null,
    paymentUrl: snapshot.paymentUrl ?? row?.paymentUrl ?? null,
    ...termsColumns(snapshot.terms, snapshot.dueAt),
    agingBucket: decision.agingBucket,
    sourceUpdatedAt: snapshot.updatedAt,
  };
}

interface Material {
  status: string;
  currency: string;
  shopCurrency: string;
  dueAt: Date | null;
  termsName: string | null;
  termsType: string | null;
  dueInDays: number | null;
  totalAmount: string;
  outstandingAmount: string;
  shopTotalAmount: string;
  shopOutstandingAmount: string;
}
const materialKey = (c: Material) =>
  JSON.stringify([
    c.status,
    c.currency,
    c.totalAmount,
    c.outstandingAmount,
    c.shopCurrency,
    c.shopTotalAmount,
    c.shopOutstandingAmount,
    c.dueAt?.getTime() ?? null,
    c.termsName,
    c.termsType,
    c.dueInDays,
  ]);

function rowColumns(row: Receivable): Material {
  const { billed, shop } = amountsOfRow(row);
  return {
    ...row,
    totalAmount: billed.total.amount,
    outstandingAmount: billed.outstanding.amount,
    shopTotalAmount: shop.total.amount,
    shopOutstandingAmount: shop.outstanding.amount,
  };
}

type SnapshotPlan =
  { outcome: "stale" | "ignored"; exact: true } | { outcome: ApplyOutcome; data: Columns; events: ReceivableEventType[]; facts: EventFacts; exact: boolean };

/**
 * An invoiced draft without terms is due when its invoice first went out. Shopify moves `invoiceSentAt`
 * each time the invoice is sent again, and a friendly reminder about a draft is sent that way
 * (draftOrderInvoiceSend): that must not push the due date, and the cadence with it, forward.
 */
function firstInvoiceDue(row: Receivable | null, snapshot: ReceivableSnapshot): ReceivableSnapshot {
  const untermed = snapshot.kind === "draft_order" && !snapshot.terms && row && !row.paymentTermsId && !row.termsType;
  return untermed && row.dueAt && snapshot.dueAt && row.dueAt < snapshot.dueAt ? { ...snapshot, dueAt: row.dueAt } : snapshot;
}

/** What one snapshot does to the receivable as it stands (null: not tracked yet), before anything is written. */
function planSnapshot(row: Receivable | null, shop: ShopClock, received: ReceivableSnapshot): SnapshotPlan {
  const snapshot = firstInvoiceDue(row, received);
  const amounts = settleAmounts(snapshot, row ? amountsOfRow(row) : null, shop.currency ?? null);
  const decision = decide(row ? storedState(row) : null, snapshot, amounts, shop.now, shop.ianaTimezone);
  if (!decision.apply) return { outcome: decision.reason === "stale" ? "stale" : "ignored", exact: true };
  const data = snapshotColumns(row, snapshot, amounts, decision);
  const outcome: ApplyOutcome = !row ? "created" : materialKey(rowColumns(row)) === materialKey(data) ? "unchanged" : "changed";
  return { outcome, data, events: decision.events, facts: decision.facts, exact: amounts.exact };
}

export interface SnapshotResult {
  outcome: ApplyOutcome;
  /** A figure was worked out from the other currency's: read the resource again for Shopify's own. */
  reread: boolean;
}

/**
 * Applies one snapshot of an order or draft order, unless a newer one is
 * already recorded. Runs inside the caller's transaction.
 */
export async function applySnapshot(db: Db, shop: ShopClock, snapshot: ReceivableSnapshot, change: ChangeSource): Promise<ApplyOutcome> {
  return (await applySnapshotWithResult(db, shop, snapshot, change)).outcome;
}

export async function applySnapshotWithResult(db: Db, shop: ShopClock, snapshot: ReceivableSnapshot, change: ChangeSource): Promise<SnapshotResult> {
  const row = await lockReceivable(db, shop.domain, snapshot.resourceGid);
  const plan = planSnapshot(row, shop, snapshot);
  if (!("data" in plan)) return { outcome: plan.outcome, reread: false };
  const saved = row
    ? await db.receivable.update({ where: { id: row.id }, data: plan.data })
    : await db.receivable.create({ data: { shopDomain: shop.domain, resourceGid: snapshot.resourceGid, ...plan.data } });
  await appendEvents(db, saved, plan.events, snapshot.updatedAt, shop.now, change, plan.facts);
  return { outcome: plan.outcome, reread: !plan.exact };
}

export interface SnapshotChange {
  shop: ShopClock;
  snapshot: ReceivableSnapshot;
  change: ChangeSource;
}

/**
 * applySnapshot for many snapshots, in order, in a few statements instead of
 * three per snapshot: every receivable they name is locked at once (in id
 * order, so two appliers can't deadlock on them), the snapshots are decided
 * one after the other against the rows as the previous ones left them, and
 * the results are written together. Two first sightings of one resource in
 * two transactions still collide on the unique key; the caller then applies
 * them one by one.
 */
export async function applySnapshots(db: Db, items: SnapshotChange[]): Promise<SnapshotResult[]> {
  if (items.length === 0) return [];
  const key = (domain: string, gid: string) => `${domain} ${gid}`;
  const locked = await db.$queryRaw<Receivable[]>`
    SELECT * FROM "Receivable"
    WHERE ("shopDomain", "resourceGid") IN (SELECT * FROM unnest(${items.map((i) => i.shop.domain)}::text[], ${items.map((i) => i.snapshot.resourceGid)}::text[]))
    ORDER BY id FOR UPDATE`;
  const rows = new Map(locked.map((r) => [key(r.shopDomain, r.resourceGid), r]));
  const created = new Set<string>();
  const updated = new Set<string>();
  const events: Prisma.ReceivableEventCreateManyInput[] = [];
  const results: SnapshotResult[] = [];
  let lastStamp = 0;
  for (const { shop, snapshot, change } of items) {
    const k = key(shop.domain, snapshot.resourceGid);
    const row = rows.get(k) ?? null;
    const plan = planSnapshot(row, shop, snapshot);
    results.push({ outcome: plan.outcome, reread: !plan.exact });
    if (!("data" in plan)) continue;
    const decimals = {
      totalAmount: new Prisma.Decimal(plan.data.totalAmount),
      outstandingAmount: new Prisma.Decimal(plan.data.outstandingAmount),
      shopTotalAmount: new Prisma.Decimal(plan.data.shopTotalAmount),
      shopOutstandingAmount: new Prisma.Decimal(plan.data.shopOutstandingAmount),
      updatedAt: shop.now,
    };
    const next: Receivable = row
      ? { ...row, ...plan.data, ...decimals }
      : {
          id: randomUUID(),
          shopDomain: shop.domain,
          resourceGid: snapshot.resourceGid,
          termsUpdatedAt: null,
          redactedAt: null,
          createdAt: shop.now,
          ...plan.data,
          ...decimals,
        };
    rows.set(k, next);
    (row && !created.has(k) ? updated : created).add(k);
    // One delivery's events after the previous one's, even within a millisecond: timelines list them by createdAt.
    // eslint-disable-next-line no-restricted-syntax -- wall time only orders events by createdAt within one process; their occurredAt is business time
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    events.push(...eventRows(next, plan.events, snapshot.updatedAt, shop.now, change, plan.facts, new Date(lastStamp)));
  }
  await insertReceivables(
    db,
    [...created].map((k) => rows.get(k)!),
  );
  await updateReceivables(
    db,
    [...updated].map((k) => rows.get(k)!),
  );
  if (events.length) await db.receivableEvent.createMany({ data: events });
  return results;
}
