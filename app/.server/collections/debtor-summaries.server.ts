import { createHash } from "node:crypto";
import prisma from "../../db.server";
import { Prisma } from "../../generated/prisma/client";
import { settingsFrom } from "../../domain/cadence/settings";
import { nextAllowed } from "../../domain/cadence/local-time";
import { localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { nextContactCtes, type CadenceShop } from "./next-contacts.server";

// One row per customer owing (a debt without a customer is its own), with what the Debtors page
// filters and sorts on and the cadence's next letter: read instead of aggregating every open debt
// and working the cadence out for each on every request (docs/decisions/013).
//
// Database triggers (migration 20261126040000_debtor_summaries) mark a customer stale whenever
// their debts, holds, letters or payments change; `refreshDebtorSummaries`, called before every
// read and by each collections pass, works the stale ones out again. Everything is worked out
// again when what all summaries depend on changes: the first day letters may go out (a new day, or
// the day's window closing), the cadence settings, the shop's time zone or currency.

export interface SummaryShop extends CadenceShop {
  currencyCode: string | null;
}

/** What a usable email address looks like (the Debtors page's "no email" status). */
export const EMAIL_PATTERN = "^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$";

/** Past this many stale customers, working them all out again is cheaper than one by one. */
const FULL_REFRESH_FROM = 1_000;

/** What every summary of the shop was worked out for: when it changes, all are worked out again. */
function basisOf(shop: SummaryShop, at: Date): string {
  const settings = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection);
  const zone = zoneOrUtc(shop.ianaTimezone);
  const firstDay = localDate(nextAllowed(at, zone, settings.quietHours), zone);
  const cadence = createHash("sha256").update(JSON.stringify(settings)).digest("base64url");
  return [firstDay, zone, shop.currencyCode ?? "", cadence].join("|");
}

/** The summaries of these customers (all when `keys` is absent), written into DebtorSummary. */
function insertSummaries(shop: SummaryShop, at: Date, keys?: string[]): Prisma.Sql {
  const keyList = keys?.length ? Prisma.join(keys) : Prisma.sql`NULL`;
  const debtKeys = keys ? Prisma.sql`AND (r."customerGid" IN (${keyList}) OR (r."customerGid" IS NULL AND r."resourceGid" IN (${keyList})))` : Prisma.empty;
  const holdKeys = keys ? Prisma.sql`AND COALESCE(h."customerKey", r."customerGid", r."resourceGid") IN (${keyList})` : Prisma.empty;
  return Prisma.sql`
    WITH ${nextContactCtes(shop, at, keys)},
    next AS (SELECT customer_key AS key, min(next_on) AS next_on FROM next_contact GROUP BY 1),
    hold AS (
      SELECT COALESCE(h."customerKey", r."customerGid", r."resourceGid") AS key,
             max(h.until) FILTER (WHERE h.kind = 'pause') AS paused_until, max(h.until) FILTER (WHERE h.kind = 'promise') AS promised_until
      FROM "CollectionHold" h LEFT JOIN "Receivable" r ON r.id = h."receivableId"
      WHERE h."shopDomain" = ${shop.domain} AND h."endedAt" IS NULL ${holdKeys}
      GROUP BY 1
    ),
    debtor AS (
      SELECT COALESCE(r."customerGid", r."resourceGid") AS key, min(r."dueAt") AS oldest_due, count(*)::int AS receivables,
             COALESCE(bool_or(r."customerEmail" ~ ${EMAIL_PATTERN}), false) AS emailable, bool_or(r."companyGid" IS NOT NULL) AS b2b,
             sum(r."shopOutstandingAmount") FILTER (WHERE r."shopCurrency" = ${shop.currencyCode ?? ""}) AS shop_amount,
             array_agg(DISTINCT r.currency ORDER BY r.currency) AS currencies,
             max(lower(COALESCE(r."companyName", r."customerName", ''))) AS name_key
      FROM "Receivable" r
      WHERE r."shopDomain" = ${shop.domain} AND r.status = 'open' ${debtKeys}
      GROUP BY 1
    )
    INSERT INTO "DebtorSummary" ("shopDomain", "customerKey", "oldestDueAt", receivables, emailable, b2b, "shopAmount", currencies, "nameKey",
                                 "pausedUntil", "promisedUntil", "nextContactOn")
    SELECT ${shop.domain}, d.key, d.oldest_due, d.receivables, d.emailable, d.b2b, d.shop_amount, d.currencies, d.name_key,
           h.paused_until, h.promised_until, n.next_on
    FROM debtor d LEFT JOIN hold h ON h.key = d.key LEFT JOIN next n ON n.key = d.key`;
}

/**
 * Brings the shop's debtor summaries up to date as of `at`: the stale customers, or all of them
 * when the basis changed. One refresh per shop at a time (an advisory lock); a write that lands
 * meanwhile leaves its customer marked for the next.
 */
export async function refreshDebtorSummaries(shop: SummaryShop, at: Date): Promise<{ full: boolean; customers: number }> {
  const basis = basisOf(shop, at);
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`debtor-summaries ${shop.domain}`}))) AS l`;
      // Working the cadence out: the planner would otherwise compile it for longer than it runs (next-contacts.server.ts).
      await tx.$executeRaw`SET LOCAL jit = off`;
      const stale = await tx.$queryRaw<{ key: string }[]>`
        DELETE FROM "DebtorSummaryStale" WHERE "shopDomain" = ${shop.domain} RETURNING "customerKey" AS key`;
      const [plan] = await tx.$queryRaw<{ basis: string }[]>`SELECT basis FROM "DebtorSummaryPlan" WHERE "shopDomain" = ${shop.domain}`;
      if (plan?.basis === basis && stale.length <= FULL_REFRESH_FROM) {
        if (stale.length === 0) return { full: false, customers: 0 };
        const keys = stale.map((s) => s.key);
        await tx.$executeRaw`DELETE FROM "DebtorSummary" WHERE "shopDomain" = ${shop.domain} AND "customerKey" IN (${Prisma.join(keys)})`;
        await tx.$executeRaw(insertSummaries(shop, at, keys));
        return { full: false, customers: keys.length };
      }
      await tx.$executeRaw`DELETE FROM "DebtorSummary" WHERE "shopDomain" = ${shop.domain}`;
      const customers = await tx.$executeRaw(insertSummaries(shop, at));
      // The pages' plans need to know the table's new size; PGlite, the default database, never gathers statistics by itself.
      await tx.$executeRaw`ANALYZE "DebtorSummary"`;
      await tx.$executeRaw`
        INSERT INTO "DebtorSummaryPlan" ("shopDomain", basis, "refreshedAt") VALUES (${shop.domain}, ${basis}, ${at})
        ON CONFLICT ("shopDomain") DO UPDATE SET basis = EXCLUDED.basis, "refreshedAt" = EXCLUDED."refreshedAt"`;
      return { full: true, customers };
    },
    // A whole large shop takes seconds; a page waiting for the one embedded connection waits its turn.
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/** How many customers Quita plans to write to, by day, from `from` to `to` (YYYY-MM-DD, both included, the shop's calendar). */
export async function plannedContactsByDay(shop: SummaryShop, at: Date, from: string, to: string): Promise<Map<string, number>> {
  await refreshDebtorSummaries(shop, at);
  const rows = await prisma.$queryRaw<{ day: Date | string; customers: number }[]>`
    SELECT "nextContactOn" AS day, count(*)::int AS customers FROM "DebtorSummary"
    WHERE "shopDomain" = ${shop.domain} AND "nextContactOn" BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1`;
  return new Map(rows.map((r) => [(typeof r.day === "string" ? r.day : r.day.toISOString()).slice(0, 10), Number(r.customers)]));
}
