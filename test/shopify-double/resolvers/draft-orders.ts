import type { GraphQLResolveInfo } from "graphql";
import { connection, listConnection, type PageArgs } from "../connection";
import { gid } from "../ids";
import { moneyV2 } from "../money";
import { draftTotal, lineTotal } from "../order-math";
import { createDraftOrder, deleteDraftOrder, type NewDraft } from "../draft-order-operations";
import { OperationError } from "../operations-common";
import { DraftInputError, parseDraftInput } from "../draft-input";
import { draftOrderPayload, invoiceUrl } from "../order-payloads";
import { searchFilter, type SearchFields } from "../search";
import { previewDraftInvoice, SendRefused, sendDraftInvoice } from "../sending";
import type { DraftOrder, LineItem } from "../state";
import type { Ctx } from "../graphql";
import { idOf, moneyBag, noteSearch, time, userError, type ResolverMap } from "./common";
import { purchasingEntity } from "./orders";

const draftSearch: SearchFields<DraftOrder> = {
  id: (d) => d.id,
  name: (d) => d.name,
  status: (d) => d.status.toLowerCase(),
  customer_id: (d) => d.customerId,
  created_at: (d) => d.createdAt,
  updated_at: (d) => d.updatedAt,
  tag: (d) => d.tags,
  email: (d) => d.email,
  company_id: (d) => d.company?.companyId ?? null,
};

export function draftOrdersConnection(drafts: DraftOrder[], args: PageArgs & { query?: string }, ctx: Ctx, info: GraphQLResolveInfo) {
  const f = searchFilter(args.query, draftSearch, [(d) => d.name, (d) => d.email]);
  noteSearch(ctx, info, args.query, f.warnings);
  return connection(drafts.filter(f.test), args, {
    UPDATED_AT: (d) => d.updatedAt.getTime(),
    ID: (d) => d.id,
    NUMBER: (d) => d.number,
    STATUS: (d) => d.status,
    TOTAL_PRICE: (d) => draftTotal(d),
  });
}

const bag = (d: DraftOrder, cents: number) => moneyBag(cents, d.currency, cents, d.currency);

export const draftOrderResolvers: ResolverMap = {
  QueryRoot: {
    draftOrder: (_s, { id }, { shop }) => shop.draftOrders.get(idOf(id, "DraftOrder") ?? -1) ?? null,
    draftOrders: (_s, args, ctx, info) => draftOrdersConnection([...ctx.shop.draftOrders.values()], args, ctx, info),
  },
  DraftOrder: {
    id: (d: DraftOrder) => gid("DraftOrder", d.id),
    legacyResourceId: (d: DraftOrder) => String(d.id),
    name: (d: DraftOrder) => d.name,
    status: (d: DraftOrder) => d.status,
    ready: () => true,
    invoiceUrl: (d: DraftOrder, _a, { shop }) => invoiceUrl(shop, d),
    invoiceSentAt: (d: DraftOrder) => time(d.invoiceSentAt),
    completedAt: (d: DraftOrder) => time(d.completedAt),
    createdAt: (d: DraftOrder) => time(d.createdAt),
    updatedAt: (d: DraftOrder) => time(d.updatedAt),
    email: (d: DraftOrder) => d.email,
    phone: (d: DraftOrder) => d.phone,
    note2: (d: DraftOrder) => d.note,
    tags: (d: DraftOrder) => d.tags,
    taxExempt: (d: DraftOrder) => d.taxExempt,
    currencyCode: (d: DraftOrder) => d.currency,
    presentmentCurrencyCode: (d: DraftOrder) => d.currency,
    totalPriceSet: (d: DraftOrder) => bag(d, draftTotal(d)),
    subtotalPriceSet: (d: DraftOrder) => bag(d, draftTotal(d)),
    totalDiscountsSet: (d: DraftOrder) => bag(d, lineTotal(d.lineItems) - draftTotal(d)),
    totalTaxSet: (d: DraftOrder) => bag(d, 0),
    totalShippingPriceSet: (d: DraftOrder) => bag(d, 0),
    totalQuantityOfLineItems: (d: DraftOrder) => d.lineItems.reduce((n, li) => n + li.quantity, 0),
    appliedDiscount: (d: DraftOrder) =>
      d.appliedDiscount && {
        title: d.appliedDiscount.title,
        description: d.appliedDiscount.description ?? d.appliedDiscount.title ?? "",
        value: d.appliedDiscount.value,
        valueType: d.appliedDiscount.valueType,
        amountSet: bag(d, lineTotal(d.lineItems) - draftTotal(d)),
        amountV2: moneyV2(lineTotal(d.lineItems) - draftTotal(d), d.currency),
      },
    customer: (d: DraftOrder, _a, { shop }) => (d.customerId ? (shop.customers.get(d.customerId) ?? null) : null),
    purchasingEntity: (d: DraftOrder, _a, { shop }) => purchasingEntity(shop, d),
    paymentTerms: (d: DraftOrder) => d.paymentTerms,
    order: (d: DraftOrder, _a, { shop }) => (d.orderId ? (shop.orders.get(d.orderId) ?? null) : null),
    lineItems: (d: DraftOrder, args) =>
      listConnection(
        d.lineItems.map((li) => ({ id: li.id, li, d })),
        args,
      ),
  },
  DraftOrderLineItem: {
    id: ({ li }: { li: LineItem }) => gid("DraftOrderLineItem", li.id),
    title: ({ li }: { li: LineItem }) => li.title,
    name: ({ li }: { li: LineItem }) => li.title,
    sku: ({ li }: { li: LineItem }) => li.sku,
    quantity: ({ li }: { li: LineItem }) => li.quantity,
    custom: ({ li }: { li: LineItem }) => li.variantId === null,
    originalUnitPriceSet: ({ li, d }: { li: LineItem; d: DraftOrder }) => bag(d, li.unitPrice),
    originalTotalSet: ({ li, d }: { li: LineItem; d: DraftOrder }) => bag(d, li.unitPrice * li.quantity),
    discountedTotalSet: ({ li, d }: { li: LineItem; d: DraftOrder }) => bag(d, li.unitPrice * li.quantity),
    totalDiscountSet: ({ d }: { d: DraftOrder }) => bag(d, 0),
  },
  Mutation: {
    draftOrderCreate: (_s, { input }, { world, shop }) => {
      try {
        const parsed = parseDraftInput(shop, input, world.clock.now()) as NewDraft;
        const d = createDraftOrder(world, shop, { ...parsed, customerId: parsed.customerId ?? null });
        return { draftOrder: d, userErrors: [] };
      } catch (e) {
        if (e instanceof DraftInputError) return { draftOrder: null, userErrors: [userError(e.field, e.message)] };
        if (e instanceof OperationError) return { draftOrder: null, userErrors: [userError(null, e.message)] };
        throw e;
      }
    },
    // Not captured from Shopify: the wording for a draft that does not exist. Deleting fires draft_orders/delete.
    draftOrderDelete: (_s, { input }, { world, shop }) => {
      const d = shop.draftOrders.get(idOf(input.id, "DraftOrder") ?? -1);
      if (!d) return { deletedId: null, userErrors: [userError(["id"], "Draft order does not exist")] };
      deleteDraftOrder(world, shop, d);
      return { deletedId: gid("DraftOrder", d.id), userErrors: [] };
    },
    draftOrderUpdate: (_s, { id, input }, { world, shop }) => {
      const d = shop.draftOrders.get(idOf(id, "DraftOrder") ?? -1);
      if (!d) return { draftOrder: null, userErrors: [userError(["id"], "Draft order does not exist")] };
      if (d.status === "COMPLETED") return { draftOrder: null, userErrors: [userError(["id"], "Draft order has been completed and can't be updated")] };
      try {
        const { lineItems, termsTemplateId, fixedDueAt, ...rest } = parseDraftInput(shop, input, world.clock.now(), d);
        Object.assign(d, rest);
        if (lineItems)
          d.lineItems = lineItems.map((li) => ({ id: shop.ids.take(), productId: null, variantId: null, vendor: shop.info.name, sku: null, ...li }));
        if (d.paymentTerms) for (const s of d.paymentTerms.schedules) s.amount = draftTotal(d);
        d.updatedAt = world.clock.now();
        void termsTemplateId;
        void fixedDueAt;
        world.webhooks.emit(shop, "draft_orders/update", draftOrderPayload(shop, d));
        return { draftOrder: d, userErrors: [] };
      } catch (e) {
        if (e instanceof DraftInputError) return { draftOrder: null, userErrors: [userError(e.field, e.message)] };
        if (e instanceof OperationError) return { draftOrder: null, userErrors: [userError(null, e.message)] };
        throw e;
      }
    },
    // As live Shopify (conformance/…/draft-order-invoice-send-*): a refused send still returns the
    // draft, with every reason at once and no field.
    draftOrderInvoiceSend: (_s, { id, email }, { world, shop }) => {
      const d = shop.draftOrders.get(idOf(id, "DraftOrder") ?? -1);
      if (!d) return { draftOrder: null, userErrors: [userError(null, "Draft order not found")] };
      try {
        sendDraftInvoice(world, shop, d, email);
        return { draftOrder: d, userErrors: [] };
      } catch (e) {
        if (e instanceof SendRefused) return { draftOrder: d, userErrors: e.reasons.map((r) => userError(null, r)) };
        throw e;
      }
    },
    draftOrderInvoicePreview: (_s, { id, email }, { shop }) => {
      const d = shop.draftOrders.get(idOf(id, "DraftOrder") ?? -1);
      if (!d) return { previewHtml: null, previewSubject: null, userErrors: [userError(["id"], "Draft order does not exist")] };
      const p = previewDraftInvoice(shop, d, email);
      return { previewHtml: p.html, previewSubject: p.subject, userErrors: [] };
    },
  },
};
