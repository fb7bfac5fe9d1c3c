import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { nextWorkingHour } from "../shopify-double/local-hour";
import { PLANNING_SHOP, seedPlanningLedger } from "../../bench/planning-ledger";
import { planReminders } from "../../app/domain/cadence/plan";
import { DEFAULT_SETTINGS, DEFAULT_STAGES } from "../../app/domain/cadence/settings";
import { localDate } from "../../app/domain/ledger/aging";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The next planned contact shown on the Debtors page (and counted on the overview) is worked out in
// SQL (next-contacts.server.ts); the letters themselves are decided by the cadence planner. Over a
// varied ledger (both cadences, stages settled or not, the contact cap full for some, pauses and
// promises, customers turning repeat late payer as a second debt falls due), the planner is run every
// hour of the shop's day for six weeks, without recording anything: the first day it writes about
// each debt must be the date the SQL gives, for every debt.

const DAY = 86_400_000;
const ZONE = "America/Sao_Paulo";
const HOUR = 3_600_000;
const HORIZON_DAYS = 40;

/** The first day (shop calendar) the planner lists each debt in a letter, trying `moments` in order. */
async function firstLetterDays(prisma: PrismaClient, moments: Date[]): Promise<Map<string, string>> {
  const { loadPlanInput } = await import("../../app/.server/reminders/collection-state.server");
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: PLANNING_SHOP } });
  const first = new Map<string, string>();
  for (const at of moments) {
    const plan = planReminders(await loadPlanInput(prisma, shop, at));
    for (const letter of plan.letters) for (const item of letter.items) if (!first.has(item.receivableId)) first.set(item.receivableId, localDate(at, ZONE));
  }
  return first;
}

/** What next-contacts.server.ts says for every open debt, within the horizon. */
async function sqlNextDays(prisma: PrismaClient, at: Date, lastDay: string): Promise<Map<string, string>> {
  const { nextContactsOfReceivables } = await import("../../app/.server/collections/next-contacts.server");
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: PLANNING_SHOP } });
  const keys = await prisma.receivable.findMany({
    where: { shopDomain: PLANNING_SHOP, status: "open" },
    select: { customerGid: true },
    distinct: ["customerGid"],
  });
  const days = new Map<string, string>();
  for (const [id, day] of await nextContactsOfReceivables(
    shop,
    at,
    keys.map((k) => k.customerGid!),
  ))
    if (day && day <= lastDay) days.set(id, day);
  return days;
}

describe.each(databaseKinds())("next planned contacts (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const seededAt = nextWorkingHour(new Date("2026-11-23T12:00:00Z"), ZONE, 10); // Monday 23 November 2026, 10:00 in São Paulo
  // From `from` (a 10:00), each day at 08:30, 09:30 … 19:30: the seeded due dates, holds and letters fall on the hour.
  const hourly = (from: Date, days = HORIZON_DAYS) =>
    Array.from({ length: days * 12 }, (_, n) => new Date(from.getTime() + Math.floor(n / 12) * DAY + ((n % 12) - 1.5) * HOUR)).filter((at) => at >= from);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await seedPlanningLedger(client, seededAt, 500);
    await client.end();
    prisma = await useAppDatabase(database);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("GIVEN the default cadence at 10:00 on a Monday THEN each debt's next contact is the day the planner first writes about it", async () => {
    const lastDay = localDate(new Date(seededAt.getTime() + (HORIZON_DAYS - 1) * DAY), ZONE);
    const planner = await firstLetterDays(prisma, hourly(seededAt));
    const sql = await sqlNextDays(prisma, seededAt, lastDay);
    expect(planner.size).toBeGreaterThan(100);
    expect(Object.fromEntries(sql)).toEqual(Object.fromEntries(planner));
    // Not all today: holds, the cap, Sundays and stages to come spread them out.
    expect(new Set(sql.values()).size).toBeGreaterThan(10);
  });

  it("GIVEN 21:00, after the day's window, THEN nothing is planned today and the rest still matches", async () => {
    const evening = new Date(seededAt.getTime() + 11 * 3_600_000);
    const lastDay = localDate(new Date(seededAt.getTime() + (HORIZON_DAYS - 1) * DAY), ZONE);
    const planner = await firstLetterDays(prisma, [evening, ...hourly(new Date(seededAt.getTime() + DAY), HORIZON_DAYS - 1)]);
    const sql = await sqlNextDays(prisma, evening, lastDay);
    expect([...sql.values()]).not.toContain(localDate(seededAt, ZONE));
    expect(Object.fromEntries(sql)).toEqual(Object.fromEntries(planner));
  });

  it("GIVEN a policy of weekdays only, Shopify's own due-date reminders and firmer stages for everyone THEN it still matches the planner", async () => {
    const collection = {
      ...DEFAULT_SETTINGS,
      stages: DEFAULT_STAGES.map((s) => (s.id === "late-7" ? { ...s, audience: "everyone" } : s)),
      quietHours: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] },
      shopifyPaymentReminders: true,
    };
    await prisma.shop.update({ where: { domain: PLANNING_SHOP }, data: { settings: { collection } } });
    try {
      const lastDay = localDate(new Date(seededAt.getTime() + (HORIZON_DAYS - 1) * DAY), ZONE);
      const planner = await firstLetterDays(prisma, hourly(seededAt));
      const sql = await sqlNextDays(prisma, seededAt, lastDay);
      const weekdays = [...sql.values()].map((day) => new Date(`${day}T12:00:00Z`).getUTCDay());
      expect(weekdays.every((d) => d >= 1 && d <= 5)).toBe(true);
      expect(Object.fromEntries(sql)).toEqual(Object.fromEntries(planner));
    } finally {
      await prisma.shop.update({ where: { domain: PLANNING_SHOP }, data: { settings: {} } });
    }
  });

  it("GIVEN the default cadence THEN the customers planned per day (the debtor summaries) are those whose earliest debt falls on that day", async () => {
    const { nextContactsOfReceivables } = await import("../../app/.server/collections/next-contacts.server");
    const { plannedContactsByDay } = await import("../../app/.server/collections/debtor-summaries.server");
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: PLANNING_SHOP } });
    const today = localDate(seededAt, ZONE);
    const weekEnd = localDate(new Date(seededAt.getTime() + 6 * DAY), ZONE);
    const debts = await prisma.receivable.findMany({ where: { shopDomain: PLANNING_SHOP, status: "open" }, select: { id: true, customerGid: true } });
    const customerOf = new Map(debts.map((d) => [d.id, d.customerGid!]));
    const earliest = new Map<string, string>();
    for (const [id, day] of await nextContactsOfReceivables(shop, seededAt, [...new Set(customerOf.values())])) {
      const key = customerOf.get(id)!;
      if (day && (!earliest.has(key) || day < earliest.get(key)!)) earliest.set(key, day);
    }
    const expected = new Map<string, number>();
    for (const day of earliest.values()) if (day >= today && day <= weekEnd) expected.set(day, (expected.get(day) ?? 0) + 1);
    const byDay = await plannedContactsByDay(shop, seededAt, today, weekEnd);
    expect(Object.fromEntries(byDay)).toEqual(Object.fromEntries(expected));
    expect(byDay.get(today)).toBeGreaterThan(0);
  });
});
