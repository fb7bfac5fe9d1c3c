import { money, toUnits, type Money } from "./money";
import { gidFor, numericTail } from "./json";
import {
  billedShareOfShop,
  nextScheduleDue,
  orderStatus,
  PayloadError,
  type Amounts,
  type CompanyRef,
  type CustomerRef,
  type ReceivableSnapshot,
  type Terms,
} from "./snapshot";
import { isInstallmentDraft } from "../incentives/installments";

// Shopify's REST webhook bodies (orders/*, draft_orders/*, payment_terms/*)
// read into snapshots. Order bodies carry amounts in the shop's currency
// (`currency`, `total_outstanding`, `current_total_price`), with the
// presentment money the customer was billed in beside them
// (`presentment_currency`, `*_set.presentment_money`).

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : null);

function required(payload: Obj, key: string): string {
  const value = str(payload[key]);
  if (value === null) throw new PayloadError(`missing "${key}"`);
  return value;
}

export function parseTime(value: unknown, field: string): Date {
  const s = str(value);
  const date = s ? new Date(s) : null;
  if (!date || Number.isNaN(date.getTime())) throw new PayloadError(`"${field}" is not a time`);
  return date;
}

const optionalTime = (value: unknown): Date | null => {
  const s = str(value);
  const date = s ? new Date(s) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

function amount(value: unknown, currency: string, field: string): Money {
  const s = str(value);
  if (s === null) throw new PayloadError(`missing "${field}"`);
  try {
    return money(s, currency);
  } catch {
    throw new PayloadError(`"${field}" is not an amount`);
  }
}

const nonNegative = (m: Money) => (toUnits(m.amount) < 0n ? money("0", m.currency) : m);

/** A `*_set` field's presentment money, when it is in `currency`. */
function presentmentOf(set: unknown, currency: string, field: string): Money | null {
  const p = isObj(set) ? set.presentment_money : undefined;
  if (!isObj(p) || str(p.currency_code)?.toUpperCase() !== currency.toUpperCase()) return null;
  return amount(p.amount, currency, `${field}.presentment_money.amount`);
}

function customerOf(payload: Obj): CustomerRef | null {
  const c = payload.customer;
  if (!isObj(c)) return null;
  const gid = str(c.admin_graphql_api_id) ?? (str(c.id) ? gidFor("Customer", str(c.id)!) : null);
  if (!gid) return null;
  const name = [str(c.first_name), str(c.last_name)].filter(Boolean).join(" ") || null;
  return { gid, name, email: str(c.email) ?? str(payload.email), phone: str(c.phone), locale: str(payload.customer_locale) ?? str(c.locale) };
}

function companyOf(payload: Obj): CompanyRef | null {
  const c = payload.company;
  if (!isObj(c) || !str(c.id)) return null;
  const location = str(c.location_id);
  return { gid: gidFor("Company", str(c.id)!), name: str(c.name), locationGid: location ? gidFor("CompanyLocation", location) : null, locationName: null };
}

/** The terms of a webhook body's `payment_terms` (also the body of payment_terms/* itself). */
export function termsFromPayload(value: unknown): Terms | null {
  if (!isObj(value)) return null;
  const schedules = Array.isArray(value.payment_schedules) ? value.payment_schedules.filter(isObj) : [];
  return {
    id: numericTail(str(value.admin_graphql_api_id)) ?? str(value.id),
    name: str(value.payment_terms_name),
    type: str(value.payment_terms_type)?.toLowerCase() ?? null,
    dueInDays: typeof value.due_in_days === "number" ? value.due_in_days : null,
    dueAt: nextScheduleDue(schedules.map((s) => ({ dueAt: optionalTime(s.due_at), completed: Boolean(str(s.completed_at)) }))),
  };
}

/** An orders/* webhook body (create, updated, paid, cancelled). */
export function orderSnapshot(payload: unknown): ReceivableSnapshot {
  if (!isObj(payload)) throw new PayloadError("body is not an object");
  const resourceGid = required(payload, "admin_graphql_api_id");
  if (!resourceGid.startsWith("gid://shopify/Order/")) throw new PayloadError("admin_graphql_api_id is not an Order");
  const shopCurrency = required(payload, "currency");
  const billedCurrency = str(payload.presentment_currency) ?? shopCurrency;
  const updatedAt = parseTime(payload.updated_at, "updated_at");
  const financial = required(payload, "financial_status");
  const shop: Amounts = {
    total: amount(payload.current_total_price ?? payload.total_price, shopCurrency, "current_total_price"),
    outstanding: nonNegative(amount(payload.total_outstanding, shopCurrency, "total_outstanding")),
  };
  let billed: Amounts = shop;
  let billedOutstandingExact = true;
  if (billedCurrency.toUpperCase() !== shop.total.currency) {
    const billedTotal = presentmentOf(payload.current_total_price_set ?? payload.total_price_set, billedCurrency, "current_total_price_set");
    if (!billedTotal) throw new PayloadError(`no ${billedCurrency} amounts beside the shop's ${shopCurrency} ones`);
    const share = billedShareOfShop(billedTotal, shop);
    billed = { total: billedTotal, outstanding: share.outstanding };
    billedOutstandingExact = share.exact;
  }
  const terms = termsFromPayload(payload.payment_terms);
  const company = companyOf(payload);
  return {
    resourceGid,
    kind: "order",
    name: str(payload.name) ?? resourceGid,
    collectible: terms !== null || company !== null,
    status: orderStatus(financial, Boolean(str(payload.cancelled_at)), shop.outstanding),
    customer: customerOf(payload),
    company,
    billed,
    billedOutstandingExact,
    shop,
    terms,
    dueAt: terms?.dueAt ?? null,
    placedAt: optionalTime(payload.created_at),
    paymentUrl: str(payload.order_status_url),
    updatedAt,
  };
}

/**
 * A draft_orders/create|update body: a debt once its invoice was sent, until
 * completed. Its amounts are in the draft's own currency, which the body does
 * not compare with the shop's: the ledger settles the shop-currency value.
 */
export function draftOrderSnapshot(payload: unknown): ReceivableSnapshot {
  if (!isObj(payload)) throw new PayloadError("body is not an object");
  const resourceGid = required(payload, "admin_graphql_api_id");
  if (!resourceGid.startsWith("gid://shopify/DraftOrder/")) throw new PayloadError("admin_graphql_api_id is not a DraftOrder");
  const currency = required(payload, "currency");
  const updatedAt = parseTime(payload.updated_at, "updated_at");
  const draftStatus = required(payload, "status").toLowerCase();
  const total = amount(payload.total_price, currency, "total_price");
  const completed = draftStatus === "completed" || Boolean(str(payload.completed_at));
  const billed: Amounts = { total, outstanding: completed ? money("0", currency) : total };
  const invoiceSentAt = optionalTime(payload.invoice_sent_at);
  const terms = termsFromPayload(payload.payment_terms);
  return {
    resourceGid,
    kind: "draft_order",
    name: str(payload.name) ?? resourceGid,
    // An installment's draft is not a debt of its own: the agreement's original debt is (docs/decisions/016).
    collectible: invoiceSentAt !== null && !isInstallmentDraft(payload.tags),
    status: completed ? "completed" : "open",
    customer: customerOf(payload),
    company: companyOf(payload),
    billed,
    billedOutstandingExact: true,
    shop: null,
    terms,
    dueAt: terms ? terms.dueAt : invoiceSentAt,
    placedAt: optionalTime(payload.created_at),
    paymentUrl: str(payload.invoice_url),
    updatedAt,
  };
}

/** A discount code an order used, with what it took off in the shop's money (REST's `discount_codes`). */
export interface UsedDiscountCode {
  code: string;
  amount: Money;
}

/** The codes an orders/* body says were used; entries without a code or an amount are not codes. */
export function discountCodesOf(payload: unknown): UsedDiscountCode[] {
  if (!isObj(payload) || !Array.isArray(payload.discount_codes)) return [];
  const currency = str(payload.currency);
  if (!currency) return [];
  return payload.discount_codes.filter(isObj).flatMap((entry) => {
    const code = str(entry.code);
    if (!code) return [];
    try {
      return [{ code, amount: amount(entry.amount, currency, "discount_codes.amount") }];
    } catch {
      return [];
    }
  });
}
