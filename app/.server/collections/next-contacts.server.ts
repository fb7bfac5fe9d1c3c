import prisma from "../../db.server";
import { Prisma } from "../../generated/prisma/client";
import { settingsFrom, type CollectionSettings } from "../../domain/cadence/settings";
import { nextAllowed } from "../../domain/cadence/local-time";
import { localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { CONTACT_STATUSES } from "../reminders/collection-state.server";

// When Quita will next write to a customer (and about which debt), in the shop's calendar, worked
// out in SQL from the same facts the cadence planner (domain/cadence/plan.ts) decides from, so a
// page can show it per debtor and count the letters planned for a day or a week without loading
// every open debt:
//
// - the stages a debt may still get: its customer's (the firmer ones only for a repeat late payer,
//   as collection-state.server.ts judges it), after the most advanced one already settled;
// - the first day one of them is the latest reached and still worth a letter: a "due soon" letter
//   is never sent once the due date came, nor a "due today" one after that day, nor the due-date
//   letter Shopify's own payment reminder already sends;
// - not before the first moment letters may go out (today, or the next working day), nor while a
//   pause or promise holds the customer or the debt, nor while the contact cap is full; and only
//   on the days of the week the quiet hours allow.
//
// Quiet hours are approximated by the date: a hold or a cap ending after the day's window moves the
// letter to the next day, but a letter is dated, not timed. The cap is judged by the letters
// already sent, not by the ones this planning implies (two debts of one customer reaching stages
// on consecutive days are one letter each day here, where the cap might push the second).

export interface CadenceShop {
  domain: string;
  ianaTimezone: string;
  settings: unknown;
}

/** For each day of the week (0 = Sunday), the days to wait for the next one letters may go out on. */
function weekdayShifts(days: number[]): number[] {
  return [0, 1, 2, 3, 4, 5, 6].map((dow) => [0, 1, 2, 3, 4, 5, 6].find((k) => days.includes((dow + k) % 7)) ?? 0);
}

/** Each stage with the next stage's offset, among everyone's stages and among all of them (repeat late payers). */
function stageRows(settings: CollectionSettings): Prisma.Sql {
  const stages = settings.stages;
  const nextOf = (i: number, everyoneOnly: boolean) => stages.slice(i + 1).find((s) => !everyoneOnly || s.audience === "everyone")?.offsetDays ?? null;
  return Prisma.join(
    stages.map((s, i) => Prisma.sql`(${s.id}, ${s.offsetDays}::int, ${s.audience === "everyone"}::boolean, ${nextOf(i, true)}::int, ${nextOf(i, false)}::int)`),
  );
}

/**
 * The common table expressions (to follow a WITH) that end in `next_contact(receivable_id, customer_key,
 * next_on)`: the date (in the shop's calendar) the planner will first write about each open debt, null
 * when no stage is left for it. `keys` limits it to some customers (a page of debtors).
 */
export function nextContactCtes(shop: CadenceShop, at: Date, keys?: string[]): Prisma.Sql {
  const settings = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection);
  const zone = zoneOrUtc(shop.ianaTimezone);
  // The first day letters may go out from now: today, unless today's window is over or today is a day off.
  const firstDay = localDate(nextAllowed(at, zone, settings.quietHours), zone);
  const nowUtc = Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const windowStart = Prisma.sql`(${new Date(at.getTime() - settings.contactCap.days * 86_400_000).toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const shifts = Prisma.sql`ARRAY[${Prisma.join(weekdayShifts(settings.quietHours.days))}]::int[]`;
  const quietEnd = settings.quietHours.end; // "HH:MM"
  const shopifySkipsDueDate = settings.shopifyPaymentReminders;
  // Some customers only: said so the indexes on customerGid and resourceGid can find their rows.
  const keyList = keys?.length ? Prisma.join(keys) : Prisma.sql`NULL`;
  const keyFilter = keys ? Prisma.sql`AND (r."customerGid" IN (${keyList}) OR (r."customerGid" IS NULL AND r."resourceGid" IN (${keyList})))` : Prisma.empty;
  const contactKeyFilter = keys ? Prisma.sql`AND "customerKey" IN (${keyList})` : Prisma.empty;
  // The local date an instant falls on, a day later when it comes after that day's window.
  const dayFrom = (instant: Prisma.Sql) =>
    Prisma.sql`(((${instant}) AT TIME ZONE 'UTC') AT TIME ZONE ${zone})::date + CASE WHEN (((${instant}) AT TIME ZONE 'UTC') AT TIME ZONE ${zone})::time >= ${quietEnd}::time THEN 1 ELSE 0 END`;
  return Prisma.sql`
    nc_stage(id, off, everyone, next_everyone, next_all) AS (VALUES ${stageRows(settings)}),
    nc_debt AS (
      SELECT r.id, COALESCE(r."customerGid", r."resourceGid") AS key, r.kind, r."dueAt",
             ((r."dueAt" AT TIME ZONE 'UTC') AT TIME ZONE ${zone})::date AS due
      FROM "Receivable" r
      WHERE r."shopDomain" = ${shop.domain} AND r.status = 'open' AND r."dueAt" IS NOT NULL ${keyFilter}
    ),
    nc_settled AS (
      SELECT i."receivableId" AS id, max(s.off) AS up_to
      FROM "ReminderItem" i JOIN nc_stage s ON s.id = i."stageId" JOIN nc_debt d ON d.id = i."receivableId"
      GROUP BY i."receivableId"
    ),
    -- Repeat late payer (as collection-state.server.ts judges it): paid a debt late before, or late on more than
    -- one debt now, which a customer becomes on the day their second debt falls due.
    nc_late_before AS (
      SELECT DISTINCT COALESCE(r."customerGid", r."resourceGid") AS key
      FROM "Receivable" r JOIN "ReceivableEvent" e ON e."receivableId" = r.id AND e.type = 'paid'
      WHERE r."shopDomain" = ${shop.domain} AND r."dueAt" IS NOT NULL AND e."occurredAt" > r."dueAt" + interval '1 day' ${keyFilter}
    ),
    nc_second_due AS (
      SELECT key, ${dayFrom(Prisma.sql`(array_agg("dueAt" ORDER BY "dueAt"))[2]`)} AS on_day FROM nc_debt GROUP BY key HAVING count(*) > 1
    ),
    nc_hold AS (
      SELECT h."customerKey", h."receivableId", max(${dayFrom(Prisma.sql`h.until`)}) AS free_on
      FROM "CollectionHold" h
      WHERE h."shopDomain" = ${shop.domain} AND h."endedAt" IS NULL AND h.until > ${nowUtc}
      GROUP BY h."customerKey", h."receivableId"
    ),
    -- The contact cap: with as many letters as it allows in the window, the next waits until the oldest of them leaves it.
    nc_contact AS (
      SELECT "customerKey" AS key, "sendingAt", row_number() OVER (PARTITION BY "customerKey" ORDER BY "sendingAt" DESC) AS nth
      FROM "Reminder"
      WHERE "shopDomain" = ${shop.domain} AND (status IN (${Prisma.join(CONTACT_STATUSES)}) OR channel = 'flow') AND "sendingAt" > ${windowStart}
        ${contactKeyFilter}
    ),
    nc_cap AS (
      SELECT key, ${dayFrom(Prisma.sql`"sendingAt" + ${settings.contactCap.days} * interval '1 day'`)} AS free_on
      FROM nc_contact WHERE nth = ${settings.contactCap.contacts}
    ),
    nc_start AS (
      SELECT d.id, d.key, d.kind, d.due, COALESCE(st.up_to, -100000) AS up_to,
             CASE WHEN lb.key IS NOT NULL THEN '-infinity'::date ELSE COALESCE(sd.on_day, 'infinity'::date) END AS repeat_from,
             GREATEST(${firstDay}::date, hc.free_on, hd.free_on, cap.free_on) AS start
      FROM nc_debt d
      LEFT JOIN nc_settled st ON st.id = d.id
      LEFT JOIN nc_late_before lb ON lb.key = d.key
      LEFT JOIN nc_second_due sd ON sd.key = d.key
      LEFT JOIN nc_hold hc ON hc."customerKey" = d.key AND hc."receivableId" IS NULL
      LEFT JOIN nc_hold hd ON hd."receivableId" = d.id
      LEFT JOIN nc_cap cap ON cap.key = d.key
    ),
    -- For each stage still to come, in the light cadence (until the customer turns repeat late payer) and in the
    -- firmer one (from then), the first allowed day from when it is reached (and from the start)…
    nc_candidate AS (
      SELECT d.id, d.kind, d.due, d.repeat_from, g.firm, s.off, CASE WHEN g.firm THEN s.next_all ELSE s.next_everyone END AS next_off,
             base + (${shifts})[extract(dow FROM base)::int + 1] AS on_day
      FROM nc_start d
      JOIN (VALUES (false), (true)) g(firm) ON CASE WHEN g.firm THEN d.repeat_from < 'infinity'::date ELSE d.repeat_from > '-infinity'::date END
      JOIN nc_stage s ON s.off > d.up_to AND (s.everyone OR g.firm)
      CROSS JOIN LATERAL (SELECT GREATEST(d.start, d.due + s.off, CASE WHEN g.firm THEN d.repeat_from ELSE d.start END) AS base) b
    ),
    -- …kept when that stage is still the latest reached that day and its letter goes out then.
    next_contact AS (
      SELECT d.id AS receivable_id, d.key AS customer_key,
             min(c.on_day) FILTER (WHERE (c.next_off IS NULL OR c.on_day < c.due + c.next_off)
               AND (c.off > 0 OR (c.off < 0 AND c.on_day < c.due)
                    OR (c.off = 0 AND c.on_day = c.due AND NOT (${shopifySkipsDueDate}::boolean AND c.kind = 'order')))) AS next_on
      FROM nc_debt d LEFT JOIN nc_candidate c ON c.id = d.id AND (c.firm OR c.on_day < c.repeat_from)
      GROUP BY d.id, d.key
    )`;
}

/**
 * Runs a statement that works the cadence out with PostgreSQL's JIT off: the planner cannot size
 * the stage-by-debt candidates, guesses millions of rows, and compiled the statement for longer
 * than it ran (2.6 s of 3.9 s over 60,000 debts; seconds for a page of 25 customers too).
 */
export async function withoutJit<T>(statement: Prisma.Sql): Promise<T[]> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL jit = off`;
    return tx.$queryRaw<T[]>(statement);
  });
}

const iso = (day: Date | string | null) => (day === null ? null : typeof day === "string" ? day.slice(0, 10) : day.toISOString().slice(0, 10));

/** The next planned contact about each open debt of these customers (receivable id → YYYY-MM-DD, null when no stage is left). */
export async function nextContactsOfReceivables(shop: CadenceShop, at: Date, customerKeys: string[]): Promise<Map<string, string | null>> {
  if (customerKeys.length === 0) return new Map();
  const rows = await withoutJit<{ id: string; next_on: Date | string | null }>(Prisma.sql`
    WITH ${nextContactCtes(shop, at, customerKeys)}
    SELECT receivable_id AS id, next_on FROM next_contact`);
  return new Map(rows.map((r) => [r.id, iso(r.next_on)]));
}
