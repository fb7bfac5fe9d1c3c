import prisma from "../../db.server";
import { addDays } from "../../domain/cadence/local-time";
import { plannedContactsByDay, type SummaryShop } from "./debtor-summaries.server";
import { readMostOverdue } from "./most-overdue.server";
import { TERMS_CHANGE_SOURCES } from "../incentives/payment-terms-changes.server";
import { AGING_BUCKETS, isOverdueBucket, localDate, type AgingBucket } from "../../domain/ledger/aging";
import { fromUnits, toUnits } from "../../domain/ledger/money";
import {
  DSO_PERIOD_DAYS,
  ORDER_API_WINDOW_DAYS,
  agingCutoffs,
  daysSalesOutstanding,
  shopCurrencyFirst,
  type AgingCutoffs,
  type CollectionsOverview,
  type CurrencyOverview,
  type NextActions,
  type PlannedLetters,
} from "../../domain/overview";

// The Collections overview, counted by the database: sums and counts grouped by kind, status,
// currency and aging bucket, the bucket decided by comparing the stored due instant with the
// shop's local midnights computed once for the request (domain/overview.ts agingCutoffs). No
// open receivable is read into memory; only the ten debtors shown are read one by one.
// Amounts are the shop-currency basis (docs/decisions/008); currencies are never added up.

const DAY = 86_400_000;
const TOP_OVERDUE = 10;
const RECOVERED_DAYS = 30;

export interface OverviewShop {
  domain: string;
  ianaTimezone: string;
  currencyCode: string | null;
  readAllOrders: boolean;
}

const sum = (amounts: string[]) => fromUnits(amounts.reduce((total, a) => total + toUnits(a), 0n));
const dec = (value: string | null) => fromUnits(toUnits(value ?? "0"));

interface TotalsRow {
  kind: string;
  status: string;
  currency: string;
  bucket: AgingBucket;
  amount: string;
  count: number;
  beyondWindow: number;
}

function totalsBy(rows: TotalsRow[], shopCurrency: string | null): CurrencyOverview[] {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort(shopCurrencyFirst(shopCurrency));
  return currencies.map((currency) => {
    const of = rows.filter((r) => r.currency === currency);
    const inBucket = (bucket: AgingBucket) => of.filter((r) => r.bucket === bucket);
    return {
      currency,
      outstanding: sum(of.map((r) => r.amount)),
      overdue: sum(of.filter((r) => isOverdueBucket(r.bucket)).map((r) => r.amount)),
      receivables: of.reduce((n, r) => n + r.count, 0),
      buckets: Object.fromEntries(
        AGING_BUCKETS.map((b) => [b, { amount: sum(inBucket(b).map((r) => r.amount)), count: inBucket(b).reduce((n, r) => n + r.count, 0) }]),
      ) as CurrencyOverview["buckets"],
    };
  });
}

/** What is owed and held, per kind, status, currency and aging bucket. */
function readTotals(shop: OverviewShop, c: AgingCutoffs, windowStart: Date) {
  return prisma.$queryRaw<TotalsRow[]>`
    SELECT kind, status, currency, bucket, sum(amount)::text AS amount, count(*)::int AS count,
           count(*) FILTER (WHERE kind = 'order' AND "placedAt" < ${windowStart})::int AS "beyondWindow"
    FROM (
      SELECT kind, status, "shopCurrency" AS currency, "shopOutstandingAmount" AS amount, "placedAt",
             CASE WHEN "dueAt" IS NULL THEN 'undated' WHEN "dueAt" >= ${c.today} THEN 'current' WHEN "dueAt" >= ${c.minus30} THEN '1-30'
                  WHEN "dueAt" >= ${c.minus60} THEN '31-60' WHEN "dueAt" >= ${c.minus90} THEN '61-90' ELSE '90+' END AS bucket
      FROM "Receivable" WHERE "shopDomain" = ${shop.domain} AND status IN ('open', 'authorized')
    ) owed
    GROUP BY kind, status, currency, bucket`;
}

/** How many customers owe (open debts, authorized payments aside), and how many of them are past a due date. */
async function readDebtorCounts(shop: OverviewShop, c: AgingCutoffs) {
  const [row] = await prisma.$queryRaw<{ debtors: number; overdue: number }[]>`
    SELECT count(*)::int AS debtors, count(*) FILTER (WHERE oldest < ${c.today})::int AS overdue
    FROM (SELECT min("dueAt") AS oldest FROM "Receivable" WHERE "shopDomain" = ${shop.domain} AND status = 'open'
          GROUP BY COALESCE("customerGid", "resourceGid")) d`;
  return row ?? { debtors: 0, overdue: 0 };
}

/**
 * Money recovered: what customers paid in the last 30 days on debts that had been sent a letter
 * before the payment (the payment events' `paid` fact, in the shop's currency); and which of it
 * was paid with an incentive standing at that moment (issue #10): a settlement offer to the
 * customer (made before, ending after), new terms Quita gave that debt before (its
 * `terms_changed` events from a terms change, not Shopify's own), or an installment agreement on
 * that debt made before (its installments reach the original order as payments, decision 016).
 * Each test is an EXISTS on an index: the offer's (shopDomain, customerKey, createdAt), the
 * debt's events' (receivableId, occurredAt), the agreement's (shopDomain, customerKey).
 */
function readRecovered(shop: OverviewShop, now: Date) {
  const since = new Date(now.getTime() - RECOVERED_DAYS * DAY);
  // One FILTER only: the subquery is inlined, so a second (NOT incentive) would probe every index twice.
  return prisma.$queryRaw<{ currency: string; amount: string; receivables: number; withIncentive: string | null }[]>`
    SELECT currency, sum(paid)::text AS amount, count(DISTINCT "receivableId")::int AS receivables,
           sum(paid) FILTER (WHERE incentive)::text AS "withIncentive"
    FROM (
      SELECT r."shopCurrency" AS currency, (e.details->>'paid')::numeric AS paid, e."receivableId",
             (EXISTS (SELECT 1 FROM "SettlementOffer" o
                      WHERE o."shopDomain" = e."shopDomain" AND o."customerKey" = r."customerGid"
                        AND o."createdAt" <= e."occurredAt" AND o."endsAt" > e."occurredAt")
              OR EXISTS (SELECT 1 FROM "ReceivableEvent" t
                         WHERE t."receivableId" = e."receivableId" AND t."occurredAt" <= e."occurredAt"
                           AND t.type = 'terms_changed' AND t.source IN (${TERMS_CHANGE_SOURCES.merchant}, ${TERMS_CHANGE_SOURCES.flow}))
              OR EXISTS (SELECT 1 FROM "InstallmentAgreement" a
                         WHERE a."shopDomain" = e."shopDomain" AND a."customerKey" = r."customerGid"
                           AND a."receivableId" = e."receivableId" AND a."createdAt" <= e."occurredAt")) AS incentive
      FROM "ReceivableEvent" e JOIN "Receivable" r ON r.id = e."receivableId"
      WHERE e."shopDomain" = ${shop.domain} AND e.details ? 'paid'
        -- An invoice with no terms is paid when its draft completes (checkout); one on terms becomes an order still owed.
        AND (e.type IN ('partly_paid', 'paid') OR (e.type = 'completed' AND r.kind = 'draft_order' AND r."paymentTermsId" IS NULL))
        AND e."occurredAt" > ${since} AND e."occurredAt" <= ${now}
        AND EXISTS (SELECT 1 FROM "ReminderItem" i JOIN "Reminder" m ON m.id = i."reminderId"
                    WHERE i."receivableId" = e."receivableId" AND m.status = 'sent' AND COALESCE(m."sendingAt", m."finishedAt") <= e."occurredAt")
    ) payments
    GROUP BY currency`;
}

/** What settlement offers cost: the discounts their codes took off orders placed in the last 30 days. */
function readIncentiveCost(shop: OverviewShop, now: Date) {
  const since = new Date(now.getTime() - RECOVERED_DAYS * DAY);
  return prisma.$queryRaw<{ currency: string; amount: string; offers: number }[]>`
    SELECT currency, sum("discountAmount")::text AS amount, count(*)::int AS offers
    FROM "SettlementOffer"
    WHERE "shopDomain" = ${shop.domain} AND status = 'used' AND "usedAt" > ${since} AND "usedAt" <= ${now}
    GROUP BY currency`;
}

/** DSO's two sums, in the shop's currency (the definition is domain/overview.ts daysSalesOutstanding's). */
async function readDso(shop: OverviewShop, now: Date): Promise<CollectionsOverview["dso"]> {
  const currency = shop.currencyCode;
  if (!currency) return null;
  const since = new Date(now.getTime() - DSO_PERIOD_DAYS * DAY);
  const [row] = await prisma.$queryRaw<{ open: string | null; sales: string | null }[]>`
    SELECT sum("shopOutstandingAmount") FILTER (WHERE status = 'open')::text AS open,
           sum("shopTotalAmount") FILTER (WHERE "placedAt" > ${since} AND "placedAt" <= ${now}
                                          AND status NOT IN ('cancelled', 'voided', 'refunded', 'deleted'))::text AS sales
    FROM "Receivable" WHERE "shopDomain" = ${shop.domain} AND kind = 'order' AND "shopCurrency" = ${currency}`;
  const open = dec(row?.open ?? null);
  const sales = dec(row?.sales ?? null);
  return { days: daysSalesOutstanding(open, sales), currency, open, sales };
}

/** Letters whose fate is unknown, and promises to pay due by tonight (or missed) that nobody ended. */
async function readNextActions(shop: OverviewShop, c: AgingCutoffs): Promise<NextActions> {
  const [counts] = await prisma.$queryRaw<NextActions[]>`
    SELECT (SELECT count(*) FROM "Reminder" WHERE "shopDomain" = ${shop.domain} AND status = 'unknown')::int AS "unknownSends",
           (SELECT count(*) FROM "CollectionHold" WHERE "shopDomain" = ${shop.domain} AND kind = 'promise' AND "endedAt" IS NULL
              AND until < ${c.tomorrow})::int AS "promisesDue"`;
  return counts ?? { unknownSends: 0, promisesDue: 0 };
}

/** The overview's figures from the ledger and the outbox (the letters planned are read apart: readPlannedLetters). */
export async function readCollectionsOverview(shop: OverviewShop, now: Date): Promise<CollectionsOverview> {
  const cutoffs = agingCutoffs(now, shop.ianaTimezone);
  const windowStart = new Date(now.getTime() - ORDER_API_WINDOW_DAYS * DAY);
  // Independent reads, side by side where the pool has the connections (one after another on PGlite).
  const [totals, counts, topOverdue, recovered, dso, nextActions, incentiveCost] = await Promise.all([
    readTotals(shop, cutoffs, windowStart),
    readDebtorCounts(shop, cutoffs),
    readMostOverdue(shop, cutoffs, now, TOP_OVERDUE),
    readRecovered(shop, now),
    readDso(shop, now),
    readNextActions(shop, cutoffs),
    readIncentiveCost(shop, now),
  ]);
  const owed = totals.filter((r) => r.status === "open");
  const authorized = totalsBy(
    totals.filter((r) => r.status === "authorized"),
    shop.currencyCode,
  );
  return {
    orders: totalsBy(
      owed.filter((r) => r.kind === "order"),
      shop.currencyCode,
    ),
    drafts: totalsBy(
      owed.filter((r) => r.kind !== "order"),
      shop.currencyCode,
    ),
    authorized: authorized.map((a) => ({ currency: a.currency, amount: a.outstanding, count: a.receivables })),
    debtorCount: counts.debtors,
    overdueDebtors: counts.overdue,
    topOverdue,
    recovered: recovered
      .sort((a, b) => shopCurrencyFirst(shop.currencyCode)(a.currency, b.currency))
      .map((r) => ({
        ...r,
        amount: dec(r.amount),
        withIncentive: dec(r.withIncentive),
        withoutIncentive: fromUnits(toUnits(r.amount) - toUnits(r.withIncentive ?? "0")),
      })),
    dso,
    incentiveCost: incentiveCost.map((c) => ({ ...c, amount: dec(c.amount) })),
    nextActions,
    beyondApiWindow: shop.readAllOrders ? null : { count: totals.reduce((n, r) => n + r.beyondWindow, 0), placedBefore: windowStart },
  };
}

/**
 * Customers with a letter planned today and in the seven days from today, by the cadence's next
 * planned contact for each (debtor-summaries.server.ts). On a shop's first view of a day it works
 * the cadence out for every open debt, so the page streams it in after the rest.
 */
export async function readPlannedLetters(shop: SummaryShop, now: Date): Promise<PlannedLetters> {
  const today = localDate(now, shop.ianaTimezone);
  const byDay = await plannedContactsByDay(shop, now, today, addDays(today, 6));
  return { today: byDay.get(today) ?? 0, thisWeek: [...byDay.values()].reduce((n, count) => n + count, 0) };
}
