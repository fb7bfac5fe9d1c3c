// A settlement discount: "settle by <date> and get X% off your next order", a single-use code for
// one customer (issue #10). Pure: what the shop's limits allow, when the offer ends, the code's
// letters and the clause a letter carries. The Shopify discount itself is made by
// app/.server/incentives/settlement-discounts.server.ts.
import type { FieldProblem } from "../field-problem";
import type { IncentiveLimits } from "./limits";
import type { LetterLocale } from "../letters/types";
import { formatAmount } from "../letters/values";
import { addDays, instantAt } from "../cadence/local-time";
import { localDate } from "../ledger/aging";

export type DiscountRequest = { kind: "percent"; percent: string } | { kind: "amount"; amount: string };

/** What is known of the customer's debt when the offer is made. */
export interface OfferFacts {
  /** Whole days the customer's oldest open debt is overdue (0 when none is). */
  daysOverdue: number;
  /** What they owe on open debts recorded in the shop's currency, an exact decimal. */
  owedInShopCurrency: string;
  /** The shop's time zone: an offer lasts to the end of its last day there. */
  timeZone: string;
}

export interface SettlementDiscount {
  /** A fraction 0–1 as Shopify wants it ("0.05"), or null for a fixed amount. */
  percentage: string | null;
  /** An exact decimal in the shop's currency, or null for a percentage. */
  amount: string | null;
  endsAt: Date;
}

export type DiscountCheck = { ok: true; discount: SettlementDiscount } | { ok: false; field: "percent" | "amount"; problem: FieldProblem };

const WHOLE_PERCENT = /^\d{1,3}$/;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** Exact decimal comparison of two non-negative amounts with up to 4 decimals, in ten-thousandths. */
function units(amount: string): bigint {
  const [whole, fraction = ""] = amount.split(".");
  return BigInt(whole) * 10_000n + BigInt(fraction.padEnd(4, "0").slice(0, 4));
}

/**
 * When an offer made `now` ends: the last second of the day `expiryDays` later where the shop is.
 * The letter says "settle by 30 November": the customer has all of that day, not until the hour
 * the offer happened to be made.
 */
export function offerEnd(now: Date, expiryDays: number, timeZone: string): Date {
  const nextDay = addDays(localDate(now, timeZone), expiryDays + 1);
  return new Date(instantAt(nextDay, 0, timeZone).getTime() - 1000);
}

/** Whether the shop's limits allow this discount for this customer now, and if so its value and end. */
export function checkSettlementDiscount(limits: IncentiveLimits, facts: OfferFacts, request: DiscountRequest, now: Date): DiscountCheck {
  const field = request.kind === "percent" ? "percent" : "amount";
  if (facts.daysOverdue < limits.minDaysOverdue) {
    return { ok: false, field, problem: { code: "offerTooEarly", params: { days: limits.minDaysOverdue } } };
  }
  const endsAt = offerEnd(now, limits.offerExpiryDays, facts.timeZone);
  if (request.kind === "percent") {
    const text = request.percent.trim();
    if (limits.maxDiscountPercent === 0) return { ok: false, field, problem: { code: "percentOffersOff" } };
    const percent = Number(text);
    if (!WHOLE_PERCENT.test(text) || percent < 1 || percent > limits.maxDiscountPercent) {
      return { ok: false, field, problem: { code: "wholeNumberBetween", params: { least: 1, most: limits.maxDiscountPercent } } };
    }
    return { ok: true, discount: { percentage: (percent / 100).toFixed(2), amount: null, endsAt } };
  }
  const text = request.amount.trim().replace(",", ".");
  if (units(limits.maxFixedAmount) === 0n) return { ok: false, field, problem: { code: "amountOffersOff" } };
  if (!AMOUNT.test(text) || units(text) === 0n) return { ok: false, field, problem: { code: "amountFormat" } };
  if (units(text) > units(limits.maxFixedAmount)) return { ok: false, field, problem: { code: "amountAboveLimit", params: { most: limits.maxFixedAmount } } };
  if (units(text) >= units(facts.owedInShopCurrency)) return { ok: false, field, problem: { code: "amountNotBelowDebt" } };
  return { ok: true, discount: { percentage: null, amount: text, endsAt } };
}

/**
 * What a cadence stage that carries an offer proposes by itself when the customer has none open:
 * the best the merchant's limits allow (a percentage if percentages are on, else the fixed amount),
 * still checked by checkSettlementDiscount against how late and how much. Null: offers are off.
 */
export function policyOffer(limits: IncentiveLimits): DiscountRequest | null {
  if (limits.maxDiscountPercent > 0) return { kind: "percent", percent: String(limits.maxDiscountPercent) };
  if (units(limits.maxFixedAmount) > 0n) return { kind: "amount", amount: limits.maxFixedAmount };
  return null;
}

// Crockford's base 32 without I, L, O, U: nothing a customer could misread when typing the code.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A code no one can guess: 12 letters of base 32 (60 bits) from `random` (crypto-strong bytes,
 * at least 12), grouped for reading aloud: QUITA-7K2M-9XQ4-TV3D.
 */
export function discountCode(random: Uint8Array): string {
  if (random.length < 12) throw new Error("a discount code needs 12 random bytes");
  const letters = Array.from(random.subarray(0, 12), (byte) => ALPHABET[byte & 31]).join("");
  return `QUITA-${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8, 12)}`;
}

/** Where a code still to be made stands in a letter's preview: as long as a real code, so the letter wraps alike. */
export const CODE_TO_COME = "QUITA-····-····-····";

/** How a letter says the offer, as a clause its template completes ("Good news, too: {{offer}}."). */
export interface OfferWording {
  discount: SettlementDiscount;
  code: string;
  /** The shop's currency, for a fixed amount. */
  currency: string;
  /** The shop's time zone: the offer's last day is a calendar day there. */
  timeZone: string;
  /** How the reader writes numbers and dates (letters/locale.ts formatLocaleFor). */
  formatTag: string;
}

export function offerClause(locale: LetterLocale, wording: OfferWording): string {
  const { discount, code, currency, timeZone, formatTag } = wording;
  const day = new Intl.DateTimeFormat(formatTag, { day: "numeric", month: "long", timeZone }).format(discount.endsAt);
  const percent = discount.percentage === null ? null : `${Math.round(Number(discount.percentage) * 100)}`;
  switch (locale) {
    case "pt-BR": {
      const value = percent ? `${percent}% de desconto` : `${formatAmount(discount.amount!, currency, formatTag)} de desconto`;
      return `quitando até ${day}, você ganha ${value} no próximo pedido com o código ${code}`;
    }
    case "es": {
      const value = percent ? `un ${percent} % de descuento` : `${formatAmount(discount.amount!, currency, formatTag)} de descuento`;
      return `si pagas hasta el ${day}, tienes ${value} en tu próximo pedido con el código ${code}`;
    }
    default: {
      const value = percent ? `${percent}% off` : `${formatAmount(discount.amount!, currency, formatTag)} off`;
      return `settle by ${day} and get ${value} your next order with the code ${code}`;
    }
  }
}
