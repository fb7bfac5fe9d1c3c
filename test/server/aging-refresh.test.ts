import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { agingBucket } from "../../app/domain/ledger/aging";
import type { PrismaClient } from "../../app/generated/prisma/client";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// The aging refresh runs as one SQL statement (a loop held the embedded
// database's only connection for seconds on a large shop); its buckets must be
// exactly the domain's, day boundaries and time zones included.
describe.each(databaseKinds())("the aging refresh in SQL (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it.each(["America/Sao_Paulo", "Asia/Tokyo", "UTC", "Not/AZone"])("puts every owed debt in the bucket the domain would, in %s", async (zone) => {
    const shop = `aging-${zone.replace(/\W/g, "").toLowerCase()}.myshopify.com`;
    const now = new Date("2026-03-11T02:30:00Z"); // 23:30 on the 10th in São Paulo, 11:30 on the 11th in Tokyo
    await prisma.shop.create({ data: { domain: shop, ianaTimezone: zone } });
    const offsets = [
      null,
      -5 * DAY,
      -HOUR,
      0,
      HOUR,
      3 * HOUR,
      DAY - HOUR,
      DAY,
      30 * DAY,
      30 * DAY + 5 * HOUR,
      31 * DAY,
      60 * DAY + 23 * HOUR,
      90 * DAY,
      91 * DAY,
      400 * DAY,
    ];
    const rows = offsets.flatMap((offset, i) =>
      (["open", "authorized", "paid"] as const).map((status, k) => ({
        shopDomain: shop,
        resourceGid: `gid://shopify/Order/${i * 10 + k}`,
        kind: "order",
        name: `#${i}`,
        status,
        currency: "BRL",
        totalAmount: "10",
        outstandingAmount: "10",
        shopCurrency: "BRL",
        shopTotalAmount: "10",
        shopOutstandingAmount: "10",
        dueAt: offset === null ? null : new Date(now.getTime() - offset),
        agingBucket: "current",
        sourceUpdatedAt: now,
      })),
    );
    await prisma.receivable.createMany({ data: rows });
    const { refreshAging } = await import("../../app/.server/ledger/terms.server");

    const moved = await prisma.$transaction((tx) => refreshAging(tx, { domain: shop, ianaTimezone: zone, now }, { source: "aging", sourceId: "test" }));

    const stored = await prisma.receivable.findMany({ where: { shopDomain: shop }, orderBy: { resourceGid: "asc" } });
    const expected = stored.map((r) => (r.status === "paid" ? "current" : agingBucket(r.dueAt, now, zone)));
    expect(stored.map((r) => r.agingBucket)).toEqual(expected);
    expect(moved).toBe(expected.filter((bucket) => bucket !== "current").length);
    // Overdue noted once for each open debt that just became overdue, never for authorized or paid ones.
    const events = await prisma.receivableEvent.findMany({ where: { shopDomain: shop }, include: { receivable: true } });
    expect(events.every((e) => e.type === "overdue" && e.receivable.status === "open" && e.source === "aging")).toBe(true);
    expect(events.length).toBe(stored.filter((r) => r.status === "open" && ["1-30", "31-60", "61-90", "90+"].includes(r.agingBucket)).length);
    expect(events[0]!.details).toMatchObject({
      status: "open",
      agingBucket: events[0]!.receivable.agingBucket,
      dueAt: events[0]!.receivable.dueAt!.toISOString(),
    });
    // A second refresh on the same day moves nothing and notes nothing more.
    expect(await prisma.$transaction((tx) => refreshAging(tx, { domain: shop, ianaTimezone: zone, now }, { source: "aging" }))).toBe(0);
    expect(await prisma.receivableEvent.count({ where: { shopDomain: shop } })).toBe(events.length);
  });
});
