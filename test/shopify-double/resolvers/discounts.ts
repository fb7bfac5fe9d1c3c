import { encodeCursor, gid } from "../ids";
import { fromDecimal, moneyV2, toDecimal } from "../money";
import type { DiscountCode, ShopState } from "../state";
import { ordersUsing } from "../discount-use";
import { as, count, idOf, time, userError, type ResolverMap } from "./common";

const findByCode = (shop: ShopState, code: string) => [...shop.discounts.values()].find((d) => d.code.toLowerCase() === code.toLowerCase());

function status(d: DiscountCode, now: Date) {
  if (d.startsAt > now) return "SCHEDULED";
  if (d.endsAt && d.endsAt <= now) return "EXPIRED";
  return "ACTIVE";
}

function summary(d: DiscountCode, currency: string) {
  const value = "percentage" in d.value ? `${Math.round(d.value.percentage * 100)}% off` : `${toDecimal(d.value.amount)} ${currency} off`;
  return `${value} entire order${d.usageLimit === 1 ? " • One use total" : ""}${d.appliesOncePerCustomer ? " • One use per customer" : ""}`;
}

function minimumIn(m: any): DiscountCode["minimumRequirement"] {
  if (m?.subtotal?.greaterThanOrEqualToSubtotal != null) return { subtotal: fromDecimal(m.subtotal.greaterThanOrEqualToSubtotal) };
  if (m?.quantity?.greaterThanOrEqualToQuantity != null) return { quantity: Number(m.quantity.greaterThanOrEqualToQuantity) };
  return null;
}

export const discountResolvers: ResolverMap = {
  QueryRoot: {
    codeDiscountNodeByCode: (_s, { code }, { shop }) => findByCode(shop, code) ?? null,
    codeDiscountNode: (_s, { id }, { shop }) => shop.discounts.get(idOf(id, "DiscountCodeNode") ?? -1) ?? null,
  },
  DiscountCodeNode: {
    id: (d: DiscountCode) => gid("DiscountCodeNode", d.id),
    codeDiscount: (d: DiscountCode) => as("DiscountCodeBasic", d),
  },
  DiscountCodeBasic: {
    title: (d: DiscountCode) => d.title,
    status: (d: DiscountCode, _a, { world }) => status(d, world.clock.now()),
    startsAt: (d: DiscountCode) => time(d.startsAt),
    endsAt: (d: DiscountCode) => time(d.endsAt),
    createdAt: (d: DiscountCode) => time(d.createdAt),
    updatedAt: (d: DiscountCode) => time(d.updatedAt),
    usageLimit: (d: DiscountCode) => d.usageLimit,
    appliesOncePerCustomer: (d: DiscountCode) => d.appliesOncePerCustomer,
    asyncUsageCount: (d: DiscountCode, _a, { shop }) => ordersUsing(shop, d.code).length,
    codesCount: () => count(1),
    summary: (d: DiscountCode, _a, { shop }) => summary(d, shop.info.currency),
    shortSummary: (d: DiscountCode, _a, { shop }) => summary(d, shop.info.currency),
    tags: () => [],
    codes: (d: DiscountCode, _a, { shop }) => {
      const node = { id: gid("DiscountRedeemCode", d.codeId), code: d.code, asyncUsageCount: ordersUsing(shop, d.code).length };
      const cursor = encodeCursor(d.codeId, String(d.codeId));
      return { nodes: [node], edges: [{ cursor, node }], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: cursor, endCursor: cursor } };
    },
    discountClasses: () => ["ORDER"],
    discountClass: () => "ORDER",
    combinesWith: (d: DiscountCode) => ({
      productDiscounts: false,
      orderDiscounts: false,
      shippingDiscounts: false,
      productDiscountsWithTagsOnSameCartLine: false,
      ...d.combinesWith,
    }),
    context: (d: DiscountCode, _a, { shop }) =>
      d.customerIds === "ALL"
        ? { __typename: "DiscountBuyerSelectionAll", all: "ALL" }
        : { __typename: "DiscountCustomers", customers: d.customerIds.map((id) => shop.customers.get(id)).filter(Boolean) },
    minimumRequirement: (d: DiscountCode, _a, { shop }) => {
      const m = d.minimumRequirement;
      if (!m) return null;
      return "subtotal" in m
        ? { __typename: "DiscountMinimumSubtotal", greaterThanOrEqualToSubtotal: moneyV2(m.subtotal, shop.info.currency) }
        : { __typename: "DiscountMinimumQuantity", greaterThanOrEqualToQuantity: String(m.quantity) };
    },
    customerGets: (d: DiscountCode, _a, { shop }) => ({
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      items: { __typename: "AllDiscountItems", allItems: true },
      value:
        "percentage" in d.value
          ? { __typename: "DiscountPercentage", percentage: d.value.percentage }
          : { __typename: "DiscountAmount", amount: moneyV2(d.value.amount, shop.info.currency), appliesOnEachItem: d.value.appliesOnEachItem },
    }),
  },
  Mutation: {
    discountCodeBasicCreate: (_s, { basicCodeDiscount: input }, { world, shop }) => {
      const errors = [];
      const f = (name: string) => ["basicCodeDiscount", name];
      if (!input.title) errors.push({ ...userError(f("title"), "Title can't be blank"), code: "BLANK", extraInfo: null });
      if (!input.code) errors.push({ ...userError(f("code"), "Code can't be blank"), code: "BLANK", extraInfo: null });
      else if (findByCode(shop, input.code))
        errors.push({ ...userError(f("code"), "Code must be unique. Please try a different code."), code: "TAKEN", extraInfo: null });
      if (!input.startsAt) errors.push({ ...userError(f("startsAt"), "Starts at can't be blank"), code: "BLANK", extraInfo: null });
      if (input.startsAt && input.endsAt && new Date(input.endsAt) <= new Date(input.startsAt)) {
        errors.push({ ...userError(f("endsAt"), "Ends at needs to be after starts_at"), code: "INVALID", extraInfo: null });
      }
      const v = input.customerGets?.value;
      if (!v || (v.percentage == null && !v.discountAmount))
        errors.push({ ...userError(f("customerGets"), "Customer gets value must be specified"), code: "BLANK", extraInfo: null });
      else if (v.percentage != null && (v.percentage <= 0 || v.percentage > 1))
        errors.push({
          ...userError([...f("customerGets"), "value", "percentage"], "Value must be between 0.0 and 1.0"),
          code: "VALUE_OUTSIDE_RANGE",
          extraInfo: null,
        });
      if (errors.length) return { codeDiscountNode: null, userErrors: errors };
      const now = world.clock.now();
      const customers = input.context?.customers?.add ?? input.customerSelection?.customers?.add;
      const d: DiscountCode = {
        id: shop.ids.take(),
        codeId: shop.ids.take(),
        title: input.title,
        code: input.code,
        startsAt: new Date(input.startsAt),
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
        usageLimit: input.usageLimit ?? null,
        appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
        customerIds: customers ? customers.map((c: string) => idOf(c, "Customer")).filter(Boolean) : "ALL",
        value:
          v.percentage != null
            ? { percentage: v.percentage }
            : { amount: fromDecimal(v.discountAmount.amount), appliesOnEachItem: !!v.discountAmount.appliesOnEachItem },
        createdAt: now,
        updatedAt: now,
        combinesWith: input.combinesWith ?? undefined,
        minimumRequirement: minimumIn(input.minimumRequirement),
      };
      shop.discounts.set(d.id, d);
      return { codeDiscountNode: d, userErrors: [] };
    },
  },
};
