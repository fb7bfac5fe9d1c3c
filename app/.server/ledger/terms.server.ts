import type { ReceivableStatus, Terms } from "../../domain/ledger/snapshot";
import { bucketFor, isOwed, type ReceivableEventType } from "../../domain/ledger/transitions";
import { isOverdueBucket, localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { appendEvents, type ChangeSource } from "./receivable-events.server";
import { lockReceivable, termsColumns, type ApplyOutcome, type Db, type ShopClock } from "./receivables.server";

// Changes that arrive about a receivable's terms, due date or existence rather
// than as a whole order: payment_terms/*, payment_schedules/due, orders/delete
// and draft_orders/delete, and the calendar moving on.

/**
 * payment_terms/create|update: new terms or a new due date for a receivable
 * Quita already tracks. The terms' updated_at and the order's share one clock
 * (sourceUpdatedAt): whichever is newer wins, so a late, older orders/updated
 * cannot bring back a due date these terms replaced, nor these terms undo a newer order.
 */
export async function applyTerms(db: Db, shop: ShopClock, terms: Terms, termsUpdatedAt: Date, change: ChangeSource): Promise<ApplyOutcome | "unknown"> {
  if (!terms.id) return "ignored";
  const rows = await db.receivable.findMany({ where: { shopDomain: shop.domain, paymentTermsId: terms.id }, select: { resourceGid: true } });
  if (rows.length === 0) return "unknown";
  let outcome: ApplyOutcome = "unchanged";
  for (const found of rows) {
    const row = await lockReceivable(db, shop.domain, found.resourceGid);
    if (!row || row.status === "deleted") continue;
    if (termsUpdatedAt < row.sourceUpdatedAt) {
      outcome = "stale";
      continue;
    }
    const dueAt = terms.dueAt;
    const columns = termsColumns(terms, dueAt);
    const changed =
      columns.termsName !== row.termsName ||
      columns.termsType !== row.termsType ||
      columns.dueInDays !== row.dueInDays ||
      columns.dueAt?.getTime() !== row.dueAt?.getTime();
    const status = row.status as ReceivableStatus;
    const agingBucket = bucketFor(status, columns.dueAt, shop.now, shop.ianaTimezone);
    const saved = await db.receivable.update({ where: { id: row.id }, data: { ...columns, termsUpdatedAt, sourceUpdatedAt: termsUpdatedAt, agingBucket } });
    if (changed && isOwed(status)) {
      const events: ReceivableEventType[] = ["terms_changed"];
      if (status === "open" && !isOverdueBucket(row.agingBucket) && isOverdueBucket(agingBucket)) events.push("overdue");
      await appendEvents(db, saved, events, termsUpdatedAt, shop.now, change, row.dueAt ? { previousDueAt: row.dueAt.toISOString() } : {});
    }
    if (changed) outcome = "changed";
  }
  return outcome;
}

/**
 * payment_terms/delete: the terms are gone; an order that isn't B2B then stops being a receivable.
 * The body has only the id, so the deletion is as new as Shopify's trigger time (whole seconds, as
 * REST updated_at): it advances sourceUpdatedAt, so a late, older orders/updated that still carries
 * these terms is stale and cannot bring back their due date.
 */
export async function removeTerms(db: Db, shop: ShopClock, termsId: string, deletedAt: Date, change: ChangeSource): Promise<ApplyOutcome | "unknown"> {
  const at = new Date(Math.floor(deletedAt.getTime() / 1000) * 1000);
  const rows = await db.receivable.findMany({ where: { shopDomain: shop.domain, paymentTermsId: termsId }, select: { resourceGid: true } });
  if (rows.length === 0) return "unknown";
  for (const found of rows) {
    const row = await lockReceivable(db, shop.domain, found.resourceGid);
    if (!row) continue;
    const stillCollectible = row.kind === "draft_order" || row.companyGid !== null;
    const owed = isOwed(row.status as ReceivableStatus);
    const status = owed && !stillCollectible ? "closed" : row.status;
    const saved = await db.receivable.update({
      where: { id: row.id },
      data: {
        ...termsColumns(null, null),
        termsUpdatedAt: at,
        sourceUpdatedAt: at > row.sourceUpdatedAt ? at : row.sourceUpdatedAt,
        status,
        agingBucket: bucketFor(status as ReceivableStatus, null, shop.now, shop.ianaTimezone),
      },
    });
    if (owed)
      await appendEvents(db, saved, [status === "closed" ? "closed" : "terms_changed"], shop.now, shop.now, change, { reason: "payment terms removed" });
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
    const already = await db.receivableEvent.findFirst({
      where: { receivableId: row.id, type: "due", details: { path: ["dueAt"], equals: when } },
      select: { id: true },
    });
    if (already) continue;
    await appendEvents(db, { ...row, dueAt: new Date(when) }, ["due"], new Date(when), shop.now, change);
    outcome = "changed";
  }
  return outcome;
}

/** orders/delete, draft_orders/delete (or a draft Shopify no longer has): the debt ends and never comes back. */
export async function markDeleted(db: Db, shop: ShopClock, resourceGid: string, change: ChangeSource): Promise<ApplyOutcome> {
  const row = await lockReceivable(db, shop.domain, resourceGid);
  if (!row || row.status === "deleted") return "ignored";
  const saved = await db.receivable.update({ where: { id: row.id }, data: { status: "deleted", agingBucket: "current" } });
  await appendEvents(db, saved, ["deleted"], shop.now, shop.now, change);
  return "changed";
}

// The aging bucket of every owed receivable of a shop for its local date
// `today`, in SQL: calendar days between the due date and today where the shop
// is (timestamps are stored as UTC without a zone, as Prisma writes them).
// Must agree with domain/ledger/aging.ts (a test checks it does).
const BUCKET_SQL = `CASE
  WHEN r."dueAt" IS NULL THEN 'undated'
  WHEN $3::date - ((r."dueAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date <= 0 THEN 'current'
  WHEN $3::date - ((r."dueAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date <= 30 THEN '1-30'
  WHEN $3::date - ((r."dueAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date <= 60 THEN '31-60'
  WHEN $3::date - ((r."dueAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date <= 90 THEN '61-90'
  ELSE '90+' END`;
const OVERDUE = `('1-30', '31-60', '61-90', '90+')`;

// One statement, however many receivables the shop has: moved rows are
// updated and those of them that just became overdue get their event, so the
// embedded database's one connection is held for milliseconds, not a loop.
const REFRESH_AGING = `
WITH owed AS (
  SELECT r.id, r."agingBucket" AS before, ${BUCKET_SQL} AS after
  FROM "Receivable" r
  WHERE r."shopDomain" = $1 AND r.status IN ('open', 'authorized')
), moved AS (
  UPDATE "Receivable" r SET "agingBucket" = owed.after, "updatedAt" = $4
  FROM owed WHERE r.id = owed.id AND owed.before <> owed.after
  RETURNING r.id, r."shopDomain", r.status, r."dueAt", r."outstandingAmount", r.currency, owed.before, owed.after
), overdue AS (
  INSERT INTO "ReceivableEvent" (id, "receivableId", "shopDomain", type, "occurredAt", "outstandingAmount", currency, source, "sourceId", details, "createdAt")
  SELECT gen_random_uuid()::text, m.id, m."shopDomain", 'overdue', $4, m."outstandingAmount", m.currency, $5, $6,
    jsonb_build_object('status', m.status, 'dueAt', to_char(m."dueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'agingBucket', m.after), $4
  FROM moved m WHERE m.status = 'open' AND m.after IN ${OVERDUE} AND m.before NOT IN ${OVERDUE}
  RETURNING 1
)
SELECT (SELECT count(*) FROM moved)::int AS moved`;

/** Moves what is owed into its aging bucket for today, noting when an open debt becomes overdue. */
export async function refreshAging(db: Db, shop: ShopClock, change: ChangeSource): Promise<number> {
  const today = localDate(shop.now, shop.ianaTimezone);
  const zone = zoneOrUtc(shop.ianaTimezone);
  const [row] = await db.$queryRawUnsafe<{ moved: number }[]>(REFRESH_AGING, shop.domain, zone, today, shop.now, change.source, change.sourceId ?? null);
  return row?.moved ?? 0;
}
