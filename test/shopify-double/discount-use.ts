import type { Cents } from "./money";
import { OperationError } from "./operations-common";
import { lineTotal } from "./order-math";
import type { DiscountCode, Order, ShopState } from "./state";

// A discount code used on an order, as Shopify's checkout takes it: only while the discount is
// active, only by a customer it is for, no more often than its usage limit (and once per customer
// when it says so); an order-wide amount off the line items. What the checkout says when it
// refuses a code (shopify.dev, "Discount code isn't valid"); the double has no storefront, so its
// `create-order` control is where a customer types one.

export type UsedDiscountCode = NonNullable<Order["discountCodes"]>[number];

/** Orders that used the code (Shopify counts a code's use when the order is placed, not when paid). */
export function ordersUsing(shop: ShopState, code: string): Order[] {
  const wanted = code.toUpperCase();
  return [...shop.orders.values()].filter((o) => o.discountCodes?.some((d) => d.code.toUpperCase() === wanted));
}

export function discountByCode(shop: ShopState, code: string): DiscountCode | undefined {
  const wanted = code.trim().toUpperCase();
  return [...shop.discounts.values()].find((d) => d.code.toUpperCase() === wanted);
}

/**
 * The code as the order carries it, with the amount it takes off, in the order's (presentment)
 * cents; refused in Shopify's checkout words when the code cannot be used on this order.
 */
export function takeDiscountCode(
  shop: ShopState,
  code: string,
  order: { customerId: number | null; lineItems: { quantity: number; unitPrice: Cents }[]; exchangeRate: number },
  at: Date,
): UsedDiscountCode {
  const discount = discountByCode(shop, code);
  const invalid = () => new OperationError(`Discount code isn't valid: ${code}`);
  if (!discount) throw invalid();
  if (discount.startsAt.getTime() > at.getTime() || (discount.endsAt && discount.endsAt.getTime() <= at.getTime())) throw invalid();
  if (discount.customerIds !== "ALL" && (order.customerId === null || !discount.customerIds.includes(order.customerId))) throw invalid();
  const uses = ordersUsing(shop, discount.code);
  if (discount.usageLimit !== null && uses.length >= discount.usageLimit) throw invalid();
  if (discount.appliesOncePerCustomer && uses.some((o) => o.customerId === order.customerId)) throw invalid();
  const subtotal = lineTotal(order.lineItems);
  if ("percentage" in discount.value) {
    return { code: discount.code, amount: Math.round(subtotal * discount.value.percentage), type: "percentage" };
  }
  // A fixed amount is in the shop's currency: the order's currency takes it at the order's rate.
  const off = Math.round(discount.value.amount / order.exchangeRate);
  return { code: discount.code, amount: Math.min(subtotal, off), type: "fixed_amount" };
}
