import type { ReceivableEventType } from "../ledger/transitions";

// A customer's history as their page shows it, newest first: what Shopify's
// records say (an order placed, a due date, a payment, a cancellation) and
// what collecting did (each letter and its fate, pauses and promises, notes,
// Flow triggers). Each entry carries codes and facts, never sentences: the
// page words them in the merchant's language. Agreements and incentives
// (issue #10) join as entry kinds of their own.

/** The debt an entry is about, as the merchant knows it (#1001, #D12). */
export interface DebtRef {
  receivableId: string;
  name: string;
  kind: "order" | "draft_order";
}

/** Ledger changes worth a line of their own; `created`, `due` and `overdue` are told by the order and due-date entries. */
export const LEDGER_EVENTS_SHOWN: readonly ReceivableEventType[] = [
  "partly_paid",
  "refunded",
  "amount_reduced",
  "amount_increased",
  "terms_changed",
  "authorized",
  "authorization_ended",
  "paid",
  "cancelled",
  "completed",
  "closed",
  "deleted",
  "reopened",
];

export type TimelineEntry =
  | { kind: "order_placed"; id: string; at: Date; debt: DebtRef; amount: string; currency: string }
  | { kind: "due"; id: string; at: Date; debt: DebtRef }
  | {
      kind: "ledger";
      id: string;
      at: Date;
      debt: DebtRef;
      event: ReceivableEventType;
      /** What was still owed after it, in the currency billed. */
      outstanding: string;
      currency: string;
      /** For a payment, a refund or an edit: the amount, in the shop's currency (the ledger's basis). */
      change: { amount: string; currency: string } | null;
      /** New payment terms: the due date they set (null: none yet); from a Flow workflow or the merchant. */
      newDueAt?: Date | null;
      previousDueAt?: Date | null;
      fromFlow?: boolean;
    }
  | {
      kind: "reminder";
      id: string;
      at: Date;
      status: "planned" | "sending" | "sent" | "skipped" | "failed" | "unknown";
      stageId: string;
      stageKind: string;
      channel: string;
      debts: DebtRef[];
      /** The letter exactly as stored when it was written (null: not written yet, Shopify's own reminder, or erased). */
      letter: { subject: string; body: string; recipient: string | null; locale: string | null } | null;
      reason: string | null;
    }
  | {
      kind: "hold_started";
      id: string;
      at: Date;
      hold: "pause" | "promise";
      until: Date;
      amount: string | null;
      currency: string | null;
      note: string | null;
      fromFlow: boolean;
      /** A hold on one debt rather than on the customer. */
      debt: DebtRef | null;
    }
  | {
      kind: "hold_ended";
      id: string;
      at: Date;
      hold: "pause" | "promise";
      debt: DebtRef | null;
      /** Ended early by the merchant, or a promise kept or not kept by its date. */
      outcome: "resumed" | "kept" | "broken" | null;
    }
  | { kind: "note"; id: string; at: Date; body: string }
  | { kind: "flow"; id: string; at: Date; handle: string; status: string }
  /** `invoice`: the draft order it was taken off, for a discount on an invoice (then `code` is null). */
  | {
      kind: "offer";
      id: string;
      at: Date;
      code: string | null;
      invoice: string | null;
      percentage: string | null;
      amount: string | null;
      currency: string;
      endsAt: Date;
    }
  /** An offer's last moment passed (at: its end). */
  | { kind: "offer_ended"; id: string; at: Date; code: string | null; invoice: string | null }
  /** An order used the offer's code, or the invoice was paid with its discount; `amount`: what it took off, in the shop's currency. */
  | { kind: "offer_used"; id: string; at: Date; code: string | null; invoice: string | null; order: string; amount: string; currency: string }
  | {
      kind: "agreement";
      id: string;
      at: Date;
      event: AgreementEvent;
      /** The original order (#1008). */
      order: string;
      /** The installment it is about (1 of `count`), or null for the agreement as a whole. */
      number: number | null;
      count: number;
      /** The installment's amount, or the whole agreement's, in the currency billed. */
      amount: string;
      currency: string;
      /** The installment's day in the shop's calendar (YYYY-MM-DD), or the first installment's. */
      dueOn: string;
    };

/** What happened to an installment agreement (issue #10). */
export type AgreementEvent = "offered" | "invoiced" | "paid" | "missed" | "completed" | "broken";

export type TimelineKind = TimelineEntry["kind"];

// On one instant, what happened first is listed last (newest first): an order before its due date,
// a letter before the payment it brought.
const ORDER_IN_INSTANT: Record<TimelineKind, number> = {
  order_placed: 0,
  due: 1,
  hold_started: 2,
  note: 3,
  offer: 4,
  agreement: 4,
  reminder: 5,
  flow: 6,
  ledger: 7,
  hold_ended: 8,
  offer_ended: 9,
  offer_used: 10,
};

/** Newest first; entries of one instant in the order they happen in; ties by id, so the page never reshuffles. */
export function assembleTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort(
    (a, b) => b.at.getTime() - a.at.getTime() || ORDER_IN_INSTANT[b.kind] - ORDER_IN_INSTANT[a.kind] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
