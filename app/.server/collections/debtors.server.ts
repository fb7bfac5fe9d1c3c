import prisma from "../../db.server";
import { Prisma } from "../../generated/prisma/client";
import { addDays, instantAt } from "../../domain/cadence/local-time";
import { localDate, zoneOrUtc, type AgingBucket } from "../../domain/ledger/aging";
import type { DebtorQuery, DebtorStatus } from "../../components/debtors/debtor-query";
import { EMAIL_PATTERN, refreshDebtorSummaries, type SummaryShop } from "./debtor-summaries.server";

// The Debtors page: one row per customer owing something (a debt without a customer is its own
// row), filtered, sorted and paged in one SQL statement over the debtor summaries (one row per
// customer, brought up to date first: debtor-summaries.server.ts), whatever the size of the
// ledger: names and amounts are read for the page alone. Aging cutoffs are instants computed once
// per request in the shop's time zone, so no row needs time-zone arithmetic.
//
// A debtor's status says what Quita does next for them, the first that holds in this order:
//   paused     a pause holds the customer or one of their debts: no letter until it ends;
//   in_agreement  an installment agreement is running: its invoices go out on their days, no letter;
//   promised   a promise to pay is running: no letter until its date;
//   no_email   no usable email on any open debt: letters are handed to Flow instead;
//   overdue    the oldest open due date is a day or more behind;
//   on_track   nothing overdue yet.

export type DebtorShop = SummaryShop;

export interface DebtorRow {
  customerKey: string;
  customerName: string | null;
  companyName: string | null;
  companyLocationName: string | null;
  email: string | null;
  b2b: boolean;
  /** Per currency billed, with the same debts in the shop's currency (what the merchant's totals add). */
  owed: { currency: string; amount: string; shopCurrency: string; shopAmount: string }[];
  receivables: number;
  oldestDueAt: Date | null;
  bucket: AgingBucket;
  status: DebtorStatus;
  lastContactAt: Date | null;
  /** YYYY-MM-DD in the shop's calendar; null when the cadence has nothing left for them. */
  nextContactOn: string | null;
}

export interface DebtorPage {
  rows: DebtorRow[];
  /** Debtors matching the filters, on all pages. */
  total: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

/** How each sort orders, as a value with no NULLs (so a keyset cursor can compare it) and its SQL type. */
const SORTS = {
  days: { value: Prisma.sql`COALESCE(oldest_due, 'infinity'::timestamp)`, type: Prisma.sql`timestamp`, flip: true },
  amount: { value: Prisma.sql`COALESCE(sort_amount, 0)`, type: Prisma.sql`numeric`, flip: false },
  name: { value: Prisma.sql`COALESCE(name_key, '')`, type: Prisma.sql`text`, flip: false },
  last_contact: { value: Prisma.sql`COALESCE(last_contact, '-infinity'::timestamp)`, type: Prisma.sql`timestamp`, flip: false },
  next_contact: { value: Prisma.sql`COALESCE(next_on, 'infinity'::date)`, type: Prisma.sql`date`, flip: false },
} as const;

const encodeCursor = (value: string, key: string) => Buffer.from(JSON.stringify([value, key])).toString("base64url");
function decodeCursor(cursor: string | null): [string, string] | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    return Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === "string") ? (parsed as [string, string]) : null;
  } catch {
    return null; // a cursor mangled in a shared link starts from the first page
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface Row {
  key: string;
  customer_name: string | null;
  company_name: string | null;
  location_name: string | null;
  email: string | null;
  b2b: boolean;
  owed: { currency: string; amount: string; shopCurrency: string; shopAmount: string }[];
  receivables: number;
  oldest_due: Date | null;
  bucket: AgingBucket;
  status: DebtorStatus;
  last_contact: Date | null;
  next_on: Date | string | null;
  sort_text: string;
  total: number;
}

/** The page's statement, and how to read what it returns. */
export function debtorsStatement(shop: DebtorShop, at: Date, query: DebtorQuery) {
  const zone = zoneOrUtc(shop.ianaTimezone);
  const today = localDate(at, zone);
  // Overdue by a day or more from the shop's midnight; the buckets' edges 30, 60 and 90 days before it.
  const cut = (days: number) => Prisma.sql`(${instantAt(addDays(today, -days), 0, zone).toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const nowUtc = Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const sort = SORTS[query.sort];
  // Days overdue descending is oldest due date ascending.
  const ascending = (query.direction === "asc") !== sort.flip;
  const before = decodeCursor(query.before);
  const after = before ? null : decodeCursor(query.after);
  const backwards = Boolean(before);
  const cursor = before ?? after;
  const forward = ascending !== backwards;
  const keyset = cursor
    ? forward
      ? Prisma.sql`AND (sort_value, key) > (${cursor[0]}::${sort.type}, ${cursor[1]})`
      : Prisma.sql`AND (sort_value, key) < (${cursor[0]}::${sort.type}, ${cursor[1]})`
    : Prisma.empty;
  const order = forward ? Prisma.sql`ORDER BY sort_value ASC, key ASC` : Prisma.sql`ORDER BY sort_value DESC, key DESC`;

  const filters: Prisma.Sql[] = [];
  if (query.buckets.length) filters.push(Prisma.sql`bucket IN (${Prisma.join(query.buckets)})`);
  if (query.statuses.length) filters.push(Prisma.sql`status IN (${Prisma.join(query.statuses)})`);
  if (query.currencies.length) filters.push(Prisma.sql`in_currency`);
  if (query.b2b !== null) filters.push(Prisma.sql`b2b = ${query.b2b}::boolean`);
  const where = filters.length ? Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const pattern = likePattern(query.search);
  const searched = query.search
    ? Prisma.sql`AND s."customerKey" IN (
        SELECT COALESCE(m."customerGid", m."resourceGid") FROM "Receivable" m
        WHERE m."shopDomain" = ${shop.domain} AND m.status = 'open'
          AND (m.name ILIKE ${pattern} OR m."customerName" ILIKE ${pattern} OR m."customerEmail" ILIKE ${pattern}
               OR m."companyName" ILIKE ${pattern} OR m."companyLocationName" ILIKE ${pattern}))`
    : Prisma.empty;
  const sortingByLast = query.sort === "last_contact";
  // The last letter sent to each customer: to the page's alone, unless the list is sorted by it.
  const contacted = (which: Prisma.Sql) => Prisma.sql`
    contacted AS (
      SELECT "customerKey" AS key, max(COALESCE("finishedAt", "sendingAt")) AS at FROM "Reminder"
      WHERE "shopDomain" = ${shop.domain} AND status = 'sent' ${which} GROUP BY 1
    ),`;
  const inCurrency = query.currencies.length ? Prisma.sql`s.currencies && ARRAY[${Prisma.join(query.currencies)}]::text[]` : Prisma.sql`true`;

  const statement = Prisma.sql`
    WITH ${sortingByLast ? contacted(Prisma.empty) : Prisma.empty}
    debtor AS (
      SELECT s."customerKey" AS key, s."oldestDueAt" AS oldest_due, s.receivables, s.emailable, s.b2b, s."shopAmount" AS sort_amount,
             ${inCurrency} AS in_currency, s."nameKey" AS name_key, COALESCE(s."pausedUntil" > ${nowUtc}, false) AS paused,
             COALESCE(s."promisedUntil" > ${nowUtc}, false) AS promised, s."nextContactOn" AS next_on,
             EXISTS (SELECT 1 FROM "InstallmentAgreement" a WHERE a."shopDomain" = ${shop.domain} AND a."customerKey" = s."customerKey" AND a.status = 'active') AS in_agreement,
             ${sortingByLast ? Prisma.sql`lc.at` : Prisma.sql`NULL::timestamp`} AS last_contact
      FROM "DebtorSummary" s ${sortingByLast ? Prisma.sql`LEFT JOIN contacted lc ON lc.key = s."customerKey"` : Prisma.empty}
      WHERE s."shopDomain" = ${shop.domain} ${searched}
    ),
    judged AS (
      SELECT d.*,
             CASE WHEN d.oldest_due IS NULL THEN 'undated' WHEN d.oldest_due >= ${cut(0)} THEN 'current' WHEN d.oldest_due >= ${cut(30)} THEN '1-30'
                  WHEN d.oldest_due >= ${cut(60)} THEN '31-60' WHEN d.oldest_due >= ${cut(90)} THEN '61-90' ELSE '90+' END AS bucket,
             CASE WHEN d.paused THEN 'paused' WHEN d.in_agreement THEN 'in_agreement' WHEN d.promised THEN 'promised' WHEN NOT d.emailable THEN 'no_email'
                  WHEN d.oldest_due < ${cut(0)} THEN 'overdue' ELSE 'on_track' END AS status
      FROM debtor d
    ),
    filtered AS MATERIALIZED (SELECT *, ${sort.value} AS sort_value FROM judged ${where}),
    page AS (SELECT * FROM filtered WHERE true ${keyset} ${order} LIMIT ${query.limit + 1}),
    ${sortingByLast ? Prisma.empty : contacted(Prisma.sql`AND "customerKey" IN (SELECT key FROM page)`)}
    -- What the page's debtors owe per currency billed, with the same debts in the shop's currency.
    -- Found by customer, or by the debt itself when it has none: each through its own index.
    page_debt AS (
      SELECT r.* FROM "Receivable" r WHERE r."shopDomain" = ${shop.domain} AND r."customerGid" IN (SELECT key FROM page)
      UNION ALL
      SELECT r.* FROM "Receivable" r WHERE r."shopDomain" = ${shop.domain} AND r."customerGid" IS NULL AND r."resourceGid" IN (SELECT key FROM page)
    ),
    part AS (
      SELECT COALESCE(r."customerGid", r."resourceGid") AS key, r.currency, r."shopCurrency",
             sum(r."outstandingAmount") AS owed, sum(r."shopOutstandingAmount") AS shop_owed, max(r."customerName") AS customer_name,
             max(r."companyName") AS company_name, max(r."companyLocationName") AS location_name,
             max(r."customerEmail") FILTER (WHERE r."customerEmail" ~ ${EMAIL_PATTERN}) AS email
      FROM page_debt r WHERE r.status = 'open'
      GROUP BY 1, 2, 3
    ),
    owed AS (
      SELECT key, max(customer_name) AS customer_name, max(company_name) AS company_name, max(location_name) AS location_name, max(email) AS email,
             json_agg(json_build_object('currency', currency, 'amount', owed::text, 'shopCurrency', "shopCurrency", 'shopAmount', shop_owed::text)
                           ORDER BY "shopCurrency" = currency DESC, currency) AS owed
      FROM part GROUP BY key
    )
    SELECT p.key, o.customer_name, o.company_name, o.location_name, o.email, b2b, o.owed, receivables, oldest_due, bucket, status,
           ${sortingByLast ? Prisma.sql`p.last_contact` : Prisma.sql`c.at`} AS last_contact, next_on, sort_value::text AS sort_text,
           (SELECT count(*)::int FROM filtered) AS total
    FROM page p JOIN owed o ON o.key = p.key LEFT JOIN contacted c ON c.key = p.key ${order}`;
  return { statement, backwards, after, cursor };
}

export async function findDebtors(shop: DebtorShop, at: Date, query: DebtorQuery): Promise<DebtorPage> {
  await refreshDebtorSummaries(shop, at);
  const { statement, backwards, after, cursor } = debtorsStatement(shop, at, query);
  const rows = await prisma.$queryRaw<Row[]>(statement);

  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      customerKey: r.key,
      customerName: r.customer_name,
      companyName: r.company_name,
      companyLocationName: r.location_name,
      email: r.email,
      b2b: r.b2b,
      owed: r.owed.map((o) => ({ ...o, amount: new Prisma.Decimal(o.amount).toFixed(), shopAmount: new Prisma.Decimal(o.shopAmount).toFixed() })),
      receivables: Number(r.receivables),
      oldestDueAt: r.oldest_due,
      bucket: r.bucket,
      status: r.status,
      lastContactAt: r.last_contact,
      nextContactOn: r.next_on === null ? null : typeof r.next_on === "string" ? r.next_on.slice(0, 10) : r.next_on.toISOString().slice(0, 10),
    })),
    total: rows[0]?.total ?? (await countOnly()),
    nextCursor: last && (backwards || more) ? encodeCursor(last.sort_text, last.key) : null,
    previousCursor: first && (backwards ? more : Boolean(after)) ? encodeCursor(first.sort_text, first.key) : null,
  };

  // An empty page past the last row still says how many debtors match.
  async function countOnly(): Promise<number> {
    if (!cursor) return 0;
    return (await findDebtors(shop, at, { ...query, after: null, before: null, limit: 1 })).total;
  }
}

/** The currencies customers were billed in on the open debts: the currency filter's choices. */
export async function openCurrencies(shopDomain: string): Promise<string[]> {
  // In SQL: Prisma's `distinct` reads every open debt's row into the app and drops the repeats there (266 ms at 60,000 debts).
  const rows = await prisma.$queryRaw<{ currency: string }[]>`
    SELECT DISTINCT currency FROM "Receivable" WHERE "shopDomain" = ${shopDomain} AND status = 'open' ORDER BY currency`;
  return rows.map((r) => r.currency);
}
