import type { Cents } from "./money";
import type { DraftOrder, Order, PaymentTerms, ShopState } from "./state";

// Derived order figures, computed on read so a payment or edit can never leave them stale.

export const lineTotal = (items: { quantity: number; unitPrice: Cents }[]) => items.reduce((sum, li) => sum + li.quantity * li.unitPrice, 0);

/** What discount codes took off the line items. */
export const orderDiscounts = (o: Order) => (o.discountCodes ?? []).reduce((sum, d) => sum + d.amount, 0);
/** Line items less discounts, as Shopify's subtotal_price is. */
export const orderSubtotal = (o: Order) => lineTotal(o.lineItems) - orderDiscounts(o);
export const orderTotal = (o: Order) => orderSubtotal(o) + o.shippingPrice + o.taxPrice;

export function orderReceived(o: Order): Cents {
  let sum = 0;
  for (const t of o.transactions) {
    if (t.status !== "SUCCESS") continue;
    if (t.kind === "SALE" || t.kind === "CAPTURE") sum += t.amount;
    if (t.kind === "REFUND") sum -= t.amount;
  }
  return sum;
}

export const orderOutstanding = (o: Order) => (o.cancelledAt ? 0 : Math.max(0, orderTotal(o) - orderReceived(o)));

/** Authorized and not yet captured (nor voided): money secured, not received. */
export function orderAuthorized(o: Order): Cents {
  let sum = 0;
  for (const t of o.transactions) {
    if (t.status !== "SUCCESS") continue;
    if (t.kind === "AUTHORIZATION") sum += t.amount;
    if (t.kind === "CAPTURE" || t.kind === "VOID") sum -= t.amount;
  }
  return Math.max(0, sum);
}

export function financialStatus(o: Order): "PAID" | "PARTIALLY_PAID" | "PENDING" | "VOIDED" | "AUTHORIZED" {
  const received = orderReceived(o);
  if (received >= orderTotal(o) && received > 0) return "PAID";
  if (received > 0) return "PARTIALLY_PAID";
  if (o.cancelledAt) return "VOIDED";
  return orderAuthorized(o) > 0 ? "AUTHORIZED" : "PENDING";
}

export const toShopMoney = (o: { exchangeRate: number }, cents: Cents) => Math.round(cents * o.exchangeRate);

export function draftTotal(d: DraftOrder): Cents {
  const subtotal = lineTotal(d.lineItems);
  const disc = d.appliedDiscount;
  if (!disc) return subtotal;
  const off = disc.valueType === "PERCENTAGE" ? Math.round((subtotal * disc.value) / 100) : Math.round(disc.value * 100);
  return Math.max(0, subtotal - off);
}

/** Balance of one schedule: B2B terms in the double carry a single schedule for the balance. */
export function scheduleBalance(shop: ShopState, terms: PaymentTerms, scheduleId: number): Cents {
  const s = terms.schedules.find((x) => x.id === scheduleId);
  if (!s || s.completedAt) return 0;
  if (terms.owner.kind === "order") {
    const o = shop.orders.get(terms.owner.id);
    return o ? orderOutstanding(o) : s.amount;
  }
  const d = shop.draftOrders.get(terms.owner.id);
  return d ? draftTotal(d) : s.amount;
}

export const isOverdue = (terms: PaymentTerms, now: Date) =>
  terms.schedules.some((s) => !s.completedAt && s.dueAt !== null && s.dueAt.getTime() < now.getTime());

export const isDue = (terms: PaymentTerms, now: Date) => terms.schedules.some((s) => !s.completedAt && s.dueAt !== null && s.dueAt.getTime() <= now.getTime());

// In the order Shopify lists them (conformance/2025-01/payments/payment-terms-templates-read.json).
export const TERMS_TEMPLATES = [
  { id: 1, name: "Due on receipt", type: "RECEIPT", dueInDays: null, description: "Due on receipt" },
  { id: 9, name: "Due on fulfillment", type: "FULFILLMENT", dueInDays: null, description: "Due on fulfillment" },
  { id: 2, name: "Net 7", type: "NET", dueInDays: 7, description: "Within 7 days" },
  { id: 3, name: "Net 15", type: "NET", dueInDays: 15, description: "Within 15 days" },
  { id: 4, name: "Net 30", type: "NET", dueInDays: 30, description: "Within 30 days" },
  { id: 8, name: "Net 45", type: "NET", dueInDays: 45, description: "Within 45 days" },
  { id: 5, name: "Net 60", type: "NET", dueInDays: 60, description: "Within 60 days" },
  { id: 6, name: "Net 90", type: "NET", dueInDays: 90, description: "Within 90 days" },
  { id: 7, name: "Fixed", type: "FIXED", dueInDays: null, description: "Fixed date" },
] as const;
