import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { nextWorkingHour } from "../shopify-double/local-hour";
import { PLANNING_SHOP, seedPlanningLedger } from "../../bench/planning-ledger";
import { planReminders, stageKey, type CustomerState, type Plan, type PlanInput } from "../../app/domain/cadence/plan";
import { settingsFrom } from "../../app/domain/cadence/settings";
import type { PrismaClient } from "../../app/generated/prisma/client";

// A collections pass reads only the open debts that may have a stage to act on
// (collection-state.server.ts), which is what keeps it fast on a large ledger. Leaving the others
// out must change nothing: over a varied ledger, at many moments of the cadence (days apart,
// at night, just before midnight), the letters, skips and deferrals planned from what it reads
// are exactly those planned from every open debt and every settled stage, read the plain way.

const DAY = 86_400_000;
const ZONE = "America/Sao_Paulo";

/** Every open debt and every settled stage: how the pass read the ledger before it left anything out. */
async function everything(prisma: PrismaClient, now: Date): Promise<PlanInput> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: PLANNING_SHOP } });
  const settings = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection);
  const debts = await prisma.receivable.findMany({ where: { shopDomain: PLANNING_SHOP, status: "open" } });
  const items = await prisma.reminderItem.findMany({ where: { receivableId: { in: debts.map((d) => d.id) } } });
  const late = await prisma.$queryRaw<{ customerKey: string }[]>`
    SELECT DISTINCT COALESCE(r."customerGid", r."resourceGid") AS "customerKey"
    FROM "Receivable" r JOIN "ReceivableEvent" e ON e."receivableId" = r.id AND e.type = 'paid'
    WHERE r."shopDomain" = ${PLANNING_SHOP} AND r."dueAt" IS NOT NULL AND e."occurredAt" > r."dueAt" + interval '1 day'`;
  const holds = await prisma.collectionHold.findMany({ where: { shopDomain: PLANNING_SHOP, endedAt: null, until: { gt: now } } });
  const contacts = await prisma.reminder.findMany({
    where: {
      shopDomain: PLANNING_SHOP,
      status: { in: ["sending", "sent", "unknown"] },
      sendingAt: { gte: new Date(now.getTime() - settings.contactCap.days * DAY) },
    },
  });
  const inFlight = await prisma.reminder.findMany({ where: { shopDomain: PLANNING_SHOP, status: { in: ["planned", "sending"] } } });
  const keyOf = (d: (typeof debts)[number]) => d.customerGid ?? d.resourceGid;
  const holdUntil = (match: (h: (typeof holds)[number]) => boolean) =>
    holds.filter(match).reduce<Date | null>((until, h) => (until && until > h.until ? until : h.until), null);
  const customers = new Map<string, CustomerState>();
  for (const d of debts) {
    const key = keyOf(d);
    const c = customers.get(key) ?? {
      customerKey: key,
      hasEmail: false,
      repeatLatePayer: false,
      onHoldUntil: holdUntil((h) => h.customerKey === key),
      recentContacts: [],
      letterInFlight: false,
    };
    c.hasEmail ||= Boolean(d.customerEmail && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.customerEmail));
    customers.set(key, c);
  }
  for (const c of customers.values()) {
    const overdue = debts.filter((d) => keyOf(d) === c.customerKey && d.dueAt && d.dueAt < now).length;
    c.repeatLatePayer = late.some((l) => l.customerKey === c.customerKey) || overdue > 1;
    c.recentContacts = contacts.filter((r) => r.customerKey === c.customerKey).map((r) => r.sendingAt!);
    c.letterInFlight = inFlight.some((r) => r.customerKey === c.customerKey);
  }
  return {
    settings,
    debts: debts.map((d) => ({
      receivableId: d.id,
      customerKey: keyOf(d),
      kind: d.kind === "draft_order" ? "draft_order" : "order",
      dueAt: d.dueAt,
      onHoldUntil: holdUntil((h) => h.receivableId === d.id),
    })),
    customers,
    settledStages: new Set(items.map((i) => stageKey(i.receivableId, i.stageId))),
    now,
    timeZone: ZONE,
  };
}

/** A plan as a sorted list of what it decides, whatever order the debts were read in. */
const decisions = (plan: Plan) =>
  [
    ...plan.letters.map((l) => `letter ${l.customerKey} ${l.stage.id} ${l.channel} [${l.items.map((i) => `${i.receivableId}:${i.stageId}`).sort()}]`),
    ...plan.skips.map((s) => `skip ${s.receivableId} ${s.stageId} ${s.reason}`),
    ...plan.deferred.map((d) => `defer ${d.customerKey} ${d.reason} ${d.until.toISOString()}`),
  ].sort();

describe.each(databaseKinds())("what a collections pass reads (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const seededAt = nextWorkingHour(new Date("2026-11-23T12:00:00Z"), ZONE, 10); // Monday 23 November 2026, 10:00 in São Paulo

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await seedPlanningLedger(client, seededAt, 3_000);
    await client.end();
    prisma = await useAppDatabase(database);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  const moments: [string, Date][] = [
    ["at 10:00 on the day the ledger was written", seededAt],
    ["the next day", new Date(seededAt.getTime() + DAY)],
    ["three days on", new Date(seededAt.getTime() + 3 * DAY)],
    ["eight days on, the weekly cap lifted", new Date(seededAt.getTime() + 8 * DAY)],
    ["sixteen days on", new Date(seededAt.getTime() + 16 * DAY)],
    ["at 23:50, ten minutes before stages are reached at midnight", new Date(seededAt.getTime() + 2 * DAY + 13 * 3_600_000 + 50 * 60_000)],
    ["at 00:10, just after", new Date(seededAt.getTime() + 2 * DAY + 14 * 3_600_000 + 10 * 60_000)],
  ];

  it.each(moments)("GIVEN a ledger of 3,000 open debts WHEN planned %s THEN the same letters, skips and deferrals as from every debt", async (_, now) => {
    const { loadPlanInput } = await import("../../app/.server/reminders/collection-state.server");
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: PLANNING_SHOP } });
    const read = await loadPlanInput(prisma, shop, now);
    const all = await everything(prisma, now);

    const fromWhatIsRead = decisions(planReminders(read));
    expect(fromWhatIsRead).toEqual(decisions(planReminders(all)));
    // It left out debts that could not move.
    expect(read.debts.length).toBeLessThan(all.debts.length);
    expect(fromWhatIsRead.length).toBeGreaterThan(0);
  });

  it("GIVEN the ledger at 10:00 THEN most debts are left out, and what is read plans letters in both cadences, skips and deferrals for the cap and holds", async () => {
    const { loadPlanInput } = await import("../../app/.server/reminders/collection-state.server");
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: PLANNING_SHOP } });
    const input = await loadPlanInput(prisma, shop, seededAt);
    const plan = planReminders(input);
    expect(input.debts.length).toBeLessThan((await prisma.receivable.count({ where: { shopDomain: PLANNING_SHOP, status: "open" } })) / 2);
    const customerOf = (key: string) => input.customers.get(key)!;
    expect(plan.letters.some((l) => customerOf(l.customerKey).repeatLatePayer)).toBe(true);
    expect(plan.letters.some((l) => !customerOf(l.customerKey).repeatLatePayer)).toBe(true);
    expect(plan.skips.length).toBeGreaterThan(0);
    expect(new Set(plan.deferred.map((d) => d.reason))).toEqual(new Set(["contact_cap", "on_hold"]));
  });
});
