import { money, toUnits, type Money } from "./money";
import { gidFor, numericTail } from "./json";

// A receivable as one moment's view of a Shopify order or draft order,
// whichever way it arrived (webhook body, or Admin GraphQL in backfill).

export type ReceivableStatus = "open" | "paid" | "cancelled" | "voided" | "refunded" | "completed" | "closed" | "deleted";

export interface CustomerRef {
  gid: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
}

export interface CompanyRef {
  gid: string;
  name: string | null;
  locationGid: string | null;
  locationName: string | null;
}

export interface Terms {
  id: string | null; // numeric tail of the terms' id
  name: string | null;
  type: string | null; // net | fixed | fulfillment | receipt
  dueInDays: number | null;
  dueAt: Date | null;
}

export interface ReceivableSnapshot {
  resourceGid: string;
  kind: "order" | "draft_order";
  name: string;
  /** Whether Quita collects on this resource at all (terms, B2B, or an invoiced draft). */
  collectible: boolean;
  status: ReceivableStatus;
  customer: CustomerRef | null;
  company: CompanyRef | null;
  total: Money;
  outstanding: Money;
  terms: Terms | null;
  updatedAt: Date;
}

export class PayloadError extends Error {
  override name = "PayloadError";
}

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
  // The first schedule still unpaid is the one the customer must meet next.
  const next = schedules.find((s) => !s.completed_at) ?? schedules[0];
  const dueInDays = typeof value.due_in_days === "number" ? value.due_in_days : null;
  return {
    id: numericTail(str(value.admin_graphql_api_id)) ?? str(value.id),
    name: str(value.payment_terms_name),
    type: str(value.payment_terms_type)?.toLowerCase() ?? null,
    dueInDays,
    dueAt: next ? optionalTime(next.due_at) : null,
  };
}

const OPEN_FINANCIAL = new Set(["pending", "partially_paid", "authorized", "unpaid", "expired"]);

function orderStatus(payload: Obj, outstanding: Money): ReceivableStatus {
  if (str(payload.cancelled_at)) return "cancelled";
  const financial = str(payload.financial_status)?.toLowerCase() ?? "";
  if (financial === "voided") return "voided";
  if (financial === "refunded" || financial === "partially_refunded") return toUnits(outstanding.amount) > 0n ? "open" : "refunded";
  if (financial === "paid") return "paid";
  if (OPEN_FINANCIAL.has(financial)) return toUnits(outstanding.amount) > 0n ? "open" : "paid";
  return toUnits(outstanding.amount) > 0n ? "open" : "paid";
}

/** An orders/* webhook body (create, updated, paid, cancelled). */
export function orderSnapshot(payload: unknown): ReceivableSnapshot {
  if (!isObj(payload)) throw new PayloadError("body is not an object");
  const resourceGid = required(payload, "admin_graphql_api_id");
  if (!resourceGid.startsWith("gid://shopify/Order/")) throw new PayloadError("admin_graphql_api_id is not an Order");
  const currency = required(payload, "currency");
  const updatedAt = parseTime(payload.updated_at, "updated_at");
  required(payload, "financial_status");
  const total = amount(payload.current_total_price ?? payload.total_price, currency, "current_total_price");
  const outstanding = amount(payload.total_outstanding, currency, "total_outstanding");
  const terms = termsFromPayload(payload.payment_terms);
  const company = companyOf(payload);
  return {
    resourceGid,
    kind: "order",
    name: str(payload.name) ?? resourceGid,
    collectible: terms !== null || company !== null,
    status: orderStatus(payload, outstanding),
    customer: customerOf(payload),
    company,
    total,
    outstanding: toUnits(outstanding.amount) < 0n ? money("0", currency) : outstanding,
    terms,
    updatedAt,
  };
}

/** A draft_orders/create|update body: a debt once its invoice was sent, until completed. */
export function draftOrderSnapshot(payload: unknown): ReceivableSnapshot {
  if (!isObj(payload)) throw new PayloadError("body is not an object");
  const resourceGid = required(payload, "admin_graphql_api_id");
  if (!resourceGid.startsWith("gid://shopify/DraftOrder/")) throw new PayloadError("admin_graphql_api_id is not a DraftOrder");
  const currency = required(payload, "currency");
  const updatedAt = parseTime(payload.updated_at, "updated_at");
  const draftStatus = required(payload, "status").toLowerCase();
  const total = amount(payload.total_price, currency, "total_price");
  const completed = draftStatus === "completed" || Boolean(str(payload.completed_at));
  return {
    resourceGid,
    kind: "draft_order",
    name: str(payload.name) ?? resourceGid,
    collectible: Boolean(str(payload.invoice_sent_at)),
    status: completed ? "completed" : "open",
    customer: customerOf(payload),
    company: companyOf(payload),
    total,
    outstanding: completed ? money("0", currency) : total,
    terms: termsFromPayload(payload.payment_terms),
    updatedAt,
  };
}
