// The limits a merchant sets on what Quita may offer a late customer to settle
// (issue #10 makes the offers): the largest discount, as a percentage or as a
// fixed amount in the shop's currency, how late a debt must be before any offer,
// and how long an offer stays open. Kept in Shop.settings.incentives. Pure: the
// Settings page validates with it, the incentives code reads it.
import type { FieldProblem } from "../field-problem";

export interface IncentiveLimits {
  /** The largest percentage discount, a whole number 0–50; 0: no percentage discounts. */
  maxDiscountPercent: number;
  /** The largest fixed discount, an exact decimal in the shop's currency; "0": no fixed discounts. */
  maxFixedAmount: string;
  /** No offer before a debt is this many whole days overdue. */
  minDaysOverdue: number;
  /** An offer expires this many days after the letter that makes it. */
  offerExpiryDays: number;
  /**
   * Letters of a stage that carries an offer make one by themselves (the best these limits allow)
   * when the customer has none open. Off by default: the merchant approves each offer until they
   * let the policy do it.
   */
  automaticOffers: boolean;
  /** New payment terms move a due date at most this many days past the later of today and the current due date. */
  maxExtensionDays: number;
}

export const DEFAULT_INCENTIVE_LIMITS: IncentiveLimits = {
  maxDiscountPercent: 5,
  maxFixedAmount: "0",
  minDaysOverdue: 15,
  offerExpiryDays: 7,
  automaticOffers: false,
  maxExtensionDays: 30,
};

// A settlement discount is a courtesy, not a sale: above half the debt it stops
// reading as one. Offers wait at most half a year, and stay open one to thirty days. New terms
// give at most three more months: a longer wait is an installment plan, not an extension.
export const INCENTIVE_BOUNDS = {
  maxDiscountPercent: { least: 0, most: 50 },
  minDaysOverdue: { least: 0, most: 180 },
  offerExpiryDays: { least: 1, most: 30 },
  maxExtensionDays: { least: 1, most: 90 },
} as const;
/** Up to 12 digits before the point and 2 after: any shop currency's amounts. */
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const WHOLE = /^\d{1,4}$/;

/** What the merchant typed, field by field (a switch as "true" or "false"). */
export type IncentiveLimitsInput = Record<keyof IncentiveLimits, string>;
export type IncentiveLimitsErrors = Partial<Record<keyof IncentiveLimits, FieldProblem>>;

export function incentiveLimitsInputOf(limits: IncentiveLimits): IncentiveLimitsInput {
  return {
    maxDiscountPercent: String(limits.maxDiscountPercent),
    maxFixedAmount: limits.maxFixedAmount,
    minDaysOverdue: String(limits.minDaysOverdue),
    offerExpiryDays: String(limits.offerExpiryDays),
    automaticOffers: String(limits.automaticOffers),
    maxExtensionDays: String(limits.maxExtensionDays),
  };
}

/** Removes the zeros that say nothing: "050.50" is "50.5", "0.00" is "0". Exact: no float. */
function canonicalAmount(amount: string): string {
  const [whole, fraction = ""] = amount.split(".");
  const digits = whole.replace(/^0+(?=\d)/, "");
  const cents = fraction.replace(/0+$/, "");
  return cents ? `${digits}.${cents}` : digits;
}

export function validateIncentiveLimits(input: IncentiveLimitsInput): { ok: true; value: IncentiveLimits } | { ok: false; errors: IncentiveLimitsErrors } {
  const errors: IncentiveLimitsErrors = {};
  const whole = (field: keyof typeof INCENTIVE_BOUNDS): number => {
    const text = input[field].trim();
    const { least, most } = INCENTIVE_BOUNDS[field];
    const value = Number(text);
    if (!WHOLE.test(text) || value < least || value > most) errors[field] = { code: "wholeNumberBetween", params: { least, most } };
    return value;
  };
  const maxDiscountPercent = whole("maxDiscountPercent");
  const minDaysOverdue = whole("minDaysOverdue");
  const offerExpiryDays = whole("offerExpiryDays");
  const maxExtensionDays = whole("maxExtensionDays");
  const amount = input.maxFixedAmount.trim().replace(",", ".");
  if (!AMOUNT.test(amount)) errors.maxFixedAmount = { code: "amountFormat" };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const automaticOffers = input.automaticOffers === "true";
  return {
    ok: true,
    value: { maxDiscountPercent, maxFixedAmount: canonicalAmount(amount), minDaysOverdue, offerExpiryDays, maxExtensionDays, automaticOffers },
  };
}

/** A shop's stored limits (Shop.settings.incentives) over the defaults; limits that no longer pass fall back to the defaults. */
export function incentiveLimitsFrom(stored: unknown): IncentiveLimits {
  const saved = (stored && typeof stored === "object" ? stored : {}) as Partial<Record<keyof IncentiveLimits, unknown>>;
  const merged = { ...DEFAULT_INCENTIVE_LIMITS, ...saved };
  const checked = validateIncentiveLimits({
    maxDiscountPercent: String(merged.maxDiscountPercent),
    maxFixedAmount: String(merged.maxFixedAmount),
    minDaysOverdue: String(merged.minDaysOverdue),
    offerExpiryDays: String(merged.offerExpiryDays),
    automaticOffers: String(merged.automaticOffers === true),
    maxExtensionDays: String(merged.maxExtensionDays),
  });
  return checked.ok ? checked.value : DEFAULT_INCENTIVE_LIMITS;
}
