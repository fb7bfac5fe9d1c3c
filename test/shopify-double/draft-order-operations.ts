import crypto from "node:crypto";
import { draftTotal, orderTotal } from "./order-math";
import { createOrder, recordPayment } from "./operations";
import { newLineItems, now, OperationError, touch } from "./operations-common";
import { buildTerms } from "./payment-terms-operations";
import { draftOrderPayload, orderPayload } from "./order-payloads";
import type { Cents } from "./money";
import type { DraftOrder, PurchasingCompanyRef, ShopState } from "./state";
import type { World } from "./world";

// Draft orders: created (with terms, when asked), deleted, and completed into an order.

export interface NewDraft {
  customerId: number | null;
  company?: PurchasingCompanyRef | null;
  email?: string | null;
  currency?: string;
  note?: string | null;
  lineItems: { title: string; quantity: number; unitPrice: Cents; sku?: string | null; variantId?: number | null; productId?: number | null }[];
  termsTemplateId?: number | null;
  fixedDueAt?: Date | null;
  tags?: string[];
  createdAt?: Date;
  appliedDiscount?: DraftOrder["appliedDiscount"];
}

export function createDraftOrder(w: World, shop: ShopState, input: NewDraft, opts: { silent?: boolean } = {}) {
  const at = input.createdAt ?? now(w);
  const customer = input.customerId ? shop.customers.get(input.customerId) : undefined;
  const number = shop.nextDraftNumber++;
  const d: DraftOrder = {
    id: shop.ids.take(),
    number,
    name: `#D${number}`,
    status: "OPEN",
    invoiceToken: crypto.randomBytes(16).toString("hex"),
    invoiceSentAt: null,
    completedAt: null,
    createdAt: at,
    updatedAt: at,
    currency: input.currency ?? shop.info.currency,
    lineItems: newLineItems(shop, input.lineItems),
    customerId: input.customerId,
    company: input.company ?? null,
    email: input.email ?? customer?.email ?? null,
    phone: customer?.phone ?? null,
    note: input.note ?? null,
    tags: input.tags ?? [],
    appliedDiscount: input.appliedDiscount ?? null,
    paymentTerms: null,
    orderId: null,
    taxExempt: false,
  };
  if (input.termsTemplateId) d.paymentTerms = buildTerms(shop, { kind: "draftOrder", id: d.id }, input.termsTemplateId, at, draftTotal(d), input.fixedDueAt);
  shop.draftOrders.set(d.id, d);
  if (!opts.silent) w.webhooks.emit(shop, "draft_orders/create", draftOrderPayload(shop, d));
  return d;
}

export function deleteDraftOrder(w: World, shop: ShopState, d: DraftOrder) {
  shop.draftOrders.delete(d.id);
  w.webhooks.emit(shop, "draft_orders/delete", { id: d.id });
}

/** Completing a draft creates its order: draft_orders/update then orders/create, like Shopify. */
export function completeDraftOrder(w: World, shop: ShopState, d: DraftOrder, opts: { paymentPending?: boolean } = {}) {
  if (d.status === "COMPLETED") throw new OperationError("Draft order has already been completed");
  const order = createOrder(
    w,
    shop,
    {
      customerId: d.customerId,
      company: d.company,
      currency: d.currency,
      sourceDraftOrderId: d.id,
      tags: d.tags,
      lineItems: d.lineItems.map((li) => ({ ...li })),
      termsTemplateId: opts.paymentPending ? (d.paymentTerms?.templateId ?? null) : null,
      fixedDueAt: d.paymentTerms?.schedules[0]?.dueAt ?? null,
    },
    { silent: true },
  );
  if (d.appliedDiscount) {
    // The order carries the discounted total as one adjustment line, keeping totals equal.
    const diff = draftTotal(d) - orderTotal(order);
    if (diff !== 0) order.lineItems.push(...newLineItems(shop, [{ title: d.appliedDiscount.title ?? "Discount", quantity: 1, unitPrice: diff }]));
    for (const s of order.paymentTerms?.schedules ?? []) s.amount = orderTotal(order);
  }
  if (!opts.paymentPending) recordPayment(w, shop, order, "full", { silent: true });
  Object.assign(d, { status: "COMPLETED", completedAt: now(w), orderId: order.id });
  touch(w, d);
  w.webhooks.emit(shop, "draft_orders/update", draftOrderPayload(shop, d));
  w.webhooks.emit(shop, "orders/create", orderPayload(shop, order));
  if (!opts.paymentPending) w.webhooks.emit(shop, "orders/paid", orderPayload(shop, order));
  return { draftOrder: d, order };
}
