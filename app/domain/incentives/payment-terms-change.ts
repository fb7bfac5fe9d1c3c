// New payment terms for one order (issue #10): the merchant, or a Flow workflow, gives a late
// customer more time by moving the order's due date. Pure: whether the shop's limits allow the new
// date, worked out in the shop's calendar (`today` is the shop's date). The terms themselves are
// changed in Shopify by app/.server/incentives/payment-terms-changes.server.ts.
import type { FieldProblem } from "../field-problem";
import { addDays } from "../cadence/local-time";
import type { IncentiveLimits } from "./limits";

/** A new due date, or a number of days to add (to the current due date, or to today once it has passed). */
export type TermsChangeRequest = { kind: "date"; date: string } | { kind: "days"; days: string };

export interface TermsChangeFacts {
  /** The shop's date. */
  today: string;
  /** The order's current due date in the shop's calendar, null when it has none yet. */
  currentDueDate: string | null;
}

export type TermsChangeCheck = { ok: true; dueDate: string } | { ok: false; field: "date" | "days"; problem: FieldProblem };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d{1,4}$/;

const isCalendarDate = (value: string) =>
  DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/**
 * The day extensions count from: the current due date while it is still ahead, else today. So a
 * debt not yet due gets up to N more days, and a late one up to N days from now.
 */
export function extensionBase(facts: TermsChangeFacts): string {
  return facts.currentDueDate && facts.currentDueDate > facts.today ? facts.currentDueDate : facts.today;
}

/**
 * Whether the shop's limits allow this new due date: a real date, after today in the shop's time
 * zone and after the current due date (new terms give more time, never less), and at most
 * `maxExtensionDays` past the later of today and the current due date.
 */
export function checkTermsChange(limits: IncentiveLimits, facts: TermsChangeFacts, request: TermsChangeRequest): TermsChangeCheck {
  const base = extensionBase(facts);
  const most = limits.maxExtensionDays;
  const latest = addDays(base, most);
  if (request.kind === "days") {
    const text = request.days.trim();
    const days = Number(text);
    if (!WHOLE.test(text) || days < 1 || days > most) return { ok: false, field: "days", problem: { code: "wholeNumberBetween", params: { least: 1, most } } };
    return { ok: true, dueDate: addDays(base, days) };
  }
  const date = request.date.trim();
  if (!isCalendarDate(date)) return { ok: false, field: "date", problem: { code: "dateInvalid" } };
  if (date <= facts.today) return { ok: false, field: "date", problem: { code: "dueDateNotAfterToday", params: { today: facts.today } } };
  if (facts.currentDueDate && date <= facts.currentDueDate) {
    return { ok: false, field: "date", problem: { code: "dueDateNotLater", params: { current: facts.currentDueDate } } };
  }
  if (date > latest) return { ok: false, field: "date", problem: { code: "dueDateTooFar", params: { days: most, latest } } };
  return { ok: true, dueDate: date };
}
