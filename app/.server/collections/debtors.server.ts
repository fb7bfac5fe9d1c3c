import prisma from "../../db.server";
import { Prisma } from "../../generated/prisma/client";
import { addDays, instantAt } from "../../domain/cadence/local-time";
import { localDate, zoneOrUtc, type AgingBucket } from "../../domain/ledger/aging";
import type { DebtorQuery, DebtorStatus } from "../../components/debtors/debtor-query";
import { nextContactCtes, nextContactsOfCustomers, type CadenceShop } from "./next-contacts.server";

// The Debtors page: one row per customer owing something (a debt without a customer is its own
// row), filtered, sorted and paged in one SQL statement over the open debts, whatever the size of
// the ledger: nothing is loaded but the page. Aging cutoffs are instants computed once per request
// in the shop's time zone, so no row needs time-zone arithmetic.
//
// A debtor's status says what Quita does next for them, the first that holds in this order:
//   paused     a pause holds the customer or one of their debts: no letter until it ends;
//   promised   a promise to pay is running: no letter until its date;
//   no_email   no usable email on any open debt: letters are handed to Flow instead;
//   overdue    the oldest open due date is a day or more behind;
//   on_track   nothing overdue yet.
// ("in agreement", installments, joins before paused with agreements themselves, issue #10.)

export interface DebtorShop extends CadenceShop {
  currencyCode: string | null;
}

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
  name: { value: Prisma.sql`lower(COALESCE(company_name, customer_name, ''))`, type: Prisma.sql`text`, flip: false },
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
const EMAIL = "^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$";

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

export async function findDebtors(shop: DebtorShop, at: Date, query: DebtorQuery): Promise<DebtorPage> {
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
  if (query.currencies.length) filters.push(Prisma.sql`currencies && ARRAY[${Prisma.join(query.currencies)}]::text[]`);
  if (query.b2b !== null) filters.push(Prisma.sql`b2b = ${query.b2b}::boolean`);
  const where = filters.length ? Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const pattern = likePattern(query.search);
  const searched = query.search
    ? Prisma.sql`AND COALESCE(r."customerGid", r."resourceGid") IN (
        SELECT COALESCE(m."customerGid", m."resourceGid") FROM "Receivable" m
        WHERE m."shopDomain" = ${shop.domain} AND m.status = 'open'
          AND (m.name ILIKE ${pattern} OR m."customerName" ILIKE ${pattern} OR m."customerEmail" ILIKE ${pattern}
               OR m."companyName" ILIKE ${pattern} OR m."companyLocationName" ILIKE ${pattern}))`
    : Prisma.empty;
  const sortingByNext = query.sort === "next_contact";

  const rows = await prisma.$queryRaw<Row[]>`
    WITH ${sortingByNext ? Prisma.sql`${nextContactCtes(shop, at)}, next_by_key AS (SELECT customer_key AS key, min(next_on) AS next_on FROM next_contact GROUP BY 1),` : Prisma.empty}
    held AS (
      SELECT COALESCE(h."customerKey", r."customerGid", r."resourceGid") AS key, bool_or(h.kind = 'pause') AS paused, bool_or(h.kind = 'promise') AS promised
      FROM "CollectionHold" h LEFT JOIN "Receivable" r ON r.id = h."receivableId"
      WHERE h."shopDomain" = ${shop.domain} AND h."endedAt" IS NULL AND h.until > ${nowUtc}
      GROUP BY 1
    ),
    contacted AS (
      SELECT "customerKey" AS key, max(COALESCE("finishedAt", "sendingAt")) AS at
      FROM "Reminder" WHERE "shopDomain" = ${shop.domain} AND status = 'sent' GROUP BY 1
    ),
    -- Per customer and currency billed: what they owe, and the same in the shop's currency.
    part AS (
      SELECT COALESCE(r."customerGid", r."resourceGid") AS key, r.currency, r."shopCurrency",
             sum(r."outstandingAmount") AS owed, sum(r."shopOutstandingAmount") AS shop_owed, min(r."dueAt") AS oldest_due, count(*) AS n,
             max(r."customerName") AS customer_name, max(r."companyName") AS company_name, max(r."companyLocationName") AS location_name,
             max(r."customerEmail") FILTER (WHERE r."customerEmail" ~ ${EMAIL}) AS email, bool_or(r."companyGid" IS NOT NULL) AS b2b
      FROM "Receivable" r
      WHERE r."shopDomain" = ${shop.domain} AND r.status = 'open' ${searched}
      GROUP BY 1, 2, 3
    ),
    debtor AS (
      SELECT key, min(oldest_due) AS oldest_due, sum(n)::int AS receivables, max(customer_name) AS customer_name, max(company_name) AS company_name,
             max(location_name) AS location_name, max(email) AS email, bool_or(b2b) AS b2b, array_agg(currency) AS currencies,
             sum(shop_owed) FILTER (WHERE "shopCurrency" = ${shop.currencyCode ?? ""}) AS sort_amount,
             json_agg(json_build_object('currency', currency, 'amount', owed::text, 'shopCurrency', "shopCurrency", 'shopAmount', shop_owed::text)
                      ORDER BY "shopCurrency" = currency DESC, currency) AS owed
      FROM part GROUP BY key
    ),
    judged AS (
      SELECT d.*, c.at AS last_contact, ${sortingByNext ? Prisma.sql`nx.next_on` : Prisma.sql`NULL::date`} AS next_on,
             CASE WHEN d.oldest_due IS NULL THEN 'undated' WHEN d.oldest_due >= ${cut(0)} THEN 'current' WHEN d.oldest_due >= ${cut(30)} THEN '1-30'
                  WHEN d.oldest_due >= ${cut(60)} THEN '31-60' WHEN d.oldest_due >= ${cut(90)} THEN '61-90' ELSE '90+' END AS bucket,
             CASE WHEN h.paused THEN 'paused' WHEN h.promised THEN 'promised' WHEN d.email IS NULL THEN 'no_email'
                  WHEN d.oldest_due < ${cut(0)} THEN 'overdue' ELSE 'on_track' END AS status
      FROM debtor d LEFT JOIN held h ON h.key = d.key LEFT JOIN contacted c ON c.key = d.key
      ${sortingByNext ? Prisma.sql`LEFT JOIN next_by_key nx ON nx.key = d.key` : Prisma.empty}
    ),
    filtered AS (SELECT *, ${sort.value} AS sort_value FROM judged ${where})
    SELECT key, customer_name, company_name, location_name, email, b2b, owed, receivables, oldest_due, bucket, status, last_contact, next_on,
           sort_value::text AS sort_text, (SELECT count(*)::int FROM filtered) AS total
    FROM filtered WHERE true ${keyset} ${order} LIMIT ${query.limit + 1}`;

  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  if (backwards) page.reverse();
  const next = sortingByNext
    ? null
    : await nextContactsOfCustomers(
        shop,
        at,
        page.map((r) => r.key),
      );
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
      nextContactOn: next
        ? (next.get(r.key) ?? null)
        : r.next_on === null
          ? null
          : typeof r.next_on === "string"
            ? r.next_on.slice(0, 10)
            : r.next_on.toISOString().slice(0, 10),
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
  const rows = await prisma.receivable.findMany({
    where: { shopDomain, status: "open" },
    select: { currency: true },
    distinct: ["currency"],
    orderBy: { currency: "asc" },
  });
  return rows.map((r) => r.currency);
}
