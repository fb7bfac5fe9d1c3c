import { agingBucket, isOverdueBucket, type AgingBucket } from "./aging";
import { fromUnits, toUnits, type Money } from "./money";
import type { SettledAmounts } from "./amounts";
import { OWED_STATUSES, type Amounts, type ReceivableSnapshot, type ReceivableStatus, type Terms } from "./snapshot";

// What a new snapshot does to the ledger: whether it may be applied at all
// (Shopify delivers late, twice and out of order) and which events the
// customer's timeline gains.

export type ReceivableEventType =
  | "created"
  | "partly_paid"
  | "refunded"
  | "amount_reduced"
  | "amount_increased"
  | "terms_changed"
  | "due"
  | "overdue"
  | "authorized"
  | "authorization_ended"
  | "paid"
  | "cancelled"
  | "completed"
  | "closed"
  | "deleted"
  | "reopened"
  // Recorded before the money basis was kept (docs/decisions/008); no longer written.
  | "amount_changed";

export interface StoredReceivable {
  status: ReceivableStatus;
  billed: Amounts;
  shop: Amounts;
  dueAt: Date | null;
  terms: Pick<Terms, "name" | "type" | "dueInDays"> | null;
  agingBucket: AgingBucket;
  /** The newest `updated_at` applied, of the order or of its terms: one clock for both. */
  sourceUpdatedAt: Date;
}

/** Facts the events of one decision share on the timeline (decimal strings in the shop's currency). */
export type EventFacts = Record<string, string>;

export type Decision =
  | { apply: false; reason: "stale" | "not_collectible" | "deleted" }
  | { apply: true; status: ReceivableStatus; agingBucket: AgingBucket; events: ReceivableEventType[]; facts: EventFacts };

const ENDING: Partial<Record<ReceivableStatus, ReceivableEventType>> = {
  paid: "paid",
  cancelled: "cancelled",
  voided: "cancelled",
  refunded: "closed",
  completed: "completed",
  closed: "closed",
};

export const isOwed = (status: ReceivableStatus) => OWED_STATUSES.includes(status);

/** Only what is owed ages; the rest sits in "current". */
export function bucketFor(status: ReceivableStatus, dueAt: Date | null, now: Date, timeZone: string): AgingBucket {
  return isOwed(status) ? agingBucket(dueAt, now, timeZone) : "current";
}

const termsKey = (t: StoredReceivable["terms"], dueAt: Date | null) =>
  JSON.stringify([t?.name ?? null, t?.type ?? null, t?.dueInDays ?? null, dueAt?.getTime() ?? null]);

const delta = (after: Money, before: Money) => toUnits(after.amount) - toUnits(before.amount);

/**
 * How the money moved, on the shop-currency basis: outstanding = total − paid,
 * so a fall in what is owed is a payment only when the paid amount rose; a
 * lower total is an edit (lines removed, a refund that took lines back), and a
 * lower paid amount is money returned.
 */
function moneyEvents(prev: Amounts, next: Amounts): { events: ReceivableEventType[]; facts: EventFacts; paid: bigint } {
  if (prev.total.currency !== next.total.currency) return { events: [], facts: {}, paid: 0n }; // the basis itself was corrected
  const total = delta(next.total, prev.total);
  const paid = total - delta(next.outstanding, prev.outstanding);
  const events: ReceivableEventType[] = [];
  const facts: EventFacts = {};
  if (paid > 0n) facts.paid = fromUnits(paid);
  if (paid < 0n) {
    events.push("refunded");
    facts.refunded = fromUnits(-paid);
  }
  if (total !== 0n) {
    events.push(total < 0n ? "amount_reduced" : "amount_increased");
    facts.totalChange = fromUnits(total);
  }
  return { events, facts, paid };
}

function ending(status: ReceivableStatus, prevStatus: ReceivableStatus, paid: bigint): ReceivableEventType {
  // Settled by an edit that left nothing to pay is not a payment; a capture of an authorization is.
  if (status === "paid" && paid <= 0n && prevStatus !== "authorized") return "closed";
  return ENDING[status] ?? "closed";
}

export function decide(prev: StoredReceivable | null, next: ReceivableSnapshot, amounts: SettledAmounts, now: Date, timeZone: string): Decision {
  if (prev?.status === "deleted") return { apply: false, reason: "deleted" };
  if (prev && next.updatedAt.getTime() < prev.sourceUpdatedAt.getTime()) return { apply: false, reason: "stale" };
  // REST updated_at has whole seconds: orders/create and orders/cancelled of one
  // moment tie. On a tie an ended debt is not reopened; anything else applies.
  if (prev && next.updatedAt.getTime() === prev.sourceUpdatedAt.getTime() && !isOwed(prev.status) && isOwed(next.status)) {
    return { apply: false, reason: "stale" };
  }
  // A draft's invoice is never unsent: the draft as it was before its invoice went out (draft_orders/create
  // of the same second, delivered last) is older news, not a debt to close.
  const tie = prev && next.updatedAt.getTime() === prev.sourceUpdatedAt.getTime();
  if (tie && next.kind === "draft_order" && !next.collectible && isOwed(prev.status)) return { apply: false, reason: "stale" };
  if (!prev && !next.collectible) return { apply: false, reason: "not_collectible" };

  // An order that lost its terms and is not B2B is no longer Quita's to collect.
  const status: ReceivableStatus = !next.collectible && isOwed(next.status) ? "closed" : next.status;
  const bucket = bucketFor(status, next.dueAt, now, timeZone);
  const events: ReceivableEventType[] = [];
  const facts: EventFacts = { shopOutstanding: amounts.shop.outstanding.amount, shopCurrency: amounts.shop.outstanding.currency };

  if (!prev) {
    if (isOwed(status)) events.push("created");
    if (status === "authorized") events.push("authorized");
    if (status === "open" && isOverdueBucket(bucket)) events.push("overdue");
    return { apply: true, status, agingBucket: bucket, events, facts };
  }
  const moved = moneyEvents(prev.shop, amounts.shop);
  if (!isOwed(prev.status) && isOwed(status)) events.push("reopened");
  if (isOwed(prev.status) && isOwed(status)) {
    if (moved.paid > 0n) events.push("partly_paid");
    events.push(...moved.events);
    if (termsKey(prev.terms, prev.dueAt) !== termsKey(next.terms, next.dueAt)) {
      events.push("terms_changed");
      // The due date it replaced: the timeline says what moved, the debt's row keeps only the new one.
      if (prev.dueAt) facts.previousDueAt = prev.dueAt.toISOString();
    }
    if (prev.status === "open" && status === "authorized") events.push("authorized");
    if (prev.status === "authorized" && status === "open") events.push("authorization_ended");
  }
  if (status === "open" && isOverdueBucket(bucket) && (!isOverdueBucket(prev.agingBucket) || prev.status !== "open")) events.push("overdue");
  if (isOwed(prev.status) && !isOwed(status)) {
    events.push(...moved.events.filter((e) => e !== "amount_reduced" || status !== "cancelled"));
    events.push(ending(status, prev.status, moved.paid));
  }
  return { apply: true, status, agingBucket: bucket, events, facts: { ...facts, ...moved.facts } };
}
