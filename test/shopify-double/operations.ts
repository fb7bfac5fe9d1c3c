import crypto from "node:crypto";
import { DAY_MS } from "./clock";
import { draftTotal, orderAuthorized, orderOutstanding, orderTotal, TERMS_TEMPLATES } from "./order-math";
import { draftOrderPayload, orderPayload, paymentSchedulePayload, paymentTermsPayload, shopPayload } from "./payloads";
import type { Cents } from "./money";
import type { DraftOrder, LineItem, Order, PaymentTerms, PurchasingCompanyRef, ShopState } from "./state";
import type { World } from "./world";

// Every state change goes through here, whether it comes from a GraphQL mutation, a test
// control or the seed, so each one bumps updated_at and fires the webhooks Shopify would.

export class OperationError extends Error {}

const now = (w: World) => w.clock.now();

export function newLineItems(
  shop: ShopState,
  items: { title: string; quantity: number; unitPrice: Cents; sku?: string | null; productId?: number | null; variantId?: number | null }[],
): LineItem[] {
  return items.map((li) => ({
    id: shop.ids.take(),
    title: li.title,
    sku: li.sku ?? null,
    quantity: li.quantity,
    unitPrice: li.unitPrice,
    productId: li.productId ?? null,
    variantId: li.variantId ?? null,
    vendor: shop.info.name,
  }));
}

export function buildTerms(
  shop: ShopState,
  owner: PaymentTerms["owner"],
  templateId: number,
  issuedAt: Date,
  amount: Cents,
  fixedDueAt?: Date | null,
): PaymentTerms {
  const tpl = TERMS_TEMPLATES.find((t) => t.id === templateId);
  if (!tpl) throw new OperationError("Payment terms template not found");
  if (tpl.type === "FIXED" && !fixedDueAt) throw new OperationError("A due date is required for fixed payment terms");
  const dueAt = tpl.type === "NET" ? new Date(issuedAt.getTime() + tpl.dueInDays! * DAY_MS) : tpl.type === "FIXED" ? fixedDueAt! : null;
  const id = shop.ids.take();
  return {
    id,
    templateId,
    name: tpl.type === "FIXED" ? "Fixed" : tpl.name,
    type: tpl.type,
    dueInDays: tpl.dueInDays,
    owner,
    createdAt: issuedAt,
    updatedAt: issuedAt,
    schedules: [{ id: shop.ids.take(), issuedAt, dueAt, completedAt: null, amount, createdAt: issuedAt, updatedAt: issuedAt, dueNotified: false }],
  };
}

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
}

export function createOrder(w: World, shop: ShopState, input: NewOrder, opts: { silent?: boolean } = {}): Order {
  const at = input.processedAt ?? now(w);
  const customer = input.customerId ? shop.customers.get(input.customerId) : undefined;
  if (input.customerId && !customer) throw new OperationError("Customer does not exist");
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
    exchangeRate: input.exchangeRate ?? 1,
    lineItems: newLineItems(shop, input.lineItems),
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

function touch(w: World, o: { updatedAt: Date }) {
  o.updatedAt = now(w);
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

function ownerOf(shop: ShopState, terms: PaymentTerms): Order | DraftOrder | undefined {
  return terms.owner.kind === "order" ? shop.orders.get(terms.owner.id) : shop.draftOrders.get(terms.owner.id);
}

function emitOwnerUpdated(w: World, shop: ShopState, owner: Order | DraftOrder) {
  if ("token" in owner) w.webhooks.emit(shop, "orders/updated", orderPayload(shop, owner));
  else w.webhooks.emit(shop, "draft_orders/update", draftOrderPayload(shop, owner));
}

export function createPaymentTerms(
  w: World,
  shop: ShopState,
  owner: Order | DraftOrder,
  templateId: number,
  schedule?: { dueAt?: Date | null; issuedAt?: Date | null },
) {
  if (owner.paymentTerms) throw new OperationError("Cannot create payment terms on an Order that already has payment terms");
  const isOrder = "token" in owner;
  const amount = isOrder ? orderOutstanding(owner as Order) : draftTotal(owner as DraftOrder);
  const issuedAt = schedule?.issuedAt ?? now(w);
  owner.paymentTerms = buildTerms(shop, { kind: isOrder ? "order" : "draftOrder", id: owner.id }, templateId, issuedAt, amount, schedule?.dueAt);
  owner.paymentTerms.createdAt = owner.paymentTerms.updatedAt = now(w);
  touch(w, owner);
  w.webhooks.emit(shop, "payment_terms/create", paymentTermsPayload(shop, owner.paymentTerms));
  emitOwnerUpdated(w, shop, owner);
  return owner.paymentTerms;
}

export function updatePaymentTerms(
  w: World,
  shop: ShopState,
  terms: PaymentTerms,
  templateId: number | null,
  schedule?: { dueAt?: Date | null; issuedAt?: Date | null },
) {
  const owner = ownerOf(shop, terms)!;
  const current = terms.schedules[0];
  if (current?.completedAt) throw new OperationError("Cannot update payment terms of a paid order");
  const issuedAt = schedule?.issuedAt ?? current?.issuedAt ?? now(w);
  const fresh = buildTerms(
    shop,
    terms.owner,
    templateId ?? terms.templateId,
    issuedAt,
    current?.amount ?? 0,
    schedule?.dueAt ?? (terms.type === "FIXED" ? current?.dueAt : null),
  );
  // Same terms id, new schedule: that is what the app sees from Shopify after an extension.
  Object.assign(terms, {
    templateId: fresh.templateId,
    name: fresh.name,
    type: fresh.type,
    dueInDays: fresh.dueInDays,
    updatedAt: now(w),
    schedules: fresh.schedules,
  });
  for (const s of terms.schedules) s.createdAt = s.updatedAt = now(w);
  touch(w, owner);
  w.webhooks.emit(shop, "payment_terms/update", paymentTermsPayload(shop, terms));
  emitOwnerUpdated(w, shop, owner);
  return terms;
}

export function deletePaymentTerms(w: World, shop: ShopState, terms: PaymentTerms) {
  const owner = ownerOf(shop, terms)!;
  owner.paymentTerms = null;
  touch(w, owner);
  w.webhooks.emit(shop, "payment_terms/delete", { id: terms.id });
  emitOwnerUpdated(w, shop, owner);
}

/** Fires payment_schedules/due for every open schedule whose due date the clock has passed. */
export function fireDueSchedules(w: World, shop: ShopState, opts: { silent?: boolean } = {}) {
  const at = now(w).getTime();
  let fired = 0;
  for (const owner of [...shop.orders.values(), ...shop.draftOrders.values()]) {
    const terms = owner.paymentTerms;
    if (!terms || ("cancelledAt" in owner && owner.cancelledAt)) continue;
    for (const s of terms.schedules) {
      if (s.dueNotified || s.completedAt || !s.dueAt || s.dueAt.getTime() > at) continue;
      s.dueNotified = true;
      fired++;
      if (!opts.silent) w.webhooks.emit(shop, "payment_schedules/due", paymentSchedulePayload(shop, terms, s));
    }
  }
  return fired;
}

export function advanceClock(w: World, ms: number) {
  w.clock.advance(ms);
  let fired = 0;
  for (const shop of w.store.shops.values()) fired += fireDueSchedules(w, shop);
  return { now: now(w).toISOString(), schedulesDue: fired };
}

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
