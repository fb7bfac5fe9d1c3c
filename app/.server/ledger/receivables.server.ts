import { randomUUID } from "node:crypto";
import { Prisma, type Receivable } from "../../generated/prisma/client";
import { money } from "../../domain/ledger/money";
import type { ReceivableSnapshot, ReceivableStatus, Terms } from "../../domain/ledger/snapshot";
import { bucketFor, decide, type Decision, type ReceivableEventType, type StoredReceivable } from "../../domain/ledger/transitions";
import type { AgingBucket } from "../../domain/ledger/aging";

export type Db = Prisma.TransactionClient;

export interface ShopClock {
  domain: string;
  ianaTimezone: string;
  now: Date;
}

/** Where a change came from, for the event log: a webhook (topic + id), backfill, reconcile, aging. */
export interface ChangeSource {
  source: string;
  sourceId?: string | null;
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

export function storedState(row: Receivable): StoredReceivable {
  return {
    status: row.status as ReceivableStatus,
    outstanding: money(row.outstandingAmount.toString(), row.currency),
    total: money(row.totalAmount.toString(), row.currency),
    dueAt: row.dueAt,
    terms: row.termsName || row.termsType ? { name: row.termsName, type: row.termsType, dueInDays: row.dueInDays } : null,
    agingBucket: row.agingBucket as AgingBucket,
    sourceUpdatedAt: row.sourceUpdatedAt,
  };
}

function termsColumns(terms: Terms | null) {
  return {
    paymentTermsId: terms?.id ?? null,
    termsName: terms?.name ?? null,
    termsType: terms?.type ?? null,
    dueInDays: terms?.dueInDays ?? null,
    dueAt: terms?.dueAt ?? null,
  };
}

const materialKey = (r: Pick<Receivable, "status" | "currency" | "dueAt" | "termsName" | "termsType" | "dueInDays"> & { outstanding: string; total: string }) =>
  JSON.stringify([r.status, r.currency, r.outstanding, r.total, r.dueAt?.getTime() ?? null, r.termsName, r.termsType, r.dueInDays]);

type SnapshotPlan =
  | { outcome: "stale" | "ignored" }
  | { outcome: ApplyOutcome; data: ReturnType<typeof snapshotColumns>; events: ReceivableEventType[] };

function snapshotColumns(row: Receivable | null, snapshot: ReceivableSnapshot, decision: Extract<Decision, { apply: true }>) {
  const redacted = Boolean(row?.redactedAt);
  const customer = snapshot.customer;
  return {
    kind: snapshot.kind,
    name: snapshot.name,
    status: decision.status,
    customerGid: customer?.gid ?? row?.customerGid ?? null,
    customerName: redacted ? null : customer?.name ?? row?.customerName ?? null,
    customerEmail: redacted ? null : customer?.email ?? row?.customerEmail ?? null,
    customerPhone: redacted ? null : customer?.phone ?? row?.customerPhone ?? null,
    customerLocale: customer?.locale ?? row?.customerLocale ?? null,
    // Webhook bodies name the company only by id; keep names backfill learned.
    companyGid: snapshot.company?.gid ?? null,
    companyName: snapshot.company?.name ?? (row?.companyGid === snapshot.company?.gid ? row?.companyName : null) ?? null,
    companyLocationGid: snapshot.company?.locationGid ?? null,
    companyLocationName: snapshot.company?.locationName ?? (row?.companyLocationGid === snapshot.company?.locationGid ? row?.companyLocationName : null) ?? null,
    currency: snapshot.outstanding.currency,
    totalAmount: snapshot.total.amount,
    outstandingAmount: snapshot.outstanding.amount,
    ...termsColumns(snapshot.terms),
    agingBucket: decision.agingBucket,
    sourceUpdatedAt: snapshot.updatedAt,
  };
}

/** What one snapshot does to the receivable as it stands (null: not tracked yet), before anything is written. */
function planSnapshot(row: Receivable | null, shop: ShopClock, snapshot: ReceivableSnapshot): SnapshotPlan {
  const decision = decide(row ? storedState(row) : null, snapshot, shop.now, shop.ianaTimezone);
  if (!decision.apply) return { outcome: decision.reason === "stale" ? "stale" : "ignored" };
  const data = snapshotColumns(row, snapshot, decision);
  if (!row) return { outcome: "created", data, events: decision.events };
  const before = materialKey({ ...row, outstanding: money(row.outstandingAmount.toString(), row.currency).amount, total: money(row.totalAmount.toString(), row.currency).amount });
  const after = materialKey({ ...data, outstanding: data.outstandingAmount, total: data.totalAmount });
  return { outcome: before === after ? "unchanged" : "changed", data, events: decision.events };
}

/**
 * Applies one snapshot of an order or draft order, unless a newer one is
 * already recorded. Runs inside the caller's transaction.
 */
export async function applySnapshot(db: Db, shop: ShopClock, snapshot: ReceivableSnapshot, change: ChangeSource): Promise<ApplyOutcome> {
  const row = await lockReceivable(db, shop.domain, snapshot.resourceGid);
  const plan = planSnapshot(row, shop, snapshot);
  if (!("data" in plan)) return plan.outcome;
  const saved = row
    ? await db.receivable.update({ where: { id: row.id }, data: plan.data })
    : await db.receivable.create({ data: { shopDomain: shop.domain, resourceGid: snapshot.resourceGid, ...plan.data } });
  await appendEvents(db, saved, plan.events, snapshot.updatedAt, shop.now, change);
  return plan.outcome;
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
export async function applySnapshots(db: Db, items: SnapshotChange[]): Promise<ApplyOutcome[]> {
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
  const outcomes: ApplyOutcome[] = [];
  let lastStamp = 0;
  for (const { shop, snapshot, change } of items) {
    const k = key(shop.domain, snapshot.resourceGid);
    const row = rows.get(k) ?? null;
    const plan = planSnapshot(row, shop, snapshot);
    outcomes.push(plan.outcome);
    if (!("data" in plan)) continue;
    const amounts = { totalAmount: new Prisma.Decimal(plan.data.totalAmount), outstandingAmount: new Prisma.Decimal(plan.data.outstandingAmount), updatedAt: shop.now };
    const next: Receivable = row
      ? { ...row, ...plan.data, ...amounts }
      : { id: randomUUID(), shopDomain: shop.domain, resourceGid: snapshot.resourceGid, termsUpdatedAt: null, redactedAt: null, createdAt: shop.now, ...plan.data, ...amounts };
    rows.set(k, next);
    (row && !created.has(k) ? updated : created).add(k);
    // One delivery's events after the previous one's, even within a millisecond: timelines list them by createdAt.
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    events.push(...eventRows(next, plan.events, snapshot.updatedAt, shop.now, change, {}, new Date(lastStamp)));
  }
  if (created.size) await db.$executeRawUnsafe(INSERT_RECEIVABLES, JSON.stringify([...created].map((k) => rows.get(k))));
  if (updated.size) await db.$executeRawUnsafe(UPDATE_RECEIVABLES, JSON.stringify([...updated].map((k) => rows.get(k))));
  if (events.length) await db.receivableEvent.createMany({ data: events });
  return outcomes;
}

// Every Receivable column and its type, for writing many rows from one JSON array (constant SQL, one parameter).
const COLUMNS: [string, string][] = [
  ["id", "text"], ["shopDomain", "text"], ["resourceGid", "text"], ["kind", "text"], ["name", "text"], ["status", "text"],
  ["customerGid", "text"], ["customerName", "text"], ["customerEmail", "text"], ["customerPhone", "text"], ["customerLocale", "text"],
  ["companyGid", "text"], ["companyName", "text"], ["companyLocationGid", "text"], ["companyLocationName", "text"],
  ["currency", "text"], ["totalAmount", "numeric"], ["outstandingAmount", "numeric"], ["dueAt", "timestamp(3)"],
  ["paymentTermsId", "text"], ["termsName", "text"], ["termsType", "text"], ["dueInDays", "integer"], ["termsUpdatedAt", "timestamp(3)"],
  ["agingBucket", "text"], ["sourceUpdatedAt", "timestamp(3)"], ["redactedAt", "timestamp(3)"], ["createdAt", "timestamp(3)"], ["updatedAt", "timestamp(3)"],
];
// Dates travel as ISO strings ending in Z; a timestamp without time zone ignores the zone, which is how Prisma stores UTC.
const RECORDSET = `jsonb_to_recordset($1::jsonb) AS v(${COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(", ")})`;
const INSERT_RECEIVABLES = `INSERT INTO "Receivable" (${COLUMNS.map(([c]) => `"${c}"`).join(", ")}) SELECT ${COLUMNS.map(([c]) => `v."${c}"`).join(", ")} FROM ${RECORDSET}`;
const UPDATE_RECEIVABLES = `UPDATE "Receivable" AS r SET ${COLUMNS.filter(([c]) => !["id", "shopDomain", "resourceGid", "createdAt"].includes(c)).map(([c]) => `"${c}" = v."${c}"`).join(", ")} FROM ${RECORDSET} WHERE r.id = v.id`;

export async function appendEvents(
  db: Db,
  receivable: EventSubject,
  types: ReceivableEventType[],
  happenedAt: Date,
  now: Date,
  change: ChangeSource,
  details: Record<string, string | number | null> = {},
): Promise<void> {
  if (types.length === 0) return;
  await db.receivableEvent.createMany({ data: eventRows(receivable, types, happenedAt, now, change, details) });
}

type EventSubject = Pick<Receivable, "id" | "shopDomain" | "outstandingAmount" | "currency" | "dueAt" | "agingBucket" | "status">;

function eventRows(
  receivable: EventSubject,
  types: ReceivableEventType[],
  happenedAt: Date,
  now: Date,
  change: ChangeSource,
  details: Record<string, string | number | null> = {},
  createdAt?: Date,
): Prisma.ReceivableEventCreateManyInput[] {
  return types.map((type) => ({
    receivableId: receivable.id,
    shopDomain: receivable.shopDomain,
    type,
    // Overdue is a fact of the calendar, noticed now; the rest happened when Shopify says.
    occurredAt: type === "overdue" ? now : happenedAt,
    outstandingAmount: receivable.outstandingAmount,
    currency: receivable.currency,
    source: change.source,
    sourceId: change.sourceId ?? null,
    details: { status: receivable.status, dueAt: receivable.dueAt?.toISOString() ?? null, agingBucket: receivable.agingBucket, ...details },
    ...(createdAt ? { createdAt } : {}),
  }));
}

/** payment_terms/create|update: new terms or a new due date for a receivable Quita already tracks. */
export async function applyTerms(db: Db, shop: ShopClock, terms: Terms, termsUpdatedAt: Date | null, change: ChangeSource): Promise<ApplyOutcome | "unknown"> {
  if (!terms.id) return "ignored";
  const rows = await db.receivable.findMany({ where: { shopDomain: shop.domain, paymentTermsId: terms.id } });
  if (rows.length === 0) return "unknown";
  let outcome: ApplyOutcome = "unchanged";
  for (const found of rows) {
    const row = await lockReceivable(db, shop.domain, found.resourceGid);
    if (!row || row.status === "deleted") continue;
    if (termsUpdatedAt && row.termsUpdatedAt && termsUpdatedAt < row.termsUpdatedAt) {
      outcome = "stale";
      continue;
    }
    const columns = termsColumns(terms);
    const changed = columns.termsName !== row.termsName || columns.termsType !== row.termsType || columns.dueInDays !== row.dueInDays || columns.dueAt?.getTime() !== row.dueAt?.getTime();
    const agingBucket = bucketFor(row.status as ReceivableStatus, columns.dueAt, shop.now, shop.ianaTimezone);
    const saved = await db.receivable.update({ where: { id: row.id }, data: { ...columns, termsUpdatedAt, agingBucket } });
    if (changed && row.status === "open") {
      const events: ReceivableEventType[] = ["terms_changed"];
      if (row.agingBucket === "current" && agingBucket !== "current") events.push("overdue");
      await appendEvents(db, saved, events, termsUpdatedAt ?? shop.now, shop.now, change);
    }
    if (changed) outcome = "changed";
  }
  return outcome;
}

/** payment_terms/delete: the terms are gone; an order that isn't B2B then stops being a receivable. */
export async function removeTerms(db: Db, shop: ShopClock, termsId: string, change: ChangeSource): Promise<ApplyOutcome | "unknown"> {
  const rows = await db.receivable.findMany({ where: { shopDomain: shop.domain, paymentTermsId: termsId } });
  if (rows.length === 0) return "unknown";
  for (const found of rows) {
    const row = (await lockReceivable(db, shop.domain, found.resourceGid)) ?? found;
    const stillCollectible = row.kind === "draft_order" || row.companyGid !== null;
    const status = row.status === "open" && !stillCollectible ? "closed" : row.status;
    const saved = await db.receivable.update({
      where: { id: row.id },
      data: { ...termsColumns(null), termsUpdatedAt: shop.now, status, agingBucket: "current" },
    });
    if (row.status === "open") await appendEvents(db, saved, [status === "open" ? "terms_changed" : "closed"], shop.now, shop.now, change, { reason: "payment terms removed" });
  }
  return "changed";
}

/** payment_schedules/due: the due date arrived; noted once per due date. */
export async function markDue(db: Db, shop: ShopClock, termsId: string, dueAt: Date | null, change: ChangeSource): Promise<ApplyOutcome | "unknown"> {
  const rows = await db.receivable.findMany({ where: { shopDomain: shop.domain, paymentTermsId: termsId, status: "open" } });
  if (rows.length === 0) return "unknown";
  let outcome: ApplyOutcome = "unchanged";
  for (const row of rows) {
    const when = (dueAt ?? row.dueAt ?? shop.now).toISOString();
    const already = await db.receivableEvent.findFirst({ where: { receivableId: row.id, type: "due", details: { path: ["dueAt"], equals: when } }, select: { id: true } });
    if (already) continue;
    await appendEvents(db, { ...row, dueAt: new Date(when) }, ["due"], new Date(when), shop.now, change);
    outcome = "changed";
  }
  return outcome;
}

/** draft_orders/delete (and a deleted order): the debt ends and never comes back. */
export async function markDeleted(db: Db, shop: ShopClock, resourceGid: string, change: ChangeSource): Promise<ApplyOutcome> {
  const row = await lockReceivable(db, shop.domain, resourceGid);
  if (!row || row.status === "deleted") return "ignored";
  const saved = await db.receivable.update({ where: { id: row.id }, data: { status: "deleted", agingBucket: "current" } });
  await appendEvents(db, saved, ["deleted"], shop.now, shop.now, change);
  return "changed";
}

/** Moves open receivables into their aging bucket for today, noting when one becomes overdue. */
export async function refreshAging(db: Db, shop: ShopClock, change: ChangeSource): Promise<number> {
  const open = await db.receivable.findMany({ where: { shopDomain: shop.domain, status: "open" } });
  let moved = 0;
  for (const row of open) {
    const bucket = bucketFor("open", row.dueAt, shop.now, shop.ianaTimezone);
    if (bucket === row.agingBucket) continue;
    const saved = await db.receivable.update({ where: { id: row.id }, data: { agingBucket: bucket } });
    if (row.agingBucket === "current") await appendEvents(db, saved, ["overdue"], shop.now, shop.now, change);
    moved++;
  }
  return moved;
}
