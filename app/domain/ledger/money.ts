// Exact money: amounts travel as decimal strings and are computed in integer
// ten-thousandths (BigInt), never as JS floats. Every amount carries its
// currency; amounts in different currencies are never added together.

export interface Money {
  amount: string; // canonical decimal, e.g. "414.95", "-3.5"
  currency: string; // ISO 4217
}

const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export class MoneyError extends Error {
  override name = "MoneyError";
}

export function toUnits(amount: string): bigint {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new MoneyError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) {
    throw new MoneyError(`more than ${SCALE} decimals: ${amount}`);
  }
  const units = BigInt(whole) * FACTOR + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, "0"));
  return sign ? -units : units;
}

/** The shortest decimal with at least two decimals: 4149500n → "414.95". */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

export function money(amount: string, currency: string): Money {
  return { amount: fromUnits(toUnits(amount)), currency: currency.toUpperCase() };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new MoneyError(`cannot combine ${a.currency} with ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: fromUnits(toUnits(a.amount) + toUnits(b.amount)), currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: fromUnits(toUnits(a.amount) - toUnits(b.amount)), currency: a.currency };
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  const d = toUnits(a.amount) - toUnits(b.amount);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export const isPositive = (m: Money) => toUnits(m.amount) > 0n;

/** Totals per currency, e.g. {BRL: "1200.00", USD: "35.50"}: never one sum across currencies. */
export function totalsByCurrency(amounts: Money[]): Record<string, string> {
  const sums = new Map<string, bigint>();
  for (const m of amounts) sums.set(m.currency, (sums.get(m.currency) ?? 0n) + toUnits(m.amount));
  return Object.fromEntries([...sums].sort(([a], [b]) => a.localeCompare(b)).map(([c, u]) => [c, fromUnits(u)]));
}

const minorUnitCache = new Map<string, number>();

/** Decimals the currency is paid in (2 for BRL, 0 for JPY, 3 for KWD). */
export function minorUnits(currency: string): number {
  let digits = minorUnitCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorUnitCache.set(currency, digits);
  }
  return digits;
}

/**
 * `amount` × numerator / denominator, in `currency`, rounded half up to the
 * currency's minor unit: the share of a foreign-currency total that a
 * shop-currency figure stands for. Exact integer arithmetic throughout.
 */
export function proportion(amount: Money, numerator: Money, denominator: Money, currency: string): Money {
  const d = toUnits(denominator.amount);
  if (d === 0n) return money("0", currency);
  const step = 10n ** BigInt(SCALE - Math.min(SCALE, minorUnits(currency)));
  const raw = toUnits(amount.amount) * toUnits(numerator.amount);
  const negative = raw < 0n !== d < 0n;
  const abs = raw < 0n ? -raw : raw;
  const dAbs = d < 0n ? -d : d;
  // Units of the result = raw / d; rounded to the minor unit, half up.
  const scaled = (abs + (dAbs * step) / 2n) / (dAbs * step);
  const units = scaled * step;
  return { amount: fromUnits(negative ? -units : units), currency: currency.toUpperCase() };
}
