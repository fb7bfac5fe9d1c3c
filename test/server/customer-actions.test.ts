import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { CustomerActionContext } from "../../app/.server/customers/actions.server";

const SHOP = "actions.myshopify.com";
const CUSTOMER = "gid://shopify/Customer/9";
const NOW = new Date("2026-03-10T13:00:00Z"); // Tuesday 10:00 in São Paulo

// The customer page's forms, as the action receives them: each problem is a code
// next to its field (the page words it), and what passes is recorded where the
// cadence reads it (a promise or a pause holds the letters; resuming frees them).
describe("the customer page's actions", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const ctx: CustomerActionContext = { shop: { domain: SHOP, ianaTimezone: "America/Sao_Paulo" }, customerKey: CUSTOMER, currencies: ["BRL"], now: NOW };
  const act = async (fields: Record<string, string>) => {
    const { runCustomerAction } = await import("../../app/.server/customers/actions.server");
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return runCustomerAction(form, ctx);
  };

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: "America/Sao_Paulo" } });
    await prisma.receivable.create({
      data: {
        shopDomain: SHOP,
        resourceGid: "gid://shopify/Order/1",
        kind: "order",
        name: "#1",
        status: "open",
        customerGid: CUSTOMER,
        customerEmail: "bia@example.com",
        currency: "BRL",
        totalAmount: "900",
        outstandingAmount: "900",
        shopCurrency: "BRL",
        shopTotalAmount: "900",
        shopOutstandingAmount: "900",
        dueAt: new Date(NOW.getTime() - 5 * 86_400_000),
        agingBucket: "1-30",
        sourceUpdatedAt: NOW,
      },
    });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("refuses an empty note and one over 2,000 characters, and keeps one that fits", async () => {
    expect(await act({ intent: "note", body: "   " })).toEqual({ intent: "note", ok: false, errors: { body: "note_empty" } });
    expect(await act({ intent: "note", body: "x".repeat(2_001) })).toEqual({ intent: "note", ok: false, errors: { body: "note_too_long" } });
    expect(await act({ intent: "note", body: `  ${"y".repeat(2_000)}  ` })).toEqual({ intent: "note", ok: true });
    const notes = await prisma.customerNote.findMany({ where: { shopDomain: SHOP, customerKey: CUSTOMER } });
    expect(notes.map((n) => [n.body.length, n.createdAt.toISOString()])).toEqual([[2_000, NOW.toISOString()]]);
    // The customer's data request exports the notes about them.
    const { exportCustomerData } = await import("../../app/.server/ledger/compliance.server");
    const record = await exportCustomerData(prisma, SHOP, { gid: CUSTOMER, email: null }, "webhook-1");
    expect((record.result as { notes: { note: string }[] }).notes.map((n) => n.note)).toEqual(["y".repeat(2_000)]);
  });

  it("refuses a promise dated in the past, an amount that is not a number and a currency not billed, each next to its field", async () => {
    const before = await prisma.collectionHold.count({ where: { shopDomain: SHOP } });
    expect(await act({ intent: "promise", date: "2026-03-09", amount: "abc", currency: "USD" })).toEqual({
      intent: "promise",
      ok: false,
      errors: { date: "date_past", amount: "amount_invalid", currency: "currency_invalid" },
    });
    expect(await act({ intent: "promise", date: "2026-02-30", amount: "-5", currency: "BRL" })).toMatchObject({
      ok: false,
      errors: { date: "date_invalid", amount: "amount_invalid" },
    });
    expect(await act({ intent: "pause", date: "2027-06-01" })).toMatchObject({ ok: false, errors: { date: "date_too_far" } });
    expect(await prisma.collectionHold.count({ where: { shopDomain: SHOP } })).toBe(before);
  });

  it("records a promise typed the Brazilian way, thousands grouped with dots (it was refused: only 1250,50 passed)", async () => {
    expect(await act({ intent: "promise", date: "2026-03-20", amount: "1.200,50", currency: "BRL" })).toEqual({ intent: "promise", ok: true });
    const promise = await prisma.collectionHold.findFirstOrThrow({
      where: { shopDomain: SHOP, kind: "promise", endedAt: null },
      orderBy: { createdAt: "desc" },
    });
    expect(promise.amount?.toFixed()).toBe("1200.5");
    expect(await act({ intent: "resume", holdId: promise.id })).toEqual({ intent: "resume", ok: true });
  });

  it("records a promise until the end of its day in the shop, in the currency billed, then a pause, and resumes", async () => {
    expect(await act({ intent: "promise", date: "2026-03-13", amount: "450,50", currency: "BRL" })).toEqual({ intent: "promise", ok: true });
    const promise = await prisma.collectionHold.findFirstOrThrow({ where: { shopDomain: SHOP, kind: "promise" } });
    // Friday the 13th holds all Friday in São Paulo (UTC−3): until Saturday 00:00 there.
    expect(promise).toMatchObject({ customerKey: CUSTOMER, until: new Date("2026-03-14T03:00:00Z"), currency: "BRL", endedAt: null });
    expect(promise.amount!.toFixed(2)).toBe("450.50");
    // Today is still a day a promise may fall on.
    expect(await act({ intent: "pause", date: "2026-03-10" })).toEqual({ intent: "pause", ok: true });

    const { sendNextReminderNow } = await import("../../app/.server/reminders/send-now.server");
    const [held] = await sendNextReminderNow(SHOP, [CUSTOMER], NOW);
    expect(held).toMatchObject({ outcome: "refused", reason: "on_hold" });

    const holds = await prisma.collectionHold.findMany({ where: { shopDomain: SHOP, endedAt: null } });
    for (const hold of holds) expect(await act({ intent: "resume", holdId: hold.id })).toEqual({ intent: "resume", ok: true });
    expect(await act({ intent: "resume", holdId: holds[0]!.id })).toEqual({ intent: "resume", ok: false, errors: { form: "hold_ended" } });
    expect(await prisma.collectionHold.count({ where: { shopDomain: SHOP, endedAt: null } })).toBe(0);
  });
});
