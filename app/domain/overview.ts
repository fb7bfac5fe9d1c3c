import { AGING_BUCKETS, agingBucket, daysOverdue, isOverdueBucket, localDate, type AgingBucket } from "./ledger/aging";
import { addDays, instantAt } from "./cadence/local-time";
import { fromUnits, toUnits } from "./ledger/money";

// The Collections overview, computed from what is owed at `now` in the shop's
// time zone (stored buckets may be hours old). Amounts are the shop-currency
// values (docs/decisions/008), exact decimal strings, never summed across
// currencies. Orders and invoiced drafts are counted apart: a draft is a
// request for payment, not a sale yet. Authorized payments are secured money,
// shown apart and never chased.
//
// The page counts it in SQL (app/.server/collections/overview.server.ts), never
// reading every open debt into memory. summarizeReceivables below is the same
// overview written plainly, row by row: the definition the SQL is tested to
// equal (test/server/overview-sql.test.ts).

/** Without read_all_orders, Shopify's Admin API shows an app only the orders of the last 60 days. */
export const ORDER_API_WINDOW_DAYS = 60;

export interface OpenReceivable {
  customerKey: string; // the customer's GID, or the receivable's when the customer is unknown
  customerName: string | null; // null once erased on request
  companyName: string | null;
  kind: "order" | "draft_order";
  status: "open" | "authorized";
  currency: string; // the shop's currency
  outstanding: string;
  dueAt: Date | null;
  placedAt: Date | null;
}

export interface BucketTotal {
  amount: string;
  count: number;
}

export interface CurrencyOverview {
  currency: string;
  outstanding: string;
  overdue: string;
  receivables: number;
  buckets: Record<AgingBucket, BucketTotal>;
}

export interface Debtor {
  customerKey: string;
  customerName: string | null;
  companyName: string | null;
  owed: { currency: string; amount: string }[];
  receivables: number;
  /** Days the oldest unpaid due date is behind; 0 when nothing is overdue yet. */
  maxDaysOverdue: number;
}

export interface Overview {
  orders: CurrencyOverview[]; // the shop's currency first
  drafts: CurrencyOverview[];
  authorized: { currency: string; amount: string; count: number }[];
  debtors: Debtor[]; // most overdue first, then most owed
  overdueDebtors: number;
  /** Owed orders placed before the API window, known only from webhooks: Quita can't check them against Shopify. */
  beyondApiWindow: { count: number; placedBefore: Date } | null;
}

export interface OverviewOptions {
  shopCurrency: string | null;
  readAllOrders: boolean;
}

type Totals = Map<string, { outstanding: bigint; overdue: bigint; count: number; buckets: Map<AgingBucket, { units: bigint; count: number }> }>;

function addTo(totals: Totals, currency: string, units: bigint, bucket: AgingBucket) {
  let total = totals.get(currency);
  if (!total) {
    total = { outstanding: 0n, overdue: 0n, count: 0, buckets: new Map(AGING_BUCKETS.map((b) => [b, { units: 0n, count: 0 }])) };
    totals.set(currency, total);
  }
  total.outstanding += units;
  if (isOverdueBucket(bucket)) total.overdue += units;
  total.count += 1;
  const inBucket = total.buckets.get(bucket)!;
  inBucket.units += units;
  inBucket.count += 1;
}

/** Sorts currency codes with the shop's own first, then alphabetically. */
export const shopCurrencyFirst = (shopCurrency: string | null) => (a: string, b: string) =>
  Number(b === shopCurrency) - Number(a === shopCurrency) || a.localeCompare(b);

const currencyOrder =
  (shopCurrency: string | null) =>
  ([a]: [string, unknown], [b]: [string, unknown]) =>
    shopCurrencyFirst(shopCurrency)(a, b);

function listTotals(totals: Totals, shopCurrency: string | null): CurrencyOverview[] {
  return [...totals].sort(currencyOrder(shopCurrency)).map(([currency, t]) => ({
    currency,
    outstanding: fromUnits(t.outstanding),
    overdue: fromUnits(t.overdue),
    receivables: t.count,
    buckets: Object.fromEntries([...t.buckets].map(([b, v]) => [b, { amount: fromUnits(v.units), count: v.count }])) as Record<AgingBucket, BucketTotal>,
  }));
}

export function summarizeReceivables(open: OpenReceivable[], now: Date, timeZone: string, options: OverviewOptions): Overview {
  const orders: Totals = new Map();
  const drafts: Totals = new Map();
  const authorized = new Map<string, { units: bigint; count: number }>();
  const debtors = new Map<string, Omit<Debtor, "owed"> & { owed: Map<string, bigint> }>();
  const windowStart = now.getTime() - ORDER_API_WINDOW_DAYS * 86_400_000;
  let beyondWindow = 0;

  for (const receivable of open) {
    const units = toUnits(receivable.outstanding);
    if (receivable.kind === "order" && receivable.placedAt && receivable.placedAt.getTime() < windowStart) beyondWindow++;
    if (receivable.status === "authorized") {
      const held = authorized.get(receivable.currency) ?? { units: 0n, count: 0 };
      authorized.set(receivable.currency, { units: held.units + units, count: held.count + 1 });
      continue;
    }
    const bucket = agingBucket(receivable.dueAt, now, timeZone);
    addTo(receivable.kind === "order" ? orders : drafts, receivable.currency, units, bucket);

    let debtor = debtors.get(receivable.customerKey);
    if (!debtor) {
      debtor = {
        customerKey: receivable.customerKey,
        customerName: receivable.customerName,
        companyName: receivable.companyName,
        owed: new Map(),
        receivables: 0,
        maxDaysOverdue: 0,
      };
      debtors.set(receivable.customerKey, debtor);
    }
    debtor.customerName ??= receivable.customerName;
    debtor.companyName ??= receivable.companyName;
    debtor.owed.set(receivable.currency, (debtor.owed.get(receivable.currency) ?? 0n) + units);
    debtor.receivables += 1;
    debtor.maxDaysOverdue = Math.max(debtor.maxDaysOverdue, receivable.dueAt ? daysOverdue(receivable.dueAt, now, timeZone) : 0);
  }

  const listed: (Debtor & { largest: bigint })[] = [...debtors.values()].map((d) => ({
    ...d,
    owed: [...d.owed].sort(currencyOrder(options.shopCurrency)).map(([currency, units]) => ({ currency, amount: fromUnits(units) })),
    largest: [...d.owed.values()].reduce((max, units) => (units > max ? units : max), 0n),
  }));
  listed.sort(
    (a, b) => b.maxDaysOverdue - a.maxDaysOverdue || (b.largest > a.largest ? 1 : b.largest < a.largest ? -1 : 0) || a.customerKey.localeCompare(b.customerKey),
  );

  return {
    orders: listTotals(orders, options.shopCurrency),
    drafts: listTotals(drafts, options.shopCurrency),
    authorized: [...authorized].sort(currencyOrder(options.shopCurrency)).map(([currency, v]) => ({ currency, amount: fromUnits(v.units), count: v.count })),
    debtors: listed.map(({ largest: _largest, ...debtor }) => ({ ...debtor, maxDaysOverdue: Math.max(0, debtor.maxDaysOverdue) })),
    overdueDebtors: listed.filter((d) => d.maxDaysOverdue > 0).length,
    beyondApiWindow: options.readAllOrders ? null : { count: beyondWindow, placedBefore: new Date(windowStart) },
  };
}

// ——— The overview as the page shows it, computed in SQL (app/.server/collections/overview.server.ts). ———

/**
 * The instants that split what is owed into aging buckets, computed once per request: the
 * shop's local midnight today and 30, 60 and 90 days before. A debt due at or after `today` is
 * not yet due; before it and at or after `minus30` it is 1–30 days late; and so on. These are
 * exactly agingBucket's day rules (whole calendar days in the shop's zone) as comparisons the
 * database can make on the stored instant, with no time-zone arithmetic per row.
 */
export interface AgingCutoffs {
  localToday: string; // YYYY-MM-DD in the shop's zone
  today: Date;
  minus30: Date;
  minus60: Date;
  minus90: Date;
  tomorrow: Date; // the end of today: promises due and letters planned today end here
  weekEnd: Date; // the end of the seventh day from today: "this week"
}

export function agingCutoffs(now: Date, timeZone: string): AgingCutoffs {
  const localToday = localDate(now, timeZone);
  const midnight = (days: number) => instantAt(addDays(localToday, days), 0, timeZone);
  return {
    localToday,
    today: midnight(0),
    minus30: midnight(-30),
    minus60: midnight(-60),
    minus90: midnight(-90),
    tomorrow: midnight(1),
    weekEnd: midnight(7),
  };
}

/** DSO is measured over this many days of sales. */
export const DSO_PERIOD_DAYS = 90;

/**
 * Days sales outstanding, in the shop's currency: what orders on payment terms still owe
 * (open, not authorized) ÷ what orders on terms were placed for over the last 90 days
 * (cancelled, voided, refunded and deleted ones left out) × 90. About how many days of recent
 * sales on terms are still waiting to be paid. Null without any such sales in the period.
 * Invoiced drafts are left out: they are requests for payment, not sales yet.
 */
export function daysSalesOutstanding(openAmount: string, salesAmount: string): number | null {
  const sales = toUnits(salesAmount);
  if (sales <= 0n) return null;
  // Whole days, rounded half up, in integers: (open × 90 × 2 + sales) / (2 × sales).
  return Number((toUnits(openAmount) * BigInt(DSO_PERIOD_DAYS) * 2n + sales) / (2n * sales));
}

export interface OverdueDebtor extends Debtor {
  oldestDueAt: Date;
}

export interface NextActions {
  unknownSends: number; // letters whose fate is unknown: check them in Shopify before anything else
  promisesDue: number; // promises to pay due today or before, neither kept nor ended
}

/** Customers with a letter planned, by the cadence's next planned contact for each. */
export interface PlannedLetters {
  today: number; // customers whose next letter is planned for today
  thisWeek: number; // … within the seven days from today, today included
}

export interface CollectionsOverview {
  orders: CurrencyOverview[];
  drafts: CurrencyOverview[];
  authorized: { currency: string; amount: string; count: number }[];
  debtorCount: number;
  overdueDebtors: number;
  /** The most overdue customers, most days late first, then most owed. */
  topOverdue: OverdueDebtor[];
  /** Paid in the last 30 days on debts that had a letter before the payment, per currency. */
  /**
   * `withIncentive`: the part paid while an incentive stood for the debt or its customer (a
   * settlement offer open, new terms Quita gave the debt, an installment agreement on it);
   * `withoutIncentive` the rest. Each "0.00" when none; the two add up to `amount`.
   */
  recovered: { currency: string; amount: string; receivables: number; withIncentive: string; withoutIncentive: string }[];
  /** What settlement offers cost in the last 30 days: the discounts their codes took off orders. */
  incentiveCost: { currency: string; amount: string; offers: number }[];
  dso: { days: number | null; currency: string; open: string; sales: string } | null;
  nextActions: NextActions;
  beyondApiWindow: { count: number; placedBefore: Date } | null;
}
