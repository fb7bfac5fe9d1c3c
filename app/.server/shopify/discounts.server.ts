import type { CreateSettlementDiscountMutation } from "../../types/admin.generated";
import { runAdminOperation, ShopifyUserError, type AdminGraphql } from "./admin-graphql.server";

// Discount codes in Shopify: a settlement discount is a basic code discount for one customer,
// usable once, ending with the offer (issue #10).

const CREATE_SETTLEMENT_DISCOUNT = `#graphql
  mutation CreateSettlementDiscount($input: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $input) {
      codeDiscountNode { id }
      userErrors { field message code }
    }
  }
`;

export interface SettlementDiscountCode {
  /** Shown to the merchant in the admin's discounts list. */
  title: string;
  code: string;
  customerGid: string;
  /** A fraction 0–1 ("0.05"), or null with `amount`. */
  percentage: string | null;
  /** An exact decimal in the shop's currency, or null with `percentage`. */
  amount: string | null;
  startsAt: Date;
  endsAt: Date;
}

/** Creates the code in Shopify; Shopify's refusal ("Code must be unique…") is a ShopifyUserError in its words. */
export async function createSettlementDiscountCode(graphql: AdminGraphql, discount: SettlementDiscountCode): Promise<{ discountGid: string }> {
  const value =
    discount.percentage !== null
      ? { percentage: Number(discount.percentage) } // Shopify's Float: a fraction with two decimals is exact enough to round-trip
      : { discountAmount: { amount: discount.amount, appliesOnEachItem: false } };
  const data = await runAdminOperation<CreateSettlementDiscountMutation>(graphql, "CreateSettlementDiscount", CREATE_SETTLEMENT_DISCOUNT, {
    input: {
      title: discount.title,
      code: discount.code,
      startsAt: discount.startsAt.toISOString(),
      endsAt: discount.endsAt.toISOString(),
      context: { customers: { add: [discount.customerGid] } },
      customerGets: { value, items: { all: true } },
      usageLimit: 1,
      appliesOncePerCustomer: true,
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
    },
  });
  const payload = data.discountCodeBasicCreate;
  if (!payload?.codeDiscountNode || payload.userErrors.length) throw new ShopifyUserError("discountCodeBasicCreate", payload?.userErrors ?? []);
  return { discountGid: payload.codeDiscountNode.id };
}
