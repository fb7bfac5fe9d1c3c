import type { GraphQLResolveInfo } from "graphql";
import { connection, listConnection, type PageArgs } from "../connection";
import { DAY_MS } from "../clock";
import { gid } from "../ids";
import { moneyV2 } from "../money";
import {
  financialStatus,
  isDue,
  isOverdue,
  orderDiscounts,
  orderOutstanding,
  orderReceived,
  orderSubtotal,
  orderTotal,
  scheduleBalance,
  toShopMoney,
} from "../order-math";
import { orderPayload } from "../order-payloads";
import { searchFilter, type SearchFields } from "../search";
import type { LineItem, Order, PaymentSchedule, PaymentTerms, ShopState, Transaction } from "../state";
import type { Ctx } from "../graphql";
import { as, idOf, mailingAddress, moneyBag, noteSearch, time, type ResolverMap } from "./common";

const orderSearch: SearchFields<Order> = {
  id: (o) => o.id,
  name: (o) => o.name,
  email: (o) => o.email,
  customer_id: (o) => o.customerId,
  company_id: (o) => o.company?.companyId ?? null,
  company_location_id: (o) => o.company?.locationId ?? null,
  created_at: (o) => o.createdAt,
  updated_at: (o) => o.updatedAt,
  processed_at: (o) => o.processedAt,
  financial_status: (o) => financialStatus(o).toLowerCase(),
  tag: (o) => o.tags,
  test: (o) => o.test,
  status: (o) => (o.cancelledAt ? ["cancelled", "closed"] : o.closedAt ? ["closed"] : ["open", "not_closed"]),
  payment_terms_type: (o) => o.paymentTerms?.type.toLowerCase() ?? null,
  currency: (o) => o.presentmentCurrency,
  po_number: (o) => o.poNumber,
};

const orderSortKeys = {
  CREATED_AT: (o: Order) => o.createdAt.getTime(),
  UPDATED_AT: (o: Order) => o.updatedAt.getTime(),
  PROCESSED_AT: (o: Order) => o.processedAt.getTime(),
  ID: (o: Order) => o.id,
  ORDER_NUMBER: (o: Order) => o.number,
  TOTAL_PRICE: (o: Order) => orderTotal(o),
  CURRENT_TOTAL_PRICE: (o: Order) => orderTotal(o),
  FINANCIAL_STATUS: (o: Order) => financialStatus(o),
  PO_NUMBER: (o: Order) => o.poNumber ?? "",
};

/**
 * Without read_all_orders an app sees only the orders created in the last 60
 * days, in every query (lists, counts, `order`, `node`, bulk operations);
 * webhooks still arrive. shopify.dev, REST Order resource ("Only the last 60
 * days' worth of orders from a store are accessible ... by default") and
 * "Access scopes: orders permissions".
 */
export const ORDER_WINDOW_DAYS = 60;
export function readableOrder(ctx: Pick<Ctx, "scopes" | "world">, o: Order): boolean {
  return ctx.scopes.has("read_all_orders") || o.createdAt.getTime() >= ctx.world.clock.now().getTime() - ORDER_WINDOW_DAYS * DAY_MS;
}

export function ordersConnection(orders: Order[], args: PageArgs & { query?: string }, ctx: Ctx, info: GraphQLResolveInfo) {
  const f = searchFilter(args.query, orderSearch, [(o) => o.name, (o) => o.email]);
  noteSearch(ctx, info, args.query, f.warnings);
  return connection(
    orders.filter((o) => readableOrder(ctx, o) && f.test(o)),
    args,
    orderSortKeys,
  );
}

const bag = (shop: ShopState, o: Order, cents: number) => moneyBag(toShopMoney(o, cents), shop.info.currency, cents, o.presentmentCurrency);
const ownerCurrency = (shop: ShopState, t: PaymentTerms) =>
  t.owner.kind === "order"
    ? (shop.orders.get(t.owner.id)?.presentmentCurrency ?? shop.info.currency)
    : (shop.draftOrders.get(t.owner.id)?.currency ?? shop.info.currency);

export const orderResolvers: ResolverMap = {
  QueryRoot: {
    order: (_s, { id }, ctx) => {
      const o = ctx.shop.orders.get(idOf(id, "Order") ?? -1);
      return o && readableOrder(ctx, o) ? o : null;
    },
    orders: (_s, args, ctx, info) => ordersConnection([...ctx.shop.orders.values()], args, ctx, info),
    ordersCount: (_s, args, ctx) => {
      const f = searchFilter(args.query, orderSearch, [(o) => o.name]);
      const n = [...ctx.shop.orders.values()].filter((o) => readableOrder(ctx, o) && f.test(o)).length;
      const limit = args.limit === undefined ? 10000 : args.limit;
      return { count: limit === null ? n : Math.min(n, limit), precision: limit !== null && n > limit ? "AT_LEAST" : "EXACT" };
    },
  },
  Order: {
    id: (o: Order) => gid("Order", o.id),
    legacyResourceId: (o: Order) => String(o.id),
    name: (o: Order) => o.name,
    number: (o: Order) => o.number - 1000,
    createdAt: (o: Order) => time(o.createdAt),
    updatedAt: (o: Order) => time(o.updatedAt),
    processedAt: (o: Order) => time(o.processedAt),
    cancelledAt: (o: Order) => time(o.cancelledAt),
    cancelReason: (o: Order) => o.cancelReason?.toUpperCase() ?? null,
    closed: (o: Order) => o.closedAt !== null,
    closedAt: (o: Order) => time(o.closedAt),
    confirmed: () => true,
    test: (o: Order) => o.test,
    tags: (o: Order) => o.tags,
    note: (o: Order) => o.note,
    poNumber: (o: Order) => o.poNumber,
    email: (o: Order) => o.email,
    phone: (o: Order) => o.phone,
    customerLocale: (o: Order) => o.customerLocale,
    sourceName: (o: Order) => (o.sourceDraftOrderId ? "shopify_draft_order" : "web"),
    statusPageUrl: (o: Order, _a, { shop }) => orderPayload(shop, o).order_status_url,
    displayFinancialStatus: (o: Order) => financialStatus(o),
    displayFulfillmentStatus: () => "UNFULFILLED",
    fullyPaid: (o: Order) => orderOutstanding(o) === 0 && !o.cancelledAt,
    unpaid: (o: Order) => orderReceived(o) === 0,
    canMarkAsPaid: (o: Order) => !o.cancelledAt && orderOutstanding(o) > 0,
    currencyCode: (_o, _a, { shop }) => shop.info.currency,
    presentmentCurrencyCode: (o: Order) => o.presentmentCurrency,
    subtotalPriceSet: (o: Order, _a, { shop }) => bag(shop, o, orderSubtotal(o)),
    currentSubtotalPriceSet: (o: Order, _a, { shop }) => bag(shop, o, o.cancelledAt ? 0 : orderSubtotal(o)),
    totalPriceSet: (o: Order, _a, { shop }) => bag(shop, o, orderTotal(o)),
    currentTotalPriceSet: (o: Order, _a, { shop }) => bag(shop, o, o.cancelledAt ? 0 : orderTotal(o)),
    totalOutstandingSet: (o: Order, _a, { shop }) => bag(shop, o, orderOutstanding(o)),
    totalReceivedSet: (o: Order, _a, { shop }) => bag(shop, o, orderReceived(o)),
    netPaymentSet: (o: Order, _a, { shop }) => bag(shop, o, orderReceived(o)),
    totalTaxSet: (o: Order, _a, { shop }) => bag(shop, o, o.taxPrice),
    totalShippingPriceSet: (o: Order, _a, { shop }) => bag(shop, o, o.shippingPrice),
    totalDiscountsSet: (o: Order, _a, { shop }) => bag(shop, o, orderDiscounts(o)),
    discountCodes: (o: Order) => (o.discountCodes ?? []).map((d) => d.code),
    discountCode: (o: Order) => o.discountCodes?.[0]?.code ?? null,
    customer: (o: Order, _a, { shop }) => (o.customerId ? (shop.customers.get(o.customerId) ?? null) : null),
    purchasingEntity: (o: Order, _a, { shop }) => purchasingEntity(shop, o),
    billingAddress: (o: Order, _a, { shop }) => {
      const c = o.customerId ? shop.customers.get(o.customerId) : undefined;
      return c ? mailingAddress(c.address, o.id + 2, { first: c.firstName, last: c.lastName }) : null;
    },
    paymentTerms: (o: Order) => o.paymentTerms,
    transactions: (o: Order, args) => o.transactions.slice(0, args.first ?? undefined).map((t) => ({ t, o })),
    lineItems: (o: Order, args) =>
      listConnection(
        o.lineItems.map((li) => ({ id: li.id, li, o })),
        args,
      ),
    paymentGatewayNames: (o: Order) => [...new Set(o.transactions.map((t) => t.gateway))],
  },
  LineItem: {
    id: ({ li }: { li: LineItem }) => gid("LineItem", li.id),
    title: ({ li }: { li: LineItem }) => li.title,
    name: ({ li }: { li: LineItem }) => li.title,
    sku: ({ li }: { li: LineItem }) => li.sku,
    vendor: ({ li }: { li: LineItem }) => li.vendor,
    quantity: ({ li }: { li: LineItem }) => li.quantity,
    currentQuantity: ({ li }: { li: LineItem }) => li.quantity,
    variantTitle: () => null,
    originalUnitPriceSet: ({ li, o }: { li: LineItem; o: Order }, _a, { shop }) => bag(shop, o, li.unitPrice),
    discountedUnitPriceSet: ({ li, o }: { li: LineItem; o: Order }, _a, { shop }) => bag(shop, o, li.unitPrice),
    originalTotalSet: ({ li, o }: { li: LineItem; o: Order }, _a, { shop }) => bag(shop, o, li.unitPrice * li.quantity),
    discountedTotalSet: ({ li, o }: { li: LineItem; o: Order }, _a, { shop }) => bag(shop, o, li.unitPrice * li.quantity),
    product: ({ li }: { li: LineItem }, _a, { shop }) => (li.productId ? (shop.products.get(li.productId) ?? null) : null),
  },
  OrderTransaction: {
    id: ({ t }: { t: Transaction }) => gid("OrderTransaction", t.id),
    kind: ({ t }: { t: Transaction }) => t.kind,
    status: ({ t }: { t: Transaction }) => t.status,
    gateway: ({ t }: { t: Transaction }) => t.gateway,
    formattedGateway: ({ t }: { t: Transaction }) => (t.gateway === "manual" ? "Manual" : t.gateway),
    manualPaymentGateway: ({ t }: { t: Transaction }) => t.gateway === "manual",
    test: () => false,
    processedAt: ({ t }: { t: Transaction }) => time(t.processedAt),
    createdAt: ({ t }: { t: Transaction }) => time(t.processedAt),
    amountSet: ({ t, o }: { t: Transaction; o: Order }, _a, { shop }) => bag(shop, o, t.amount),
    order: ({ o }: { o: Order }) => o,
  },
  PaymentTerms: {
    id: (t: PaymentTerms) => gid("PaymentTerms", t.id),
    paymentTermsName: (t: PaymentTerms) => t.name,
    translatedName: (t: PaymentTerms) => t.name,
    paymentTermsType: (t: PaymentTerms) => t.type,
    dueInDays: (t: PaymentTerms) => t.dueInDays,
    overdue: (t: PaymentTerms, _a, { world }) => isOverdue(t, world.clock.now()),
    due: (t: PaymentTerms, _a, { world }) => isDue(t, world.clock.now()),
    order: (t: PaymentTerms, _a, ctx) => {
      const o = t.owner.kind === "order" ? ctx.shop.orders.get(t.owner.id) : undefined;
      return o && readableOrder(ctx, o) ? o : null;
    },
    draftOrder: (t: PaymentTerms, _a, { shop }) => (t.owner.kind === "draftOrder" ? (shop.draftOrders.get(t.owner.id) ?? null) : null),
    paymentSchedules: (t: PaymentTerms, args) =>
      listConnection(
        t.schedules.map((s) => ({ id: s.id, s, t })),
        args,
      ),
  },
  PaymentSchedule: {
    id: ({ s }: { s: PaymentSchedule }) => gid("PaymentSchedule", s.id),
    dueAt: ({ s }: { s: PaymentSchedule }) => time(s.dueAt),
    issuedAt: ({ s }: { s: PaymentSchedule }) => time(s.issuedAt),
    completedAt: ({ s }: { s: PaymentSchedule }) => time(s.completedAt),
    due: ({ s }: { s: PaymentSchedule }, _a, { world }) => !s.completedAt && !!s.dueAt && s.dueAt <= world.clock.now(),
    amount: ({ s, t }: { s: PaymentSchedule; t: PaymentTerms }, _a, { shop }) => moneyV2(s.amount, ownerCurrency(shop, t)),
    balanceDue: ({ s, t }: { s: PaymentSchedule; t: PaymentTerms }, _a, { shop }) => moneyV2(scheduleBalance(shop, t, s.id), ownerCurrency(shop, t)),
    totalBalance: ({ s, t }: { s: PaymentSchedule; t: PaymentTerms }, _a, { shop }) => moneyV2(scheduleBalance(shop, t, s.id), ownerCurrency(shop, t)),
    paymentTerms: ({ t }: { t: PaymentTerms }) => t,
  },
};

export function purchasingEntity(shop: ShopState, owner: { customerId: number | null; company: Order["company"] }) {
  if (owner.company) {
    return {
      __typename: "PurchasingCompany",
      company: shop.companies.get(owner.company.companyId),
      location: shop.locations.get(owner.company.locationId),
      contact: owner.company.contactId ? (shop.contacts.get(owner.company.contactId) ?? null) : null,
    };
  }
  return owner.customerId ? as("Customer", shop.customers.get(owner.customerId)) : null;
}

export const scheduleNode = (shop: ShopState, id: number) => {
  const hit = shop.scheduleById(id);
  return hit ? as("PaymentSchedule", { id, s: hit.schedule, t: hit.terms }) : null;
};
