import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { summarizeReceivables } from "../../app/domain/overview";
import type { Prisma, PrismaClient } from "../../app/generated/prisma/client";

// The overview is counted by the database (app/.server/collections/overview.server.ts), with the
// aging cutoffs computed once per request. It must say exactly what the plain way says: every
// open receivable read into memory and summarized row by row in the shop's time zone
// (domain/overview.ts summarizeReceivables). Over a varied ledger (three currencies, orders and
// invoiced drafts, authorized payments, ended debts, no due date, debts due either side of the
// shop's midnight, customers unknown or erased, orders older than the API's 60 days), at many
// moments, both must agree to the cent.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ZONE = "America/Sao_Paulo";
const SHOP = "overview-sql.myshopify.com";
const NOW = new Date("2026-11-23T15:00:00Z"); // 12:00 in São Paulo

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function variedLedger(count: number): Prisma.ReceivableCreateManyInput[] {
  const next = random(7);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const rows: Prisma.ReceivableCreateManyInput[] = [];
  for (let i = 0; i < count; i++) {
    const customer = Math.floor(next() * 70);
    const known = customer % 13 !== 0; // some debts have no customer: the debt is its own debtor
    const currency = customer % 9 === 0 ? "USD" : customer % 11 === 0 ? pick(["EUR", "BRL"]) : "BRL";
    const kind = i % 7 === 0 ? "draft_order" : "order";
    const status = pick(["open", "open", "open", "open", "open", "authorized", "paid", "cancelled"]);
    // Due dates from 20 days ahead to 130 days ago, many at or around São Paulo's midnight (03:00 UTC).
    const dueDays = Math.floor(next() * 150) - 20;
    const dueAt =
      i % 17 === 0 ? null : new Date(Date.UTC(2026, 10, 23 - dueDays, pick([2, 3, 3, 4, 15, 23]), pick([0, 0, 59, 30]), pick([0, 59])) - (i % 5 === 0 ? 1 : 0));
    const amount = `${Math.floor(next() * 500_000) / 100}`;
    rows.push({
      shopDomain: SHOP,
      resourceGid: kind === "order" ? `gid://shopify/Order/${1000 + i}` : `gid://shopify/DraftOrder/${1000 + i}`,
      kind,
      name: `#${1000 + i}`,
      status,
      customerGid: known ? `gid://shopify/Customer/${customer}` : null,
      customerName: known && customer % 10 !== 3 ? `Customer ${customer}` : null,
      companyName: customer % 4 === 0 ? `Company ${customer}` : null,
      currency,
      totalAmount: amount,
      outstandingAmount: amount,
      shopCurrency: currency,
      shopTotalAmount: amount,
      shopOutstandingAmount: status === "paid" ? "0" : amount,
      placedAt: i % 23 === 0 ? null : new Date((dueAt ?? NOW).getTime() - Math.floor(next() * 60) * DAY),
      dueAt,
      sourceUpdatedAt: NOW,
    });
  }
  return rows;
}

describe.each(databaseKinds())("the overview counted in SQL (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, name: "Overview", ianaTimezone: ZONE, currencyCode: "BRL" } });
    await prisma.receivable.createMany({ data: variedLedger(600) });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  const moments: [string, Date][] = [
    ["at noon", NOW],
    ["at 23:59:59 in São Paulo", new Date(Date.UTC(2026, 10, 24, 2, 59, 59))],
    ["at midnight in São Paulo", new Date(Date.UTC(2026, 10, 24, 3, 0, 0))],
    ["at 00:00:01 in São Paulo", new Date(Date.UTC(2026, 10, 24, 3, 0, 1))],
    ["29 days on", new Date(NOW.getTime() + 29 * DAY + 5 * HOUR)],
    ["ten weeks on", new Date(NOW.getTime() + 70 * DAY)],
  ];

  it.each(moments)("GIVEN a varied ledger WHEN the overview is read %s THEN the same figures as every open receivable summarized in memory", async (_, now) => {
    const { readCollectionsOverview } = await import("../../app/.server/collections/overview.server");
    const { findOpenReceivables } = await import("../../app/.server/ledger/overview.server");
    for (const readAllOrders of [true, false]) {
      const fromSql = await readCollectionsOverview({ domain: SHOP, ianaTimezone: ZONE, currencyCode: "BRL", readAllOrders }, now);
      const inMemory = summarizeReceivables(await findOpenReceivables(SHOP), now, ZONE, { shopCurrency: "BRL", readAllOrders });

      expect(fromSql.orders).toEqual(inMemory.orders);
      expect(fromSql.drafts).toEqual(inMemory.drafts);
      expect(fromSql.authorized).toEqual(inMemory.authorized);
      expect(fromSql.debtorCount).toBe(inMemory.debtors.length);
      expect(fromSql.overdueDebtors).toBe(inMemory.overdueDebtors);
      expect(fromSql.topOverdue.map(({ oldestDueAt: _oldest, ...debtor }) => debtor)).toEqual(
        inMemory.debtors.filter((d) => d.maxDaysOverdue > 0).slice(0, 10),
      );
      expect(fromSql.beyondApiWindow).toEqual(inMemory.beyondApiWindow);
    }
  });

  it("GIVEN one customer's hundred oldest debts and fifteen customers late since the same day THEN the same ten most overdue as in memory", async () => {
    const crowded = "overview-crowded.myshopify.com";
    await prisma.shop.create({ data: { domain: crowded, name: "Crowded", ianaTimezone: ZONE, currencyCode: "BRL" } });
    const row = (i: number, customer: number, dueAt: Date, amount: string): Prisma.ReceivableCreateManyInput => ({
      shopDomain: crowded,
      resourceGid: `gid://shopify/Order/${i}`,
      kind: "order",
      name: `#${i}`,
      status: "open",
      customerGid: `gid://shopify/Customer/${customer}`,
      customerName: `Customer ${customer}`,
      currency: "BRL",
      totalAmount: amount,
      outstandingAmount: amount,
      shopCurrency: "BRL",
      shopTotalAmount: amount,
      shopOutstandingAmount: amount,
      placedAt: new Date(dueAt.getTime() - 30 * DAY),
      dueAt,
      sourceUpdatedAt: NOW,
    });
    const rows = [
      // Customer 0 owes the hundred oldest debts: reading the oldest first finds one customer, then reads further.
      ...Array.from({ length: 100 }, (_, i) => row(i, 0, new Date(NOW.getTime() - (200 + i) * DAY), "10.00")),
      // Fifteen customers whose oldest debt fell due on 1 October in São Paulo, at different hours: the tie is broken by what they owe.
      ...Array.from({ length: 15 }, (_, i) => row(1000 + i, 1 + i, new Date(Date.UTC(2026, 9, 1, 3 + i)), `${(i * 37) % 15}00.00`)),
      ...Array.from({ length: 15 }, (_, i) => row(2000 + i, 1 + i, new Date(Date.UTC(2026, 10, 1, 12)), "5.00")),
    ];
    await prisma.receivable.createMany({ data: rows });
    const { readCollectionsOverview } = await import("../../app/.server/collections/overview.server");
    const { findOpenReceivables } = await import("../../app/.server/ledger/overview.server");
    const fromSql = await readCollectionsOverview({ domain: crowded, ianaTimezone: ZONE, currencyCode: "BRL", readAllOrders: true }, NOW);
    const inMemory = summarizeReceivables(await findOpenReceivables(crowded), NOW, ZONE, { shopCurrency: "BRL", readAllOrders: true });
    expect(fromSql.topOverdue.map(({ oldestDueAt: _oldest, ...debtor }) => debtor)).toEqual(inMemory.debtors.slice(0, 10));
    expect(new Set(fromSql.topOverdue.slice(1).map((d) => d.maxDaysOverdue)).size).toBe(1);
  });

  it("GIVEN the varied ledger THEN it has what makes the comparison worth making", async () => {
    const { readCollectionsOverview } = await import("../../app/.server/collections/overview.server");
    const overview = await readCollectionsOverview({ domain: SHOP, ianaTimezone: ZONE, currencyCode: "BRL", readAllOrders: false }, NOW);
    expect(overview.orders.map((c) => c.currency)).toEqual(["BRL", "EUR", "USD"]);
    for (const bucket of ["undated", "current", "1-30", "31-60", "61-90", "90+"] as const) expect(overview.orders[0]!.buckets[bucket].count).toBeGreaterThan(0);
    expect(overview.drafts.length).toBeGreaterThan(0);
    expect(overview.authorized.length).toBeGreaterThan(0);
    expect(overview.topOverdue).toHaveLength(10);
    // Debts without a customer are debtors of their own: more debtors than the 64 known customers.
    expect(overview.debtorCount).toBeGreaterThan(64);
    expect(overview.beyondApiWindow!.count).toBeGreaterThan(0);
  });
});
