import type { GraphQLResolveInfo } from "graphql";
import { connection, listConnection, type PageArgs } from "../connection";
import { gid } from "../ids";
import { fromDecimal, moneyV2 } from "../money";
import { draftTotal, lineTotal } from "../order-math";
import { createDraftOrder, OperationError, type NewDraft } from "../operations";
import { draftOrderPayload, invoiceUrl } from "../payloads";
import { searchFilter, type SearchFields } from "../search";
import { previewDraftInvoice, sendDraftInvoice } from "../sending";
import type { DraftOrder, LineItem, ShopState } from "../state";
import type { Ctx } from "../graphql";
import { idOf, moneyBag, noteSearch, time, userError, type ResolverMap } from "./common";
import { purchasingEntity } from "./orders";

const draftSearch: SearchFields<DraftOrder> = {
  id: (d) => d.id, name: (d) => d.name, status: (d) => d.status.toLowerCase(), customer_id: (d) => d.customerId,
  created_at: (d) => d.createdAt, updated_at: (d) => d.updatedAt, tag: (d) => d.tags, email: (d) => d.email,
  company_id: (d) => d.company?.companyId ?? null,
};

export function draftOrdersConnection(drafts: DraftOrder[], args: PageArgs & { query?: string }, ctx: Ctx, info: GraphQLResolveInfo) {
  const f = searchFilter(args.query, draftSearch, [(d) => d.name, (d) => d.email]);
  noteSearch(ctx, info, args.query, f.warnings);
  return connection(drafts.filter(f.test), args, {
    UPDATED_AT: (d) => d.updatedAt.getTime(), ID: (d) => d.id, NUMBER: (d) => d.number, STATUS: (d) => d.status, TOTAL_PRICE: (d) => draftTotal(d),
  });
}

const bag = (d: DraftOrder, cents: number) => moneyBag(cents, d.currency, cents, d.currency);

/** Reads DraftOrderInput into the double's terms; throws OperationError with Shopify's wording. */
function parseDraftInput(shop: ShopState, input: any, existing?: DraftOrder): Partial<NewDraft> {
  const out: Partial<NewDraft> = {};
  const entity = input.purchasingEntity;
  const customerGid = entity?.customerId ?? input.customerId;
  if (customerGid) {
    const id = idOf(customerGid, "Customer");
    if (!id || !shop.customers.has(id)) throw new OperationError("Customer does not exist");
    out.customerId = id;
    out.company = null;
  }
  if (entity?.purchasingCompany) {
    const pc = entity.purchasingCompany;
    const companyId = idOf(pc.companyId, "Company"), locationId = idOf(pc.companyLocationId, "CompanyLocation");
    const contactId = idOf(pc.companyContactId, "CompanyContact");
    const contact = contactId ? shop.contacts.get(contactId) : undefined;
    if (!companyId || !shop.companies.has(companyId) || !locationId || !shop.locations.has(locationId)) throw new OperationError("Company location does not exist");
    out.company = { companyId, locationId, contactId: contact?.id ?? null };
    out.customerId = contact?.customerId ?? null;
  }
  if (input.email !== undefined) out.email = input.email;
  if (input.note !== undefined) out.note = input.note;
  if (input.tags !== undefined) out.tags = input.tags;
  if (input.presentmentCurrencyCode) out.currency = input.presentmentCurrencyCode;
  if (input.lineItems !== undefined) {
    out.lineItems = input.lineItems.map((li: any) => {
      if (li.variantId) {
        const p = [...shop.products.values()].find((x) => gid("ProductVariant", x.variantId) === li.variantId);
        if (!p) throw new OperationError("Product variant does not exist");
        return { title: p.title, quantity: li.quantity, unitPrice: p.price, sku: p.sku, variantId: p.variantId, productId: p.id };
      }
      const price = li.originalUnitPriceWithCurrency?.amount ?? li.originalUnitPrice;
      if (!li.title || price === undefined) throw new OperationError("Custom line items require a title and a price");
      return { title: li.title, quantity: li.quantity, unitPrice: fromDecimal(price), sku: li.sku ?? null };
    });
  }
  if (input.appliedDiscount !== undefined) {
    const a = input.appliedDiscount;
    out.appliedDiscount = a && { title: a.title ?? null, valueType: a.valueType, value: Number(a.value) };
  }
  if (input.paymentTerms) {
    const tpl = idOf(input.paymentTerms.paymentTermsTemplateId ?? "", "PaymentTermsTemplate");
    if (!tpl) throw new OperationError("Payment terms template does not exist");
    out.termsTemplateId = tpl;
    const due = input.paymentTerms.paymentSchedules?.[0]?.dueAt;
    out.fixedDueAt = due ? new Date(due) : null;
  }
  if (!existing && !(out.lineItems?.length)) throw new OperationError("Add at least 1 product");
  return out;
}

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
    appliedDiscount: (d: DraftOrder) => d.appliedDiscount && {
      title: d.appliedDiscount.title, description: d.appliedDiscount.title ?? "", value: d.appliedDiscount.value,
      valueType: d.appliedDiscount.valueType, amountSet: bag(d, lineTotal(d.lineItems) - draftTotal(d)),
      amountV2: moneyV2(lineTotal(d.lineItems) - draftTotal(d), d.currency),
    },
    customer: (d: DraftOrder, _a, { shop }) => (d.customerId ? shop.customers.get(d.customerId) ?? null : null),
    purchasingEntity: (d: DraftOrder, _a, { shop }) => purchasingEntity(shop, d),
    paymentTerms: (d: DraftOrder) => d.paymentTerms,
    order: (d: DraftOrder, _a, { shop }) => (d.orderId ? shop.orders.get(d.orderId) ?? null : null),
    lineItems: (d: DraftOrder, args) => listConnection(d.lineItems.map((li) => ({ id: li.id, li, d })), args),
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
  },
  Mutation: {
    draftOrderCreate: (_s, { input }, { world, shop }) => {
      try {
        const parsed = parseDraftInput(shop, input) as NewDraft;
        const d = createDraftOrder(world, shop, { ...parsed, customerId: parsed.customerId ?? null });
        return { draftOrder: d, userErrors: [] };
      } catch (e) {
        if (e instanceof OperationError) return { draftOrder: null, userErrors: [userError(["input"], e.message)] };
        throw e;
      }
    },
    draftOrderUpdate: (_s, { id, input }, { world, shop }) => {
      const d = shop.draftOrders.get(idOf(id, "DraftOrder") ?? -1);
      if (!d) return { draftOrder: null, userErrors: [userError(["id"], "Draft order does not exist")] };
      if (d.status === "COMPLETED") return { draftOrder: null, userErrors: [userError(["id"], "Draft order has been completed and can't be updated")] };
      try {
        const { lineItems, termsTemplateId, fixedDueAt, ...rest } = parseDraftInput(shop, input, d);
        Object.assign(d, rest);
        if (lineItems) d.lineItems = lineItems.map((li) => ({ id: shop.ids.take(), productId: null, variantId: null, vendor: shop.info.name, sku: null, ...li }));
        if (d.paymentTerms) for (const s of d.paymentTerms.schedules) s.amount = draftTotal(d);
        d.updatedAt = world.clock.now();
        void termsTemplateId; void fixedDueAt;
        world.webhooks.emit(shop, "draft_orders/update", draftOrderPayload(shop, d));
        return { draftOrder: d, userErrors: [] };
      } catch (e) {
        if (e instanceof OperationError) return { draftOrder: null, userErrors: [userError(["input"], e.message)] };
        throw e;
      }
    },
    draftOrderInvoiceSend: (_s, { id, email }, { world, shop }) => {
      const d = shop.draftOrders.get(idOf(id, "DraftOrder") ?? -1);
      if (!d) return { draftOrder: null, userErrors: [userError(["id"], "Draft order does not exist")] };
      try {
        sendDraftInvoice(world, shop, d, email);
        return { draftOrder: d, userErrors: [] };
      } catch (e) {
        if (e instanceof OperationError) return { draftOrder: null, userErrors: [userError(null, e.message)] };
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
