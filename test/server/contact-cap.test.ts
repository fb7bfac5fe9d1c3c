import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import type { PrismaClient } from "../../app/generated/prisma/client";

const SHOP = "cap.myshopify.com";
const DAY = 86_400_000;
const NOW = new Date("2026-03-10T13:00:00Z"); // Tuesday 10:00 in São Paulo

// The contact cap counts every letter that reached, or may have reached, the
// customer, whichever way: emailed, of unknown fate, or handed to the
// merchant's Flow workflow (an SMS, a call) because there was no email.
describe("the contact cap counts every way a letter reached the customer", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("holds back a third letter in seven days to a customer reached twice through Flow", async () => {
    const shop = await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: "America/Sao_Paulo" } });
    const customerKey = "gid://shopify/Customer/1";
    await prisma.receivable.create({
      data: {
        shopDomain: SHOP,
        resourceGid: "gid://shopify/Order/1",
        kind: "order",
        name: "#1",
        status: "open",
        customerGid: customerKey,
        currency: "BRL",
        totalAmount: "10",
        outstandingAmount: "10",
        shopCurrency: "BRL",
        shopTotalAmount: "10",
        shopOutstandingAmount: "10",
        dueAt: new Date(NOW.getTime() - 20 * DAY),
        agingBucket: "1-30",
        sourceUpdatedAt: NOW,
      },
    });
    const handedToFlow = (daysAgo: number) => ({
      shopDomain: SHOP,
      customerKey,
      stageId: `s${daysAgo}`,
      kind: "first_late",
      channel: "flow",
      status: "failed",
      reason: "no usable email address: handed to Flow",
      plannedAt: new Date(NOW.getTime() - daysAgo * DAY),
      sendingAt: new Date(NOW.getTime() - daysAgo * DAY),
    });
    await prisma.reminder.createMany({ data: [handedToFlow(5), handedToFlow(2), { ...handedToFlow(9), stageId: "old" }] });

    const { loadPlanInput } = await import("../../app/.server/reminders/collection-state.server");
    const { planReminders } = await import("../../app/domain/cadence/plan");
    const input = await loadPlanInput(prisma, shop, NOW);
    expect(input.customers.get(customerKey)?.recentContacts).toHaveLength(2);
    expect(planReminders(input).deferred).toEqual([expect.objectContaining({ customerKey, reason: "contact_cap" })]);
  });
});
