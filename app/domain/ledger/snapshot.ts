import { proportion, toUnits, type Money } from "./money";

// A receivable as one moment's view of a Shopify order or draft order,
// whichever way it arrived (webhook body, or Admin GraphQL in backfill).

/**
 * open: a debt to collect. authorized: the money is secured (awaiting
 * capture), so nobody is chased for it. The rest are endings.
 */
export type ReceivableStatus = "open" | "authorized" | "paid" | "cancelled" | "voided" | "refunded" | "completed" | "closed" | "deleted";

/** Statuses in which something is still owed: counted in totals, though only `open` is chased. */
export const OWED_STATUSES: readonly ReceivableStatus[] = ["open", "authorized"];

export interface CustomerRef {
  gid: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

export interface CompanyRef {
  gid: string;
  name: string | null;
  locationGid: string | null;
  locationName: string | null;
}

export interface Terms {
  id: string | null; // numeric tail of the terms' id
  name: string | null;
  type: string | null; // net | fixed | fulfillment | receipt
  dueInDays: number | null;
  dueAt: Date | null;
}

export interface Amounts {
  total: Money;
  outstanding: Money;
}

export interface ReceivableSnapshot {
  resourceGid: string;
  kind: "order" | "draft_order";
  name: string;
  /** Whether Quita collects on this resource at all (terms, B2B, or an invoiced draft). */
  collectible: boolean;
  status: ReceivableStatus;
  customer: CustomerRef | null;
  company: CompanyRef | null;
  /** What the customer was billed in and owes (presentment money): what letters say. */
  billed: Amounts;
  /**
   * Whether billed.outstanding is Shopify's own figure. A REST order body in a
   * foreign currency gives the outstanding amount in the shop's currency only;
   * the billed one is then the same share of the billed total (exact when
   * nothing or everything is paid) until the order is read again.
   */
  billedOutstandingExact: boolean;
  /** The same in the shop's currency, what the merchant's totals add up; null when the source doesn't say. */
  shop: Amounts | null;
  terms: Terms | null;
  /** When payment is due: the first unpaid schedule's date; an invoiced draft without terms is due when its invoice went out. */
  dueAt: Date | null;
  /** When the order was placed (a draft: created). */
  placedAt: Date | null;
  /** Where the customer pays: the order's status page, or the draft's invoice (checkout). */
  paymentUrl: string | null;
  updatedAt: Date;
}

export class PayloadError extends Error {
  override name = "PayloadError";
}

/**
 * The billed outstanding amount for a foreign-currency order whose source
 * gives it in the shop's currency only: the same share of the billed total.
 */
export function billedShareOfShop(billedTotal: Money, shop: Amounts): { outstanding: Money; exact: boolean } {
  const owed = toUnits(shop.outstanding.amount);
  const exact = owed === 0n || owed === toUnits(shop.total.amount);
  return { outstanding: proportion(shop.outstanding, billedTotal, shop.total, billedTotal.currency), exact };
}

/** Status of an order from its financial status, cancellation and what is still owed. */
export function orderStatus(financial: string, cancelled: boolean, outstanding: Money): ReceivableStatus {
  const owed = toUnits(outstanding.amount) > 0n;
  if (cancelled) return "cancelled";
  switch (financial.toLowerCase()) {
    case "voided":
      return "voided";
    case "refunded":
    case "partially_refunded":
      return owed ? "open" : "refunded";
    case "paid":
      return owed ? "open" : "paid";
    // Authorized: the payment is secured and awaits capture.
    case "authorized":
      return owed ? "authorized" : "paid";
    default:
      return owed ? "open" : "paid";
  }
}

/** The first schedule still unpaid is the one the customer must meet next. */
export function nextScheduleDue(schedules: { dueAt: Date | null; completed: boolean }[]): Date | null {
  const next = schedules.find((s) => !s.completed) ?? schedules[0];
  return next?.dueAt ?? null;
}
