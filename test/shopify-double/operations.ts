import crypto from "node:crypto";
import { orderAuthorized, orderOutstanding, orderTotal } from "./order-math";
import { newLineItems, now, OperationError, touch } from "./operations-common";
import { takeDiscountCode } from "./discount-use";
import { buildTerms } from "./payment-terms-operations";
import { orderPayload } from "./order-payloads";
import { shopPayload } from "./payloads";
import type { Cents } from "./money";
import type { Order, PurchasingCompanyRef, ShopState } from "./state";
import type { World } from "./world";

// Orders (created, paid, authorized and captured, cancelled, edited, deleted) and the app's
// own lifecycle (uninstall, compliance requests), each firing the webhooks Shopify would.

export interface NewOrder {
  customerId: number | null;
  company?: PurchasingCompanyRef | null;
  lineItems: { title: string; quantity: number; unitPrice: Cents; sku?: string | null; productId?: number | null; variantId?: number | null }[];
  currency?: string;
  exchangeRate?: number;
  termsTemplateId?: number | null;
  fixedDueAt?: Date | null;
  processedAt?: Date;
  shippingPrice?: Cents;
  taxPrice?: Cents;
  tags?: string[];
  poNumber?: string | null;
  sourceDraftOrderId?: number | null;
  /** A discount code the customer typed at checkout (refused as Shopify's checkout would). */
  discountCode?: string;
}

export function createOrder(w: World, shop: ShopState, input: NewOrder, opts: { silent?: boolean } = {}): Order {
  const at = input.processedAt ?? now(w);
  const customer = input.customerId ? shop.customers.get(input.customerId) : undefined;
  if (input.customerId && !customer) throw new OperationError("Customer does not exist");
  const exchangeRate = input.exchangeRate ?? 1;
  // Checked before anything is taken: a refused code places no order.
  const discountCodes = input.discountCode
    ? [takeDiscountCode(shop, input.discountCode, { customerId: input.customerId, lineItems: input.lineItems, exchangeRate }, at)]
    : [];
  const number = shop.nextOrderNumber++;
  const o: Order = {
    id: shop.ids.take(),
    number,
    name: `#${number}`,
    token: crypto.createHash("md5").update(`${shop.info.domain}:${number}:${at.getTime()}`).digest("hex"),
    createdAt: at,
    updatedAt: at,
    processedAt: at,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    presentmentCurrency: input.currency ?? shop.info.currency,
    exchangeRate,
    lineItems: newLineItems(shop, input.lineItems),
    discountCodes,
    shippingPrice: input.shippingPrice ?? 0,
    taxPrice: input.taxPrice ?? 0,
    customerId: input.customerId,
    company: input.company ?? null,
    email: customer?.email ?? null,
    phone: customer?.phone ?? null,
    customerLocale: customer?.locale ?? shop.info.locale,
    paymentTerms: null,
    transactions: [],
    tags: input.tags ?? [],
    note: null,
    poNumber: input.poNumber ?? null,
    test: false,
    sourceDraftOrderId: input.sourceDraftOrderId ?? null,
  };
  if (input.termsTemplateId) o.paymentTerms = buildTerms(shop, { kind: "order", id: o.id }, input.termsTemplateId, at, orderTotal(o), input.fixedDueAt);
  shop.orders.set(o.id, o);
  if (customer) customer.updatedAt = at;
  if (!opts.silent) w.webhooks.emit(shop, "orders/create", orderPayload(shop, o));
  return o;
}

/** A manual payment against the order; completes the payment schedule when nothing is left. */
export function recordPayment(w: World, shop: ShopState, o: Order, amount: Cents | "full", opts: { silent?: boolean; gateway?: string; at?: Date } = {}) {
  if (o.cancelledAt) throw new OperationError("Order is cancelled");
  const outstanding = orderOutstanding(o);
  if (outstanding === 0) throw new OperationError("Order is already paid");
  const cents = amount === "full" ? outstanding : Math.min(amount, outstanding);
  if (cents <= 0) throw new OperationError("Amount must be positive");
  const at = opts.at ?? now(w);
  o.transactions.push({ id: shop.ids.take(), kind: "SALE", status: "SUCCESS", amount: cents, gateway: opts.gateway ?? "manual", processedAt: at });
  o.updatedAt = at;
  const paid = orderOutstanding(o) === 0;
  if (paid && o.paymentTerms) for (const s of o.paymentTerms.schedules) if (!s.completedAt) Object.assign(s, { completedAt: at, updatedAt: at });
  if (opts.silent) return o;
  w.webhooks.emit(shop, "orders/updated", orderPayload(shop, o));
  if (paid) w.webhooks.emit(shop, "orders/paid", orderPayload(shop, o));
  return o;
}

/** A card payment authorized at checkout and not captured yet: the order is AUTHORIZED, its balance still outstanding. */
export function authorizePayment(w: World, shop: ShopState, o: Order) {
  if (o.cancelledAt) throw new OperationError("Order is cancelled");
  const outstanding = orderOutstanding(o);
  if (outstanding === 0) throw new OperationError("Order is already paid");
  o.transactions.push({ id: shop.ids.take(), kind: "AUTHORIZATION", status: "SUCCESS", amount: outstanding, gateway: "shopify_payments", processedAt: now(w) });
  touch(w, o);
  w.webhooks.emit(shop, "orders/updated", orderPayload(shop, o));
  return o;
}

/** Captures what was authorized: the order is paid. */
export function capturePayment(w: World, shop: ShopState, o: Order) {
  const authorized = orderAuthorized(o);
  if (authorized === 0) throw new OperationError("There is no authorized payment to capture");
  o.transactions.push({ id: shop.ids.take(), kind: "CAPTURE", status: "SUCCESS", amount: authorized, gateway: "shopify_payments", processedAt: now(w) });
  return recordSettled(w, shop, o);
}

function recordSettled(w: World, shop: ShopState, o: Order) {
  const at = now(w);
  o.updatedAt = at;
  const paid = orderOutstanding(o) === 0;
  if (paid && o.paymentTerms) for (const s of o.paymentTerms.schedules) if (!s.completedAt) Object.assign(s, { completedAt: at, updatedAt: at });
  w.webhooks.emit(shop, "orders/updated", orderPayload(shop, o));
  if (paid) w.webhooks.emit(shop, "orders/paid", orderPayload(shop, o));
  return o;
}

/** A merchant deletes an order (Shopify allows it for some orders): orders/delete carries only its id. */
export function deleteOrder(w: World, shop: ShopState, o: Order) {
  shop.orders.delete(o.id);
  w.webhooks.emit(shop, "orders/delete", { id: o.id });
}

export function cancelOrder(w: World, shop: ShopState, o: Order, reason = "customer") {
  if (o.cancelledAt) throw new OperationError("Order has already been cancelled");
  o.cancelledAt = o.closedAt = now(w);
  o.cancelReason = reason;
  touch(w, o);
  w.webhooks.emit(shop, "orders/cancelled", orderPayload(shop, o));
  w.webhooks.emit(shop, "orders/updated", orderPayload(shop, o));
  return o;
}

/** An order edit that adds a line: Shopify fires orders/edited (the edit) and orders/updated. */
export function editOrderAddLine(w: World, shop: ShopState, o: Order, line: { title: string; quantity: number; unitPrice: Cents }) {
  if (o.cancelledAt) throw new OperationError("Order is cancelled");
  const [li] = newLineItems(shop, [line]);
  o.lineItems.push(li);
  touch(w, o);
  for (const s of o.paymentTerms?.schedules ?? []) if (!s.completedAt) Object.assign(s, { amount: orderTotal(o), updatedAt: now(w) });
  const at = now(w);
  w.webhooks.emit(shop, "orders/edited", {
    order_edit: {
      id: shop.ids.take(),
      app_id: null,
      created_at: at.toISOString(),
      committed_at: at.toISOString(),
      notify_customer: false,
      order_id: o.id,
      staff_note: "",
      user_id: null,
      line_items: { additions: [{ id: li.id, delta: li.quantity }], removals: [] },
      discounts: { line_item: { additions: [], removals: [] } },
      shipping_lines: { additions: [], removals: [] },
    },
  });
  w.webhooks.emit(shop, "orders/updated", orderPayload(shop, o));
  return o;
}

export function uninstallApp(w: World, shop: ShopState) {
  w.webhooks.emit(shop, "app/uninstalled", shopPayload(shop), true);
  shop.installed = false;
  w.tokens.revokeShop(shop.info.domain);
  for (const [id, s] of shop.webhookSubscriptions) if (!s.fromToml) shop.webhookSubscriptions.delete(id);
}

export function complianceRequest(w: World, shop: ShopState, kind: "customers/data_request" | "customers/redact" | "shop/redact", customerId?: number) {
  const base = { shop_id: shop.info.id, shop_domain: shop.info.domain };
  if (kind === "shop/redact") return w.webhooks.emit(shop, kind, base, true);
  const c = customerId ? shop.customers.get(customerId) : undefined;
  if (!c) throw new OperationError("Customer not found");
  const orders = [...shop.orders.values()].filter((o) => o.customerId === c.id).map((o) => o.id);
  const customer = { id: c.id, email: c.email ?? "", phone: c.phone ?? "" };
  const payload =
    kind === "customers/redact"
      ? { ...base, customer, orders_to_redact: orders }
      : { ...base, customer, orders_requested: orders, data_request: { id: shop.ids.take() } };
  return w.webhooks.emit(shop, kind, payload, true);
}
