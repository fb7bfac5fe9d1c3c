import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The Debtors page's bulk actions as its action receives them: a pause through a date for every
// customer selected (as the customer page pauses one), resuming only pauses (a promise to pay
// stays), sending the next reminder now counted by outcome, and every problem a code the page words.

const SHOP = "debtors-actions.myshopify.com";
const ZONE = "America/Sao_Paulo";
const NOW = new Date("2026-03-10T13:00:00Z"); // Tuesday 10:00 in São Paulo
const DAY = 86_400_000;
const A = "gid://shopify/Customer/1";
const B = "gid://shopify/Customer/2";
const GUEST = "gid://shopify/Order/3"; // an order without a customer is its own debtor

describe("the Debtors page's bulk actions", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const act = async (intent: string, keys: string[], until?: string) => {
    const { runDebtorsBulkAction } = await import("../../app/.server/collections/debtor-actions.server");
    const form = new FormData();
    form.set("intent", intent);
    for (const key of keys) form.append("customerKey", key);
    if (until !== undefined) form.set("until", until);
    return runDebtorsBulkAction(form, { domain: SHOP, ianaTimezone: ZONE }, NOW);
  };
  const running = (key: string) =>
    prisma.collectionHold.findMany({ where: { shopDomain: SHOP, customerKey: key, endedAt: null }, orderBy: { createdAt: "asc" } });

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: ZONE, currencyCode: "BRL" } });
    const debt = (id: string, customerGid: string | null, resourceGid: string, dueDaysAgo: number) => ({
      id,
      shopDomain: SHOP,
      resourceGid,
      kind: "order",
      name: `#${id}`,
      status: "open",
      customerGid,
      customerEmail: `${id}@example.com`,
      currency: "BRL",
      totalAmount: "100",
      outstandingAmount: "100",
      shopCurrency: "BRL",
      shopTotalAmount: "100",
      shopOutstandingAmount: "100",
      dueAt: new Date(NOW.getTime() - dueDaysAgo * DAY),
      sourceUpdatedAt: NOW,
    });
    await prisma.receivable.createMany({
      data: [debt("a1", A, "gid://shopify/Order/1", 40), debt("b1", B, "gid://shopify/Order/2", 5), debt("g1", null, GUEST, 20)],
    });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("WHEN nothing is selected, or the date is missing, gone or over a year away THEN nothing is paused and the page is told why", async () => {
    const before = await prisma.collectionHold.count({ where: { shopDomain: SHOP } });
    expect(await act("pause", [], "2026-03-17")).toEqual({ intent: "error", error: "no_selection" });
    expect(await act("pause", [A], "")).toEqual({ intent: "error", error: "date_missing" });
    expect(await act("pause", [A], "2026-03-09")).toEqual({ intent: "error", error: "date_past" });
    expect(await act("pause", [A], "2027-03-11")).toEqual({ intent: "error", error: "date_far" });
    expect(await prisma.collectionHold.count({ where: { shopDomain: SHOP } })).toBe(before);
  });

  // One story, in order: tests run shuffled.
  it("WHEN three debtors are paused through a date THEN each is held until that day has ended in the shop; sent nothing now; resumed, a promise stays", async () => {
    expect(await act("pause", [A, B, GUEST, A], "2026-03-17")).toEqual({ intent: "pause", paused: 3, until: "2026-03-17" });
    for (const key of [A, B, GUEST]) {
      const [hold] = await running(key);
      // Through Tuesday the 17th in São Paulo (UTC−3): until Wednesday 00:00 there.
      expect(hold).toMatchObject({ kind: "pause", until: new Date("2026-03-18T03:00:00Z") });
    }
    expect(await prisma.receivableEvent.count({ where: { shopDomain: SHOP, type: "hold_started" } })).toBe(3);

    // Paused debtors get no reminder now, each counted as refused.
    expect(await act("send", [A, B])).toEqual({ intent: "send", queued: 0, waits: 0, already: 0, refused: 2 });
    expect(await prisma.reminder.count({ where: { shopDomain: SHOP } })).toBe(0);

    // Resumed: their pauses end (one on a debt too), a promise to pay stays; resuming again finds nobody paused.
    await prisma.collectionHold.create({ data: { shopDomain: SHOP, receivableId: "a1", kind: "promise", until: new Date(NOW.getTime() + 3 * DAY) } });
    await prisma.collectionHold.create({ data: { shopDomain: SHOP, receivableId: "b1", kind: "pause", until: new Date(NOW.getTime() + 3 * DAY) } });
    expect(await act("resume", [A, B, GUEST])).toEqual({ intent: "resume", resumed: 3 });
    expect(await running(A)).toEqual([]);
    const left = await prisma.collectionHold.findMany({ where: { shopDomain: SHOP, endedAt: null } });
    expect(left.map((h) => [h.receivableId, h.kind])).toEqual([["a1", "promise"]]);
    expect(await act("resume", [B, GUEST])).toEqual({ intent: "resume", resumed: 0 });
  });

  it("WHEN an unknown action is posted THEN the request is refused", async () => {
    await expect(act("delete", [A])).rejects.toMatchObject({ status: 400 });
  });
});
