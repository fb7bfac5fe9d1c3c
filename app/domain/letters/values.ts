// What each placeholder says for one customer's letter: money exact in the
// currency billed, dates as calendar dates in the shop's zone, both written the
// way the letter's reader writes them.
import { zoneOrUtc } from "../ledger/aging";
import { fromUnits, minorUnits, toUnits } from "../ledger/money";
import { PHRASES, type Phrases } from "./phrases";
import { formatLocaleFor } from "./locale";
import type { PlaceholderName } from "./syntax";
import type { LetterContext, LetterDebt } from "./types";

/** A context no letter can be written from; a bug in the caller, not the merchant's template. */
export class LetterContextError extends Error {
  override name = "LetterContextError";
}

export type LetterValues = Record<PlaceholderName, string | boolean | null>;

/** One line, no runs of spaces: names and numbers come from Shopify and may carry line breaks. */
const oneLine = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim() || null;

// Building an Intl formatter costs far more than using one, and a send run writes
// thousands of letters in a handful of locales and currencies: keep them.
const intlCache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  if (!intlCache.has(key)) intlCache.set(key, make());
  return intlCache.get(key) as T;
}

/** "1234.5" BRL in pt-BR → "R$ 1.234,50": Intl formats the decimal string itself, no float; never rounded. */
export function formatAmount(amount: string, currency: string, tag: string): string {
  const canonical = fromUnits(toUnits(amount));
  const minor = minorUnits(currency);
  const digits = Math.max(minor, (canonical.split(".")[1] ?? "").replace(/0+$/, "").length);
  const format = cached(
    `number|${tag}|${currency}|${digits}`,
    () => new Intl.NumberFormat(tag, { style: "currency", currency, minimumFractionDigits: minor, maximumFractionDigits: digits }),
  );
  return format.format(canonical as unknown as number);
}

function checkDebt(debt: LetterDebt, index: number): void {
  const where = `debts[${index}]`;
  let units: bigint;
  try {
    units = toUnits(debt.amount);
  } catch {
    throw new LetterContextError(`${where}.amount is not a decimal amount: ${JSON.stringify(debt.amount)}`);
  }
  if (units <= 0n) throw new LetterContextError(`${where}.amount must be above zero to ask for it: ${debt.amount}`);
  if (!/^[A-Z]{3}$/.test(debt.currency)) throw new LetterContextError(`${where}.currency is not an ISO 4217 code: ${JSON.stringify(debt.currency)}`);
  if (!oneLine(debt.number)) throw new LetterContextError(`${where}.number is empty`);
  if (debt.dueDate && Number.isNaN(debt.dueDate.getTime())) throw new LetterContextError(`${where}.dueDate is not a date`);
  if (!Number.isInteger(debt.daysOverdue)) throw new LetterContextError(`${where}.daysOverdue must be whole days: ${debt.daysOverdue}`);
  const inst = debt.installment;
  if (inst && !(Number.isInteger(inst.n) && Number.isInteger(inst.of) && inst.n >= 1 && inst.n <= inst.of)) {
    throw new LetterContextError(`${where}.installment must be n of m with 1 ≤ n ≤ m: ${inst.n} of ${inst.of}`);
  }
  let url: URL | null = null;
  try {
    url = /\s/.test(debt.paymentUrl) ? null : new URL(debt.paymentUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new LetterContextError(`${where}.paymentUrl is not a web address: ${JSON.stringify(debt.paymentUrl)}`);
  }
}

interface Formatters {
  phrases: Phrases;
  tag: string;
  date: (d: Date) => string;
  daysFromNow: (days: number) => string;
  list: (items: string[]) => string;
}

function formatters(context: LetterContext): Formatters {
  // The customer's tag only when it is the letter's language: a French customer's
  // English letter reads "$1,234.50", not "1 234,50 $US".
  const tag = formatLocaleFor(context.formatLocale, context.locale);
  const zone = cached(`zone|${context.timeZone}`, () => zoneOrUtc(context.timeZone));
  const dates = cached(`date|${tag}|${zone}`, () => new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: zone }));
  const relative = cached(`relative|${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: "auto" }));
  const lists = cached(`list|${tag}`, () => new Intl.ListFormat(tag, { type: "conjunction" }));
  return {
    phrases: PHRASES[context.locale],
    tag,
    date: (d) => dates.format(d),
    // Days overdue count up; "in 3 days" / "3 days ago" count from today.
    daysFromNow: (daysOverdue) => relative.format(-daysOverdue, "day"),
    list: (items) => lists.format(items),
  };
}

function debtBlock(debt: LetterDebt, f: Formatters): string {
  const due = debt.dueDate ? `${f.date(debt.dueDate)} (${f.daysFromNow(debt.daysOverdue)})` : f.phrases.dueOnFulfillment;
  const lines = [`${f.phrases.debt(oneLine(debt.number)!)} — ${formatAmount(debt.amount, debt.currency, f.tag)}`, `${f.phrases.dueLabel}: ${due}`];
  if (debt.installment) lines.push(f.phrases.installment(debt.installment.n, debt.installment.of));
  lines.push(`${f.phrases.payLabel}:`, debt.paymentUrl);
  return lines.join("\n");
}

function paymentLinks(debts: LetterDebt[], f: Formatters): string {
  const urls = new Set(debts.map((d) => d.paymentUrl));
  if (urls.size === 1) return debts[0].paymentUrl;
  return debts.map((d) => `${f.phrases.debt(oneLine(d.number)!)}:\n${d.paymentUrl}`).join("\n\n");
}

/** Totals per currency, in the order the debts first show each one: never one sum across currencies. */
function totals(debts: LetterDebt[], f: Formatters): string {
  const sums = new Map<string, bigint>();
  for (const d of debts) sums.set(d.currency, (sums.get(d.currency) ?? 0n) + toUnits(d.amount));
  return f.list([...sums].map(([currency, units]) => formatAmount(fromUnits(units), currency, f.tag)));
}

function identity(context: LetterContext, f: Formatters): string {
  const legalName = oneLine(context.merchant.legalName);
  if (!legalName) throw new LetterContextError("merchant.legalName is empty: every collection letter says who is writing");
  const taxId = oneLine(context.merchant.taxId);
  const taxLine = taxId && (/\p{L}/u.test(taxId) ? taxId : `${f.phrases.taxIdLabel(taxId.replace(/\D/g, "").length)}: ${taxId}`);
  return [legalName, oneLine(context.merchant.address), taxLine].filter(Boolean).join("\n");
}

/** The value of every placeholder for this context; null where a value is absent. */
export function letterValues(context: LetterContext): LetterValues {
  if (context.debts.length === 0) throw new LetterContextError("a letter needs at least one debt");
  context.debts.forEach(checkDebt);
  const f = formatters(context);
  const debts = context.debts;
  const dated = debts.flatMap((d) => (d.dueDate ? [d.dueDate] : [])).sort((a, b) => a.getTime() - b.getTime());
  const withInstallment = debts.find((d) => d.installment);
  const offer = oneLine(context.offer?.text)?.replace(/[.\s]+$/, "") || null;
  return {
    customer_name: oneLine(context.customerName),
    company_name: oneLine(context.companyName),
    debts: debts.map((d) => debtBlock(d, f)).join("\n\n"),
    debt_numbers: f.list(debts.map((d) => oneLine(d.number)!)),
    debt_count: cached(`count|${f.tag}`, () => new Intl.NumberFormat(f.tag)).format(debts.length),
    total: totals(debts, f),
    due_date: dated.length > 0 ? f.date(dated[0]) : null,
    payment_link: paymentLinks(debts, f),
    offer,
    installment: withInstallment?.installment ? f.phrases.installmentShort(withInstallment.installment.n, withInstallment.installment.of) : null,
    merchant_identity: identity(context, f),
    shop_name: oneLine(context.merchant.shopName) ?? oneLine(context.merchant.legalName) ?? "",
    several_debts: debts.length > 1,
  };
}
