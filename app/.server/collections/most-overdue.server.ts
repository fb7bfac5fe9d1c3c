import prisma from "../../db.server";
import { addDays, instantAt } from "../../domain/cadence/local-time";
import { daysOverdue, localDate } from "../../domain/ledger/aging";
import { fromUnits, toUnits } from "../../domain/ledger/money";
import { shopCurrencyFirst, type AgingCutoffs, type OverdueDebtor } from "../../domain/overview";

// The customers most overdue, for the overview: most days behind on their oldest unpaid due date
// (whole days in the shop's zone), then the largest amount owed in one currency, then the key.
// Grouping every open debt by customer to rank them all costs time in proportion to the ledger;
// instead the oldest overdue debts are read in due order along the (shopDomain, status, dueAt)
// index until they name the customers of the first `count` local days behind, ties included, and
// only those customers' debts are summed.

interface Shop {
  domain: string;
  ianaTimezone: string;
  currencyCode: string | null;
}

interface OwedRow {
  customerKey: string;
  currency: string;
  amount: string;
  count: number;
  customerName: string | null;
  companyName: string | null;
}

/** The customers whose oldest overdue debt falls on one of the first local days that name `count` customers, with that due instant. */
async function candidates(shop: Shop, c: AgingCutoffs, count: number): Promise<Map<string, Date>> {
  for (let read = 8 * count; ; read *= 4) {
    const rows = await prisma.$queryRaw<{ key: string; dueAt: Date }[]>`
      SELECT COALESCE("customerGid", "resourceGid") AS key, "dueAt" FROM "Receivable"
      WHERE "shopDomain" = ${shop.domain} AND status = 'open' AND "dueAt" < ${c.today}
      ORDER BY "dueAt" LIMIT ${read}`;
    const oldest = new Map<string, Date>();
    for (const row of rows) if (!oldest.has(row.key)) oldest.set(row.key, row.dueAt);
    if (oldest.size < count) {
      if (rows.length < read) return oldest; // every overdue debt read
      continue;
    }
    // Everyone as many days behind as the count-th customer ranks with them: read past the end of that local day.
    const lastDue = [...oldest.values()][count - 1]!;
    const endOfThatDay = instantAt(addDays(localDate(lastDue, shop.ianaTimezone), 1), 0, shop.ianaTimezone);
    if (rows.length === read && rows.at(-1)!.dueAt < endOfThatDay) continue;
    return new Map([...oldest].filter(([, due]) => due < endOfThatDay));
  }
}

export async function readMostOverdue(shop: Shop, c: AgingCutoffs, now: Date, count: number): Promise<OverdueDebtor[]> {
  const oldest = await candidates(shop, c, count);
  if (oldest.size === 0) return [];
  const rows = await prisma.$queryRaw<OwedRow[]>`
    SELECT COALESCE("customerGid", "resourceGid") AS "customerKey", "shopCurrency" AS currency, sum("shopOutstandingAmount")::text AS amount, count(*)::int AS count,
           (array_agg("customerName" ORDER BY "placedAt" DESC NULLS LAST) FILTER (WHERE "customerName" IS NOT NULL))[1] AS "customerName",
           (array_agg("companyName" ORDER BY "placedAt" DESC NULLS LAST) FILTER (WHERE "companyName" IS NOT NULL))[1] AS "companyName"
    FROM "Receivable" WHERE "shopDomain" = ${shop.domain} AND status = 'open' AND COALESCE("customerGid", "resourceGid") = ANY(${[...oldest.keys()]})
    GROUP BY 1, 2`;
  const debtors = [...oldest].map(([customerKey, oldestDueAt]) => {
    const mine = rows.filter((r) => r.customerKey === customerKey).sort((a, b) => shopCurrencyFirst(shop.currencyCode)(a.currency, b.currency));
    const debtor: OverdueDebtor = {
      customerKey,
      customerName: mine.find((r) => r.customerName)?.customerName ?? null,
      companyName: mine.find((r) => r.companyName)?.companyName ?? null,
      owed: mine.map((r) => ({ currency: r.currency, amount: fromUnits(toUnits(r.amount)) })),
      receivables: mine.reduce((n, r) => n + r.count, 0),
      maxDaysOverdue: daysOverdue(oldestDueAt, now, shop.ianaTimezone),
      oldestDueAt,
    };
    return { debtor, largest: mine.reduce((max, r) => (toUnits(r.amount) > max ? toUnits(r.amount) : max), 0n) };
  });
  debtors.sort(
    (a, b) =>
      b.debtor.maxDaysOverdue - a.debtor.maxDaysOverdue ||
      (b.largest > a.largest ? 1 : b.largest < a.largest ? -1 : 0) ||
      (a.debtor.customerKey < b.debtor.customerKey ? -1 : a.debtor.customerKey > b.debtor.customerKey ? 1 : 0),
  );
  return debtors.slice(0, count).map((d) => d.debtor);
}
