import { AGING_BUCKETS, agingBucket, daysOverdue, type AgingBucket } from "./ledger/aging";
import { fromUnits, toUnits } from "./ledger/money";

// The Collections overview, computed from the open receivables at `now` in the
// shop's time zone (stored buckets may be hours old). Amounts stay exact
// decimal strings and are never summed across currencies.

export interface OpenReceivable {
  customerKey: string; // the customer's GID, or the receivable's when the customer is unknown
  customerName: string | null; // null once erased on request
  companyName: string | null;
  currency: string;
  outstanding: string;
  dueAt: Date | null;
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
  currencies: CurrencyOverview[];
  debtors: Debtor[]; // most overdue first, then most owed
  overdueDebtors: number;
}

export function summarizeReceivables(open: OpenReceivable[], now: Date, timeZone: string): Overview {
  const currencies = new Map<string, { outstanding: bigint; overdue: bigint; count: number; buckets: Map<AgingBucket, { units: bigint; count: number }> }>();
  const debtors = new Map<string, Omit<Debtor, "owed"> & { owed: Map<string, bigint> }>();

  for (const receivable of open) {
    const units = toUnits(receivable.outstanding);
    const bucket = agingBucket(receivable.dueAt, now, timeZone);
    const days = receivable.dueAt ? Math.max(0, daysOverdue(receivable.dueAt, now, timeZone)) : 0;

    let total = currencies.get(receivable.currency);
    if (!total) {
      total = { outstanding: 0n, overdue: 0n, count: 0, buckets: new Map(AGING_BUCKETS.map((b) => [b, { units: 0n, count: 0 }])) };
      currencies.set(receivable.currency, total);
    }
    total.outstanding += units;
    if (bucket !== "current") total.overdue += units;
    total.count += 1;
    const inBucket = total.buckets.get(bucket)!;
    inBucket.units += units;
    inBucket.count += 1;

    let debtor = debtors.get(receivable.customerKey);
    if (!debtor) {
      debtor = { customerKey: receivable.customerKey, customerName: receivable.customerName, companyName: receivable.companyName, owed: new Map(), receivables: 0, maxDaysOverdue: 0 };
      debtors.set(receivable.customerKey, debtor);
    }
    debtor.customerName ??= receivable.customerName;
    debtor.companyName ??= receivable.companyName;
    debtor.owed.set(receivable.currency, (debtor.owed.get(receivable.currency) ?? 0n) + units);
    debtor.receivables += 1;
    debtor.maxDaysOverdue = Math.max(debtor.maxDaysOverdue, days);
  }

  const listed: (Debtor & { largest: bigint })[] = [...debtors.values()].map((d) => ({
    ...d,
    owed: [...d.owed].sort(([a], [b]) => a.localeCompare(b)).map(([currency, units]) => ({ currency, amount: fromUnits(units) })),
    largest: [...d.owed.values()].reduce((max, units) => (units > max ? units : max), 0n),
  }));
  listed.sort((a, b) => b.maxDaysOverdue - a.maxDaysOverdue || (b.largest > a.largest ? 1 : b.largest < a.largest ? -1 : 0) || a.customerKey.localeCompare(b.customerKey));

  return {
    currencies: [...currencies]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({
        currency,
        outstanding: fromUnits(t.outstanding),
        overdue: fromUnits(t.overdue),
        receivables: t.count,
        buckets: Object.fromEntries([...t.buckets].map(([b, v]) => [b, { amount: fromUnits(v.units), count: v.count }])) as Record<AgingBucket, BucketTotal>,
      })),
    debtors: listed.map(({ largest: _largest, ...debtor }) => debtor),
    overdueDebtors: listed.filter((d) => d.maxDaysOverdue > 0).length,
  };
}
