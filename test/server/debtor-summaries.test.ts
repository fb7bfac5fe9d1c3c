import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { nextWorkingHour } from "../shopify-double/local-hour";
import { PLANNING_SHOP, seedPlanningLedger } from "../../bench/planning-ledger";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The Debtors page and the overview read one summary per customer, kept up to date by triggers
// that mark a customer stale and a refresh that works the stale ones out again
// (debtor-summaries.server.ts). Whatever changes — a pause, a promise, a letter, a payment, a new
// debt, an email gone bad, a debt deleted — the summaries after the quick refresh must be exactly
// what working every customer out from scratch gives; and the hourly aging refresh, which rewrites
// every open debt, must mark nobody.

const DAY = 86_400_000;
const ZONE = "America/Sao_Paulo";

describe.each(databaseKinds())("debtor summaries kept by triggers (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const at = nextWorkingHour(new Date("2026-11-23T12:00:00Z"), ZONE, 10); // a Monday, 10:00 in São Paulo

  const shop = async () => prisma.shop.findUniqueOrThrow({ where: { domain: PLANNING_SHOP } });
  const refresh = async (when = at) => {
    const { refreshDebtorSummaries } = await import("../../app/.server/collections/debtor-summaries.server");
    return refreshDebtorSummaries(await shop(), when);
  };
  const summaries = async () => JSON.stringify(await prisma.debtorSummary.findMany({ where: { shopDomain: PLANNING_SHOP }, orderBy: { customerKey: "asc" } }));
  const stale = () => prisma.debtorSummaryStale.count({ where: { shopDomain: PLANNING_SHOP } });
  /** The quick refresh's summaries equal those worked out from scratch. */
  async function expectIncrementalEqualsFull() {
    await refresh();
    const incremental = await summaries();
    await prisma.debtorSummaryPlan.deleteMany({ where: { shopDomain: PLANNING_SHOP } });
    expect(await refresh()).toMatchObject({ full: true });
    expect(incremental).toEqual(await summaries());
  }
  const customerWithDebts = async (skip = 0) =>
    (await prisma.receivable.findFirstOrThrow({ where: { shopDomain: PLANNING_SHOP, status: "open" }, orderBy: { id: "asc" }, skip })).customerGid!;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await seedPlanningLedger(client, at, 300);
    await client.end();
    prisma = await useAppDatabase(database);
    await prisma.shop.update({ where: { domain: PLANNING_SHOP }, data: { currencyCode: "BRL", ianaTimezone: ZONE } });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("GIVEN a loaded ledger THEN a first refresh works out every customer owing, and the next has nothing to do", async () => {
    await prisma.debtorSummaryPlan.deleteMany({ where: { shopDomain: PLANNING_SHOP } }); // as before any refresh
    const first = await refresh();
    expect(first.full).toBe(true);
    const owing = await prisma.receivable.groupBy({ by: ["customerGid"], where: { shopDomain: PLANNING_SHOP, status: "open" } });
    expect(first.customers).toBe(owing.length);
    expect(await refresh()).toEqual({ full: false, customers: 0 });
  });

  it("WHEN the hourly aging refresh rewrites every open debt's bucket THEN nobody is marked stale", async () => {
    await refresh();
    await prisma.$executeRaw`UPDATE "Receivable" SET "agingBucket" = 'current' WHERE "shopDomain" = ${PLANNING_SHOP}`;
    expect(await stale()).toBe(0);
  });

  it("WHEN a customer is paused, then resumed THEN only they are worked out again, and as from scratch", async () => {
    await refresh();
    const customer = await customerWithDebts();
    const hold = await prisma.collectionHold.create({
      data: { shopDomain: PLANNING_SHOP, customerKey: customer, kind: "pause", until: new Date(at.getTime() + 10 * DAY) },
    });
    expect(await refresh()).toEqual({ full: false, customers: 1 });
    const paused = await prisma.debtorSummary.findUniqueOrThrow({ where: { shopDomain_customerKey: { shopDomain: PLANNING_SHOP, customerKey: customer } } });
    expect(paused.pausedUntil).toEqual(hold.until);
    await prisma.collectionHold.update({ where: { id: hold.id }, data: { endedAt: at } });
    await expectIncrementalEqualsFull();
  });

  it("WHEN a promise holds one debt, a letter goes out and a stage is settled THEN the summaries are as from scratch", async () => {
    await refresh();
    // A debt 3 to 6 days late with no stage settled yet: its "3 days late" letter is the one that goes out.
    const [debt] = await prisma.$queryRaw<{ id: string; customerGid: string }[]>`
      SELECT r.id, r."customerGid" FROM "Receivable" r
      WHERE r."shopDomain" = ${PLANNING_SHOP} AND r.status = 'open'
        AND r."dueAt" BETWEEN ${new Date(at.getTime() - 6 * DAY)} AND ${new Date(at.getTime() - 3 * DAY)}
        AND NOT EXISTS (SELECT 1 FROM "ReminderItem" i WHERE i."receivableId" = r.id)
      ORDER BY r.id LIMIT 1`;
    expect(debt).toBeDefined();
    await prisma.collectionHold.create({
      data: { shopDomain: PLANNING_SHOP, receivableId: debt.id, kind: "promise", until: new Date(at.getTime() + 5 * DAY) },
    });
    const letter = await prisma.reminder.create({
      data: {
        shopDomain: PLANNING_SHOP,
        customerKey: debt.customerGid!,
        stageId: "late-3",
        kind: "first_late",
        channel: "email",
        status: "sent",
        plannedAt: at,
        sendingAt: at,
      },
    });
    await prisma.reminderItem.create({ data: { shopDomain: PLANNING_SHOP, receivableId: debt.id, stageId: "late-3", reminderId: letter.id } });
    expect(await stale()).toBe(1);
    await expectIncrementalEqualsFull();
  });

  it("WHEN a debt is paid late, a new one arrives, an email goes bad and a debt is deleted THEN the summaries are as from scratch", async () => {
    const [paid, other, bad] = [await customerWithDebts(3), await customerWithDebts(6), await customerWithDebts(9)];
    const paidDebt = await prisma.receivable.findFirstOrThrow({ where: { shopDomain: PLANNING_SHOP, customerGid: paid, status: "open" } });
    await prisma.receivable.update({ where: { id: paidDebt.id }, data: { status: "paid", outstandingAmount: 0, shopOutstandingAmount: 0 } });
    await prisma.receivableEvent.create({
      data: { receivableId: paidDebt.id, shopDomain: PLANNING_SHOP, type: "paid", occurredAt: at, outstandingAmount: 0, currency: "BRL", source: "test" },
    });
    await prisma.receivable.create({
      data: {
        shopDomain: PLANNING_SHOP,
        resourceGid: "gid://shopify/Order/new-1",
        kind: "order",
        name: "#NEW1",
        status: "open",
        customerGid: other,
        customerName: "Zuleica Prado",
        customerEmail: "zuleica@example.com",
        currency: "USD",
        totalAmount: "10.50",
        outstandingAmount: "10.50",
        shopCurrency: "BRL",
        shopTotalAmount: "52.10",
        shopOutstandingAmount: "52.10",
        dueAt: new Date(at.getTime() - 40 * DAY),
        sourceUpdatedAt: at,
      },
    });
    await prisma.receivable.updateMany({ where: { shopDomain: PLANNING_SHOP, customerGid: bad }, data: { customerEmail: "not an address" } });
    const gone = await prisma.receivable.findFirstOrThrow({ where: { shopDomain: PLANNING_SHOP, status: "open" }, orderBy: { id: "desc" }, skip: 4 });
    await prisma.receivableEvent.deleteMany({ where: { receivableId: gone.id } });
    await prisma.receivable.delete({ where: { id: gone.id } });
    await expectIncrementalEqualsFull();
    const noEmail = await prisma.debtorSummary.findUniqueOrThrow({ where: { shopDomain_customerKey: { shopDomain: PLANNING_SHOP, customerKey: bad } } });
    expect(noEmail.emailable).toBe(false);
    const twoCurrencies = await prisma.debtorSummary.findUniqueOrThrow({
      where: { shopDomain_customerKey: { shopDomain: PLANNING_SHOP, customerKey: other } },
    });
    expect(twoCurrencies.currencies).toEqual(["BRL", "USD"]);
  });

  it("WHEN the cadence settings change or a new day begins THEN every summary is worked out again", async () => {
    await refresh();
    await prisma.shop.update({
      where: { domain: PLANNING_SHOP },
      data: { settings: { collection: { quietHours: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] } } } },
    });
    expect(await refresh()).toMatchObject({ full: true });
    expect(await refresh(new Date(at.getTime() + DAY))).toMatchObject({ full: true });
    expect(await refresh(new Date(at.getTime() + DAY + 3_600_000))).toEqual({ full: false, customers: 0 });
  });
});
