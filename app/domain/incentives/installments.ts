// An installment agreement (parcelamento, issue #10): what the customer still owes on one debt,
// split into N installments with dates. Pure: the bounds a plan must keep, the exact split (in the
// currency's minor units, the remainder on the last installment), each installment's calendar day
// in the shop and the instants its invoice goes out and it counts as missed. The Shopify draft
// orders are made by app/.server/incentives/installment-agreements.server.ts.
import type { FieldProblem } from "../field-problem";
import { addDays, instantAt } from "../cadence/local-time";
import { fromUnits, minorUnits, toUnits } from "../ledger/money";

export const INSTALLMENT_BOUNDS = { minCount: 2, maxCount: 12, minIntervalDays: 7, maxIntervalDays: 92, maxFirstDateDays: 90 } as const;

/** Days after an installment's date before an unpaid one counts as missed. */
export const GRACE_DAYS = 3;

/** A local hour at which an invoice or a notice goes out on its day: morning in the shop, never at midnight. */
export const SEND_MINUTES = 9 * 60;

/** What the merchant typed in the form. */
export interface InstallmentRequest {
  count: string;
  /** The first installment's day, YYYY-MM-DD in the shop's calendar. */
  firstDate: string;
  intervalDays: string;
}

/** The debt split: what is still owed on it, in the currency it was billed in. */
export interface SplitDebt {
  outstanding: string;
  currency: string;
}

export interface PlannedInstallment {
  /** 1 to N. */
  number: number;
  /** An exact decimal in the debt's currency. */
  amount: string;
  /** Its day in the shop's calendar, YYYY-MM-DD. */
  dueOn: string;
  /** When its invoice goes out: that day at 09:00 in the shop. */
  sendAt: Date;
  /** When, unpaid, it counts as missed: GRACE_DAYS later, at 09:00 in the shop. */
  missedAt: Date;
}

export type InstallmentField = "count" | "firstDate" | "intervalDays" | "debt";
export type InstallmentCheck = { ok: true; installments: PlannedInstallment[] } | { ok: false; field: InstallmentField; problem: FieldProblem };

const WHOLE = /^\d{1,3}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/**
 * Splits `total` (an exact decimal) into `count` parts in the currency's minor units: every part
 * the same, the remainder on the last one, the parts adding up to exactly the total. Null when a
 * part would be nothing.
 */
export function splitAmount(total: string, currency: string, count: number): string[] | null {
  const step = 10n ** BigInt(4 - Math.min(4, minorUnits(currency)));
  const units = toUnits(total);
  if (units <= 0n || units % step !== 0n) return null;
  const minor = units / step;
  const each = minor / BigInt(count);
  if (each === 0n) return null;
  const last = minor - each * BigInt(count - 1);
  return Array.from({ length: count }, (_, i) => fromUnits((i === count - 1 ? last : each) * step));
}

type ScheduleCheck = { ok: true; count: number; first: string; interval: number } | { ok: false; field: InstallmentField; problem: FieldProblem };

/** Whether the count, the first day and the days between keep the bounds, whatever the debt. `today` is the shop's calendar day now. */
export function checkSchedule(request: InstallmentRequest, today: string): ScheduleCheck {
  const b = INSTALLMENT_BOUNDS;
  const countText = request.count.trim();
  const count = Number(countText);
  if (!WHOLE.test(countText) || count < b.minCount || count > b.maxCount) {
    return { ok: false, field: "count", problem: { code: "countBetween", params: { least: b.minCount, most: b.maxCount } } };
  }
  const first = request.firstDate.trim();
  if (!isCalendarDay(first)) return { ok: false, field: "firstDate", problem: { code: "dateFormat" } };
  if (first < today) return { ok: false, field: "firstDate", problem: { code: "firstDateInPast" } };
  if (first > addDays(today, b.maxFirstDateDays))
    return { ok: false, field: "firstDate", problem: { code: "firstDateTooFar", params: { days: b.maxFirstDateDays } } };
  const intervalText = request.intervalDays.trim();
  const interval = Number(intervalText);
  if (!WHOLE.test(intervalText) || interval < b.minIntervalDays || interval > b.maxIntervalDays) {
    return { ok: false, field: "intervalDays", problem: { code: "intervalBetween", params: { least: b.minIntervalDays, most: b.maxIntervalDays } } };
  }
  return { ok: true, count, first, interval };
}

/** Whether the plan keeps the bounds, and if so its installments. `today` is the shop's calendar day now. */
export function planInstallments(request: InstallmentRequest, debt: SplitDebt, today: string, timeZone: string): InstallmentCheck {
  const schedule = checkSchedule(request, today);
  if (!schedule.ok) return schedule;
  const { count, first, interval } = schedule;
  const amounts = splitAmount(debt.outstanding, debt.currency, count);
  if (!amounts) return { ok: false, field: "debt", problem: { code: "nothingToSplit" } };
  const installments = amounts.map((amount, i) => {
    const dueOn = addDays(first, i * interval);
    return {
      number: i + 1,
      amount,
      dueOn,
      sendAt: instantAt(dueOn, SEND_MINUTES, timeZone),
      missedAt: instantAt(addDays(dueOn, GRACE_DAYS), SEND_MINUTES, timeZone),
    };
  });
  return { ok: true, installments };
}

/** The custom line item's title on each installment's draft order, as the shop's staff and the customer read it. */
export function installmentTitle(number: number, count: number, orderName: string): string {
  return `Installment ${number} of ${count} — order ${orderName}`;
}

/**
 * The tag on every installment's draft order. Quita's ledger leaves such drafts out: what the
 * customer owes is the original debt, and counting its installments too would count it twice.
 */
export const INSTALLMENT_TAG = "quita-installment";

/** Whether a draft order's tags (GraphQL's list, or a webhook body's comma-separated string) mark it an installment. */
export function isInstallmentDraft(tags: unknown): boolean {
  const list = Array.isArray(tags) ? tags : typeof tags === "string" ? tags.split(",") : [];
  return list.some((tag) => typeof tag === "string" && tag.trim().toLowerCase() === INSTALLMENT_TAG);
}
