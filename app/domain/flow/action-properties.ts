import { addDays } from "../cadence/local-time";
import type { DiscountRequest } from "../incentives/settlement-discount";
import type { TermsChangeRequest } from "../incentives/payment-terms-change";

// What a Shopify Flow action's `properties` ask of Quita, checked before anything is done. Flow
// sends a customer_reference as `customer_id` (the numeric id; a GID is accepted too), a
// number_integer or number_decimal as a JSON number, and text as it was typed or filled from the
// workflow's variables: a date is text (Flow has no date field for actions), YYYY-MM-DD in the
// shop's time zone. Each problem is an English sentence: Flow shows it to the merchant in the
// workflow's run log, and it goes to Quita's log.

export const FLOW_ACTION_HANDLES = [
  "send-reminder-now",
  "pause-collection",
  "record-promise-to-pay",
  "offer-settlement-discount",
  "extend-payment-terms",
] as const;
export type FlowActionHandle = (typeof FLOW_ACTION_HANDLES)[number];

/** The properties each action reads: its extension's fields (a customer_reference arrives as customer_id). */
export const FLOW_ACTION_PROPERTIES: Record<FlowActionHandle, readonly string[]> = {
  "send-reminder-now": ["customer_id"],
  "pause-collection": ["customer_id", "days", "until"],
  "record-promise-to-pay": ["customer_id", "promised_date", "amount", "currency"],
  "offer-settlement-discount": ["customer_id", "percent", "amount"],
  "extend-payment-terms": ["order_id", "days", "new_due_date"],
};

export type FlowActionRequest =
  | { handle: "send-reminder-now"; customerGid: string }
  /** Held through `lastDay` (YYYY-MM-DD) in the shop. */
  | { handle: "pause-collection"; customerGid: string; lastDay: string }
  | { handle: "record-promise-to-pay"; customerGid: string; lastDay: string; amount: string; currency: string }
  /** Checked against the shop's limits by domain/incentives/settlement-discount.ts. */
  | { handle: "offer-settlement-discount"; customerGid: string; discount: DiscountRequest }
  /** An order, not a customer: its customer is the one Quita's ledger knows. Checked by domain/incentives/payment-terms-change.ts. */
  | { handle: "extend-payment-terms"; orderGid: string; change: TermsChangeRequest };

export type ParsedFlowAction = { ok: true; request: FlowActionRequest } | { ok: false; problem: string };

export const MAX_DAYS_AHEAD = 365;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isFlowActionHandle(handle: string): handle is FlowActionHandle {
  return (FLOW_ACTION_HANDLES as readonly string[]).includes(handle);
}

/** Quita's key for a customer: the GID Shopify gives, from a customer_reference's numeric id or the GID itself. */
export function customerGidOf(value: unknown): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : typeof value === "string" ? value.trim() : "";
  if (/^[1-9]\d{0,19}$/.test(text)) return `gid://shopify/Customer/${text}`;
  return /^gid:\/\/shopify\/Customer\/[1-9]\d{0,19}$/.test(text) ? text : null;
}

/** Quita's key for an order: the GID, from an order_reference's numeric id or the GID itself. */
export function orderGidOf(value: unknown): string | null {
  const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : typeof value === "string" ? value.trim() : "";
  if (/^[1-9]\d{0,19}$/.test(text)) return `gid://shopify/Order/${text}`;
  return /^gid:\/\/shopify\/Order\/[1-9]\d{0,19}$/.test(text) ? text : null;
}

function isCalendarDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** The last day held, checked against the shop's today: not gone, within a year. */
function lastDayProblem(lastDay: string, today: string, field: string): string | null {
  if (lastDay < today) return `${field} (${lastDay}) has already passed in the shop's time zone (today is ${today})`;
  if (lastDay > addDays(today, MAX_DAYS_AHEAD)) return `${field} (${lastDay}) is more than a year away`;
  return null;
}

function text(properties: Record<string, unknown>, key: string): string {
  const value = properties[key];
  return typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
}

function pauseLastDay(properties: Record<string, unknown>, today: string): { lastDay: string } | { problem: string } {
  const rawDays = properties.days;
  const until = text(properties, "until");
  const hasDays = rawDays !== undefined && rawDays !== null && rawDays !== "";
  if (hasDays === Boolean(until)) return { problem: "Fill exactly one of Days to pause and Pause until" };
  if (until) {
    if (!isCalendarDate(until)) return { problem: `Pause until must be a date written YYYY-MM-DD, not '${until}'` };
    const problem = lastDayProblem(until, today, "Pause until");
    return problem ? { problem } : { lastDay: until };
  }
  const days = Number(rawDays);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS_AHEAD) return { problem: `Days to pause must be a whole number from 1 to ${MAX_DAYS_AHEAD}` };
  return { lastDay: addDays(today, days) };
}

/** A positive amount with at most two decimals as an exact decimal string ("1234.5"), or null. */
function amountOf(value: unknown): string | null {
  const written = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d+(\.\d{1,2})?$/.test(written) || !/[1-9]/.test(written)) return null;
  return written.replace(/^0+(?=\d)/, "");
}

const filled = (value: unknown) => value !== undefined && value !== null && value !== "";

/** Exactly one of a discount's two fields; its bounds are the shop's limits, checked later. */
function discountOf(props: Record<string, unknown>): { discount: DiscountRequest } | { problem: string } {
  if (filled(props.percent) === filled(props.amount)) return { problem: "Fill exactly one of Percentage off and Amount off" };
  return filled(props.percent)
    ? { discount: { kind: "percent", percent: text(props, "percent") } }
    : { discount: { kind: "amount", amount: text(props, "amount") } };
}

/** Exactly one of More days and New due date; the shop's limit is checked later. */
function termsChangeOf(props: Record<string, unknown>): { change: TermsChangeRequest } | { problem: string } {
  const date = text(props, "new_due_date");
  if (filled(props.days) === Boolean(date)) return { problem: "Fill exactly one of More days and New due date" };
  if (date && !isCalendarDate(date)) return { problem: `New due date must be a date written YYYY-MM-DD, not '${date}'` };
  return date ? { change: { kind: "date", date } } : { change: { kind: "days", days: text(props, "days") } };
}

/** The action asked for, or the first thing wrong with it; `today` is the shop's date. */
export function parseFlowAction(handle: FlowActionHandle, properties: unknown, today: string): ParsedFlowAction {
  const props = properties && typeof properties === "object" && !Array.isArray(properties) ? (properties as Record<string, unknown>) : {};
  if (handle === "extend-payment-terms") {
    const orderGid = orderGidOf(props.order_id);
    if (!orderGid) return { ok: false, problem: `order_id must name a Shopify order, not '${String(props.order_id ?? "")}'` };
    const change = termsChangeOf(props);
    return "problem" in change ? { ok: false, problem: change.problem } : { ok: true, request: { handle, orderGid, change: change.change } };
  }
  const customerGid = customerGidOf(props.customer_id);
  if (!customerGid) return { ok: false, problem: `customer_id must name a Shopify customer, not '${String(props.customer_id ?? "")}'` };
  switch (handle) {
    case "send-reminder-now":
      return { ok: true, request: { handle, customerGid } };
    case "pause-collection": {
      const until = pauseLastDay(props, today);
      return "problem" in until ? { ok: false, problem: until.problem } : { ok: true, request: { handle, customerGid, lastDay: until.lastDay } };
    }
    case "record-promise-to-pay": {
      const date = text(props, "promised_date");
      if (!isCalendarDate(date)) return { ok: false, problem: `Promised date must be a date written YYYY-MM-DD, not '${date}'` };
      const dateProblem = lastDayProblem(date, today, "Promised date");
      if (dateProblem) return { ok: false, problem: dateProblem };
      const amount = amountOf(props.amount);
      if (!amount) return { ok: false, problem: `Amount must be a positive number with at most two decimals, not '${text(props, "amount")}'` };
      const currency = text(props, "currency").toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, problem: `Currency must be a three-letter ISO 4217 code such as BRL, not '${currency}'` };
      return { ok: true, request: { handle, customerGid, lastDay: date, amount, currency } };
    }
    case "offer-settlement-discount": {
      const discount = discountOf(props);
      return "problem" in discount ? { ok: false, problem: discount.problem } : { ok: true, request: { handle, customerGid, discount: discount.discount } };
    }
  }
}
