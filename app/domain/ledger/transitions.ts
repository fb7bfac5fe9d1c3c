import { agingBucket, type AgingBucket } from "./aging";
import { compare, type Money } from "./money";
import type { ReceivableSnapshot, ReceivableStatus, Terms } from "./snapshot";

// What a new snapshot does to the ledger: whether it may be applied at all
// (Shopify delivers late, twice and out of order) and which events the
// customer's timeline gains.

export type ReceivableEventType =
  | "created" | "partly_paid" | "amount_changed" | "terms_changed" | "due" | "overdue"
  | "paid" | "cancelled" | "closed" | "deleted" | "reopened";

export interface StoredReceivable {
  status: ReceivableStatus;
  outstanding: Money;
  total: Money;
  dueAt: Date | null;
  terms: Pick<Terms, "name" | "type" | "dueInDays"> | null;
  agingBucket: AgingBucket;
  sourceUpdatedAt: Date;
}

export type Decision =
  | { apply: false; reason: "stale" | "not_collectible" | "deleted" }
  | { apply: true; status: ReceivableStatus; agingBucket: AgingBucket; events: ReceivableEventType[] };

const ENDING: Partial<Record<ReceivableStatus, ReceivableEventType>> = {
  paid: "paid", cancelled: "cancelled", voided: "cancelled", refunded: "closed", completed: "closed", closed: "closed",
};

export function bucketFor(status: ReceivableStatus, dueAt: Date | null, now: Date, timeZone: string): AgingBucket {
  return status === "open" ? agingBucket(dueAt, now, timeZone) : "current";
}

const termsKey = (t: StoredReceivable["terms"], dueAt: Date | null) =>
  JSON.stringify([t?.name ?? null, t?.type ?? null, t?.dueInDays ?? null, dueAt?.getTime() ?? null]);

export function decide(prev: StoredReceivable | null, next: ReceivableSnapshot, now: Date, timeZone: string): Decision {
  if (prev?.status === "deleted") return { apply: false, reason: "deleted" };
  if (prev && next.updatedAt.getTime() < prev.sourceUpdatedAt.getTime()) return { apply: false, reason: "stale" };
  // REST updated_at has whole seconds: orders/create and orders/cancelled of one
  // moment tie. On a tie an ended debt is not reopened; anything else applies.
  if (prev && next.updatedAt.getTime() === prev.sourceUpdatedAt.getTime() && prev.status !== "open" && next.status === "open") {
    return { apply: false, reason: "stale" };
  }
  if (!prev && !next.collectible) return { apply: false, reason: "not_collectible" };

  // An order that lost its terms and is not B2B is no longer Quita's to collect.
  const status: ReceivableStatus = !next.collectible && next.status === "open" ? "closed" : next.status;
  const dueAt = next.terms?.dueAt ?? null;
  const bucket = bucketFor(status, dueAt, now, timeZone);
  const events: ReceivableEventType[] = [];

  if (!prev) {
    if (status === "open") events.push("created");
    if (status === "open" && bucket !== "current") events.push("overdue");
    return { apply: true, status, agingBucket: bucket, events };
  }
  if (prev.status !== "open" && status === "open") events.push("reopened");
  if (prev.status === "open" && status === "open") {
    const sameCurrency = prev.outstanding.currency === next.outstanding.currency;
    const change = sameCurrency ? compare(next.outstanding, prev.outstanding) : 1;
    if (change < 0) events.push("partly_paid");
    if (change > 0) events.push("amount_changed");
    if (termsKey(prev.terms, prev.dueAt) !== termsKey(next.terms, dueAt)) events.push("terms_changed");
  }
  if (status === "open" && bucket !== "current" && (prev.agingBucket === "current" || prev.status !== "open")) events.push("overdue");
  if (prev.status === "open" && status !== "open") events.push(ENDING[status] ?? "closed");
  return { apply: true, status, agingBucket: bucket, events };
}
