import type { BulkErrorCode } from "./bulk";
import { DAY_MS, HOUR_MS } from "./clock";
import { responseHoldsOf } from "./held-responses";
import { refuseNextSends } from "./send-refusals";
import { parseGid } from "./ids";
import { nextWorkingHour } from "./local-hour";
import { fromDecimal } from "./money";
import { TERMS_TEMPLATES } from "./order-math";
import { completeDraftOrder, createDraftOrder, deleteDraftOrder } from "./draft-order-operations";
import {
  authorizePayment,
  cancelOrder,
  capturePayment,
  complianceRequest,
  createOrder,
  deleteOrder,
  editOrderAddLine,
  recordPayment,
  uninstallApp,
} from "./operations";
import { OperationError } from "./operations-common";
import { advanceClock, createPaymentTerms, deletePaymentTerms, updatePaymentTerms } from "./payment-terms-operations";
import type { ShopState } from "./state";
import type { World } from "./world";

// What a merchant or buyer would do in Shopify's UI, as calls: tests and demos drive the
// double with these, and each fires the webhooks Shopify would. HTTP exposes the same names.

type Ref = string | number;

function pick<T extends { id: number; name?: string }>(items: Map<number, T>, ref: Ref, type: string): T {
  const gidRef = typeof ref === "string" ? parseGid(ref) : null;
  const id = gidRef ? gidRef.id : typeof ref === "number" || /^\d+$/.test(ref) ? Number(ref) : null;
  const hit = id !== null ? items.get(id) : [...items.values()].find((x) => x.name === ref);
  if (!hit || (gidRef && gidRef.type !== type)) throw new OperationError(`${type} not found: ${ref}`);
  return hit;
}

function templateId(value: Ref | undefined | null): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return value;
  const gidRef = parseGid(value);
  if (gidRef) return gidRef.id;
  const t = TERMS_TEMPLATES.find((x) => x.name.toLowerCase() === value.toLowerCase().replace(/_/g, " "));
  if (!t) throw new OperationError(`Unknown payment terms: ${value}`);
  return t.id;
}

export type ThrottleMode = World["throttle"]["mode"];

export function makeControls(w: World, defaultShop: string) {
  const shopOf = (domain?: string): ShopState => {
    const s = w.store.shop(domain ?? defaultShop);
    if (!s) throw new OperationError(`Shop not found: ${domain}`);
    return s;
  };
  const anyProductLine = (shop: ShopState, amount?: string) => {
    if (amount) return [{ title: "Pedido atacado", quantity: 1, unitPrice: fromDecimal(amount) }];
    const p = [...shop.products.values()][0];
    return [{ title: p.title, quantity: 12, unitPrice: p.price, sku: p.sku, productId: p.id, variantId: p.variantId }];
  };
  return {
    /** Time passes; with `toLocalHour`, on to the next such hour (e.g. 10 for 10:00) in the shop's time zone on a Monday to Friday. */
    advanceClock: (o: { days?: number; hours?: number; minutes?: number; toLocalHour?: number; shop?: string }) => {
      const by = (o.days ?? 0) * DAY_MS + (o.hours ?? 0) * HOUR_MS + (o.minutes ?? 0) * 60_000;
      if (o.toLocalHour === undefined) return advanceClock(w, by);
      const hour = Number(o.toLocalHour);
      if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new OperationError(`toLocalHour must be a whole hour from 0 to 23: ${o.toLocalHour}`);
      const start = w.clock.now().getTime();
      const at = nextWorkingHour(new Date(start + by), shopOf(o.shop).info.ianaTimezone, hour);
      return advanceClock(w, at.getTime() - start);
    },
    payOrder: (o: { order: Ref; amount?: string; shop?: string }) => {
      const shop = shopOf(o.shop);
      return recordPayment(w, shop, pick(shop.orders, o.order, "Order"), o.amount ? fromDecimal(o.amount) : "full");
    },
    authorizePayment: (o: { order: Ref; shop?: string }) => {
      const shop = shopOf(o.shop);
      return authorizePayment(w, shop, pick(shop.orders, o.order, "Order"));
    },
    capturePayment: (o: { order: Ref; shop?: string }) => {
      const shop = shopOf(o.shop);
      return capturePayment(w, shop, pick(shop.orders, o.order, "Order"));
    },
    deleteOrder: (o: { order: Ref; shop?: string }) => {
      const shop = shopOf(o.shop);
      deleteOrder(w, shop, pick(shop.orders, o.order, "Order"));
    },
    cancelOrder: (o: { order: Ref; reason?: string; shop?: string }) => {
      const shop = shopOf(o.shop);
      return cancelOrder(w, shop, pick(shop.orders, o.order, "Order"), o.reason);
    },
    editOrder: (o: { order: Ref; title?: string; quantity?: number; price: string; shop?: string }) => {
      const shop = shopOf(o.shop);
      return editOrderAddLine(w, shop, pick(shop.orders, o.order, "Order"), {
        title: o.title ?? "Item adicional",
        quantity: o.quantity ?? 1,
        unitPrice: fromDecimal(o.price),
      });
    },
    createOrder: (o: {
      customer: Ref;
      amount?: string;
      paymentTerms?: Ref;
      dueAt?: string;
      currency?: string;
      b2b?: boolean;
      discountCode?: string;
      shop?: string;
    }) => {
      const shop = shopOf(o.shop);
      const c = pick(shop.customers, o.customer, "Customer");
      const contact = [...shop.contacts.values()].find((x) => x.customerId === c.id);
      const company =
        o.b2b !== false && contact
          ? { companyId: contact.companyId, locationId: shop.companies.get(contact.companyId)!.locationIds[0], contactId: contact.id }
          : null;
      return createOrder(w, shop, {
        customerId: c.id,
        company,
        lineItems: anyProductLine(shop, o.amount),
        termsTemplateId: templateId(o.paymentTerms),
        fixedDueAt: o.dueAt ? new Date(o.dueAt) : null,
        currency: o.currency,
        exchangeRate: o.currency && o.currency !== shop.info.currency ? 5.4 : 1,
        discountCode: o.discountCode,
      });
    },
    createDraftOrder: (o: { customer: Ref; amount?: string; paymentTerms?: Ref; shop?: string }) => {
      const shop = shopOf(o.shop);
      const c = pick(shop.customers, o.customer, "Customer");
      return createDraftOrder(w, shop, { customerId: c.id, lineItems: anyProductLine(shop, o.amount), termsTemplateId: templateId(o.paymentTerms) });
    },
    completeDraftOrder: (o: { draftOrder: Ref; paymentPending?: boolean; shop?: string }) => {
      const shop = shopOf(o.shop);
      return completeDraftOrder(w, shop, pick(shop.draftOrders, o.draftOrder, "DraftOrder"), { paymentPending: o.paymentPending });
    },
    deleteDraftOrder: (o: { draftOrder: Ref; shop?: string }) => {
      const shop = shopOf(o.shop);
      deleteDraftOrder(w, shop, pick(shop.draftOrders, o.draftOrder, "DraftOrder"));
    },
    changePaymentTerms: (o: { order: Ref; paymentTerms?: Ref; dueAt?: string; shop?: string }) => {
      const shop = shopOf(o.shop);
      const order = pick(shop.orders, o.order, "Order");
      const schedule = o.dueAt ? { dueAt: new Date(o.dueAt) } : undefined;
      if (!order.paymentTerms) return createPaymentTerms(w, shop, order, templateId(o.paymentTerms) ?? 4, schedule);
      return updatePaymentTerms(w, shop, order.paymentTerms, templateId(o.paymentTerms), schedule);
    },
    /** The merchant removes an order's payment terms: payment_terms/delete, then orders/updated. */
    removePaymentTerms: (o: { order: Ref; shop?: string }) => {
      const shop = shopOf(o.shop);
      const order = pick(shop.orders, o.order, "Order");
      if (!order.paymentTerms) throw new OperationError(`Order ${order.name} has no payment terms`);
      deletePaymentTerms(w, shop, order.paymentTerms);
    },
    /**
     * Marks the app installed without the embedded flow; returns an offline token for scripts.
     * `scopes` grants less than the app asks, as a shop that has not approved read_all_orders.
     */
    installApp: (o: { shop?: string; scopes?: string[] | string } = {}) => {
      const shop = shopOf(o.shop);
      const scopes = o.scopes === undefined ? w.config.scopes : (Array.isArray(o.scopes) ? o.scopes : o.scopes.split(",")).map((x) => x.trim()).filter(Boolean);
      shop.installed = true;
      shop.grantedScopes = scopes;
      return { accessToken: w.tokens.issue(shop.info.domain, "offline", scopes, false).token, scopes };
    },
    uninstallApp: (o: { shop?: string } = {}) => uninstallApp(w, shopOf(o.shop)),
    complianceRequest: (o: { topic: "customers/data_request" | "customers/redact" | "shop/redact"; customer?: Ref; shop?: string }) => {
      const shop = shopOf(o.shop);
      const customerId = o.customer !== undefined ? pick(shop.customers, o.customer, "Customer").id : undefined;
      return complianceRequest(w, shop, o.topic, customerId);
    },
    /** The shop's Admin API cost bucket full again at once, as if the seconds it takes to refill had passed. */
    fillCostBucket: (o: { shop?: string } = {}) => void w.costBuckets.delete(shopOf(o.shop).info.domain),
    setThrottle: (o: { mode: ThrottleMode }) => {
      if (!["normal", "throttled", "http429", "http500"].includes(o.mode)) throw new OperationError(`Unknown throttle mode: ${o.mode}`);
      w.throttle.mode = o.mode;
    },
    dropNextWebhook: (o: { topic?: string } = {}) => w.webhooks.dropNext(o.topic ?? null),
    /**
     * Shopify acts on the next `count` (default 1) Admin API requests running `operation` (an
     * operation name or root field, e.g. orderInvoiceSend; several comma-separated; any when left
     * out), then holds each answer until releaseResponses, or until its caller hangs up.
     */
    holdResponses: (o: { operation?: string | string[]; count?: number | string } = {}) => {
      const operations = (Array.isArray(o.operation) ? o.operation : String(o.operation ?? "").split(",")).map((x) => x.trim()).filter(Boolean);
      const count = Number(o.count ?? 1);
      if (!Number.isInteger(count) || count < 1) throw new OperationError(`count must be a whole number from 1: ${o.count}`);
      responseHoldsOf(w).hold(operations, count);
    },
    /** Lets every held answer go and drops the holds not used up; returns how many answers were waiting. */
    releaseResponses: () => responseHoldsOf(w).release(),
    /**
     * Shopify refuses the next `count` (default 1) sends by `operation` (orderInvoiceSend,
     * draftOrderInvoiceSend, paymentReminderSend; several comma-separated; all three when left out)
     * with `message`, one of its own wordings for that send ("To is invalid", "Payment schedule is
     * already completed", … send-refusals.ts); each send's usual refusal when left out. Nothing is mailed.
     */
    refuseNextSends: (o: { operation?: string | string[]; count?: number | string; message?: string } = {}) => {
      const operations = (Array.isArray(o.operation) ? o.operation : String(o.operation ?? "").split(",")).map((x) => x.trim()).filter(Boolean);
      refuseNextSends(w, operations, Number(o.count ?? 1), o.message ?? null);
    },
    registerFlowTrigger: (o: { handle: string }) => void w.flowTriggerHandles.add(o.handle),
    /** Keeps new bulk operations CREATED (as a busy Shopify would) until called with hold: false. */
    holdBulkOperations: (o: { hold?: boolean } = {}) => void (w.bulk.hold = o.hold ?? true),
    /** The next bulk operation to run fails with this errorCode, without data. */
    failNextBulkOperation: (o: { errorCode?: BulkErrorCode } = {}) => {
      const code = o.errorCode ?? "INTERNAL_SERVER_ERROR";
      if (!["ACCESS_DENIED", "INTERNAL_SERVER_ERROR", "TIMEOUT"].includes(code)) throw new OperationError(`Unknown bulk operation error code: ${code}`);
      w.bulk.failNext = code;
    },
  };
}

export type Controls = ReturnType<typeof makeControls>;

/** URL path segment for each control: advanceClock → advance-clock. */
export const controlRoute = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
