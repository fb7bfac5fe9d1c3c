import { gid } from "./ids";
import { toDecimal, type Cents } from "./money";
import { draftTotal, financialStatus, lineTotal, orderDiscounts, orderOutstanding, orderSubtotal, orderTotal, toShopMoney } from "./order-math";
import { discountByCode } from "./discount-use";
import { addressPayload, customerPayload, lineItemPayload, paymentTermsPayload, priceSet } from "./payloads";
import { restTime } from "./time";
import type { DraftOrder, Order, ShopState } from "./state";

// The REST bodies of orders and draft orders, as Shopify's webhooks carry them (payloads.ts
// has the parts they share with other bodies).

const t = (shop: ShopState, d: Date | null | undefined) => restTime(d, shop.info.ianaTimezone);

/** A percentage discount's value as REST writes it ("10.0"). */
function discountPercent(shop: ShopState, code: string): string {
  const value = discountByCode(shop, code)?.value;
  return value && "percentage" in value ? (value.percentage * 100).toFixed(1) : "0.0";
}

export function orderPayload(shop: ShopState, o: Order) {
  const cur = shop.info.currency;
  const pres = o.presentmentCurrency;
  const set = (c: Cents) => priceSet(toShopMoney(o, c), cur, c, pres);
  // The plain amount fields are the shop's money; the *_set fields carry both.
  const plain = (c: Cents) => toDecimal(toShopMoney(o, c));
  const customer = o.customerId ? shop.customers.get(o.customerId) : null;
  const total = orderTotal(o);
  const subtotal = orderSubtotal(o);
  const address = customer?.address ?? (o.company ? (shop.locations.get(o.company.locationId)?.address ?? null) : null);
  const name = customer ? { first: customer.firstName, last: customer.lastName } : undefined;
  const cancelled = o.cancelledAt !== null;
  return {
    id: o.id,
    admin_graphql_api_id: gid("Order", o.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: o.cancelReason,
    cancelled_at: t(shop, o.cancelledAt),
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: t(shop, o.closedAt),
    company: o.company ? { id: o.company.companyId, location_id: o.company.locationId } : null,
    confirmation_number: o.token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: o.email,
    created_at: t(shop, o.createdAt),
    currency: cur,
    current_shipping_price_set: set(o.shippingPrice),
    current_subtotal_price: plain(cancelled ? 0 : subtotal),
    current_subtotal_price_set: set(cancelled ? 0 : subtotal),
    current_total_additional_fees_set: null,
    current_total_discounts: plain(cancelled ? 0 : orderDiscounts(o)),
    current_total_discounts_set: set(cancelled ? 0 : orderDiscounts(o)),
    current_total_duties_set: null,
    current_total_price: plain(cancelled ? 0 : total),
    current_total_price_set: set(cancelled ? 0 : total),
    current_total_tax: plain(o.taxPrice),
    current_total_tax_set: set(o.taxPrice),
    customer_locale: o.customerLocale,
    device_id: null,
    discount_applications: (o.discountCodes ?? []).map((d) => ({
      target_type: "line_item",
      type: "discount_code",
      value: d.type === "percentage" ? discountPercent(shop, d.code) : toDecimal(d.amount),
      value_type: d.type,
      allocation_method: "across",
      target_selection: "all",
      code: d.code,
    })),
    // REST's discount_codes amounts are the shop's money, as its other plain amounts.
    discount_codes: (o.discountCodes ?? []).map((d) => ({ code: d.code, amount: plain(d.amount), type: d.type })),
    duties_included: false,
    email: o.email ?? "",
    estimated_taxes: false,
    financial_status: financialStatus(o).toLowerCase(),
    fulfillment_status: null,
    fulfillments: [],
    landing_site: null,
    landing_site_ref: null,
    line_item_groups: [],
    line_items: o.lineItems.map((li) => lineItemPayload(li, o, cur)),
    location_id: null,
    merchant_business_entity_id: `MBE${shop.info.id}`,
    merchant_of_record_app_id: null,
    name: o.name,
    note: o.note,
    note_attributes: [],
    number: o.number - 1000,
    order_number: o.number,
    order_status_url: `https://${shop.info.domain}/${shop.info.id}/orders/${o.token}/authenticate?key=${o.token.slice(0, 16)}`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: [...new Set(o.transactions.map((x) => x.gateway))],
    payment_terms: o.paymentTerms ? paymentTermsPayload(shop, o.paymentTerms) : null,
    phone: o.phone,
    po_number: o.poNumber,
    presentment_currency: pres,
    processed_at: t(shop, o.processedAt),
    reference: null,
    referring_site: null,
    refunds: [],
    returns: [],
    billing_address: addressPayload(address, name),
    shipping_address: addressPayload(address, name),
    shipping_lines: [],
    source_identifier: null,
    source_name: o.sourceDraftOrderId ? "shopify_draft_order" : "web",
    source_url: null,
    subtotal_price: plain(subtotal),
    subtotal_price_set: set(subtotal),
    tags: o.tags.join(", "),
    tax_exempt: false,
    tax_lines: [],
    taxes_included: false,
    test: o.test,
    token: o.token,
    total_cash_rounding_payment_adjustment_set: set(0),
    total_cash_rounding_refund_adjustment_set: set(0),
    total_discounts: plain(orderDiscounts(o)),
    total_discounts_set: set(orderDiscounts(o)),
    total_line_items_price: plain(lineTotal(o.lineItems)),
    total_line_items_price_set: set(lineTotal(o.lineItems)),
    total_outstanding: plain(orderOutstanding(o)),
    total_price: plain(total),
    total_price_set: set(total),
    total_shipping_price_set: set(o.shippingPrice),
    total_tax: plain(o.taxPrice),
    total_tax_set: set(o.taxPrice),
    total_tip_received: "0.00",
    total_weight: 0,
    updated_at: t(shop, o.updatedAt),
    user_id: null,
    customer: customerPayload(shop, customer),
  };
}

export function invoiceUrl(shop: ShopState, d: DraftOrder) {
  return `https://${shop.info.domain}/${shop.info.id}/invoices/${d.invoiceToken}`;
}

export function draftOrderPayload(shop: ShopState, d: DraftOrder) {
  const customer = d.customerId ? shop.customers.get(d.customerId) : null;
  const address = customer?.address ?? (d.company ? (shop.locations.get(d.company.locationId)?.address ?? null) : null);
  const name = customer ? { first: customer.firstName, last: customer.lastName } : undefined;
  const view = { presentmentCurrency: d.currency, exchangeRate: 1 };
  const subtotal = lineTotal(d.lineItems);
  const total = draftTotal(d);
  return {
    id: d.id,
    note: d.note,
    email: d.email ?? "",
    taxes_included: false,
    currency: d.currency,
    invoice_sent_at: t(shop, d.invoiceSentAt),
    created_at: t(shop, d.createdAt),
    updated_at: t(shop, d.updatedAt),
    tax_exempt: d.taxExempt,
    completed_at: t(shop, d.completedAt),
    name: d.name,
    "allow_discount_codes_in_checkout?": false,
    "b2b?": d.company !== null,
    status: d.status.toLowerCase(),
    api_client_id: null,
    line_items: d.lineItems.map((li) => {
      const { price_set: _p, ...rest } = lineItemPayload(li, view, d.currency);
      return { ...rest, applied_discount: null, custom: li.variantId === null, admin_graphql_api_id: gid("DraftOrderLineItem", li.id) };
    }),
    shipping_address: addressPayload(address, name),
    billing_address: addressPayload(address, name),
    invoice_url: invoiceUrl(shop, d),
    created_on_api_version_handle: null,
    applied_discount: d.appliedDiscount && {
      description: d.appliedDiscount.description ?? d.appliedDiscount.title ?? "",
      value: String(d.appliedDiscount.value),
      title: d.appliedDiscount.title ?? "",
      amount: toDecimal(subtotal - total),
      value_type: d.appliedDiscount.valueType === "PERCENTAGE" ? "percentage" : "fixed_amount",
    },
    order_id: d.orderId,
    shipping_line: null,
    tax_lines: [],
    tags: d.tags.join(", "),
    note_attributes: [],
    total_price: toDecimal(total),
    subtotal_price: toDecimal(total),
    total_tax: "0.00",
    payment_terms: d.paymentTerms ? paymentTermsPayload(shop, d.paymentTerms) : null,
    admin_graphql_api_id: gid("DraftOrder", d.id),
    customer: customerPayload(shop, customer),
  };
}
