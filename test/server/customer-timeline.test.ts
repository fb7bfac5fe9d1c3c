import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import type { PrismaClient } from "../../app/generated/prisma/client";

const SHOP = "timeline.myshopify.com";
const CUSTOMER = "gid://shopify/Customer/7";
const DAY = 86_400_000;
const NOW = new Date("2026-03-10T13:00:00Z"); // Tuesday 10:00 in São Paulo
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

// A customer's timeline gathers what each part of Quita keeps: the debts (placed,
// due), the ledger's events, the outbox's letters as written, pauses and promises,
// notes and Flow triggers; newest first, each entry with the facts the page words.
describe.each(databaseKinds())("a customer's timeline (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: "America/Sao_Paulo", currencyCode: "BRL" } });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  const debt = (n: number, placedDaysAgo: number, dueDaysAgo: number | null, extra: object = {}) =>
    prisma.receivable.create({
      data: {
        shopDomain: SHOP,
        resourceGid: `gid://shopify/Order/${n}`,
        kind: "order",
        name: `#${n}`,
        status: "open",
        customerGid: CUSTOMER,
        customerName: "Ana Souza",
        customerEmail: "ana@example.com",
        currency: "BRL",
        totalAmount: "1000",
        outstandingAmount: "600",
        shopCurrency: "BRL",
        shopTotalAmount: "1000",
        shopOutstandingAmount: "600",
        placedAt: ago(placedDaysAgo),
        dueAt: dueDaysAgo === null ? null : ago(dueDaysAgo),
        agingBucket: "1-30",
        sourceUpdatedAt: NOW,
        ...extra,
      },
    });

  it("lists every kind of entry, newest first, and leaves out a due date still ahead", async () => {
    const old = await debt(1001, 40, 10);
    const upcoming = await debt(1002, 5, -20, { agingBucket: "current" });
    await prisma.receivableEvent.createMany({
      data: [
        // What the order and due-date entries already tell is not repeated.
        { receivableId: old.id, shopDomain: SHOP, type: "created", occurredAt: ago(40), outstandingAmount: "1000", currency: "BRL", source: "backfill" },
        { receivableId: old.id, shopDomain: SHOP, type: "overdue", occurredAt: ago(9), outstandingAmount: "1000", currency: "BRL", source: "aging" },
        {
          receivableId: old.id,
          shopDomain: SHOP,
          type: "partly_paid",
          occurredAt: ago(3),
          outstandingAmount: "600",
          currency: "BRL",
          source: "webhook:orders/updated",
          details: { paid: "400", shopCurrency: "BRL", shopOutstanding: "600" },
        },
        // Collections' own events come from the outbox and holds, not from here.
        {
          receivableId: old.id,
          shopDomain: SHOP,
          type: "reminder_sent",
          occurredAt: ago(7),
          outstandingAmount: "1000",
          currency: "BRL",
          source: "collections",
        },
      ],
    });
    const letter = await prisma.reminder.create({
      data: {
        shopDomain: SHOP,
        customerKey: CUSTOMER,
        stageId: "late-3",
        kind: "first_late",
        channel: "email",
        status: "sent",
        plannedAt: ago(7),
        sendingAt: ago(7),
        finishedAt: ago(7),
        recipient: "ana@example.com",
        subject: "We have not identified the payment for order #1001",
        body: "Hello Ana Souza,\n\nOrder #1001 — R$1,000.00\nhttps://pay.example/1001",
        items: { create: [{ shopDomain: SHOP, receivableId: old.id, stageId: "late-3" }] },
      },
    });
    await prisma.flowTriggerRun.create({ data: { shopDomain: SHOP, handle: "reminder-sent", subjectKey: letter.id, status: "fired", firedAt: ago(7) } });
    const { placeHold, endHold } = await import("../../app/.server/reminders/holds.server");
    const pause = await placeHold({ shopDomain: SHOP, kind: "pause", until: new Date(ago(2).getTime() + 5 * DAY), customerKey: CUSTOMER }, ago(2));
    await endHold(SHOP, pause, ago(1), "resumed");
    await placeHold(
      { shopDomain: SHOP, kind: "promise", until: new Date(NOW.getTime() + 4 * DAY), customerKey: CUSTOMER, amount: "600", currency: "BRL" },
      NOW,
    );
    const { addCustomerNote } = await import("../../app/.server/customers/notes.server");
    await addCustomerNote(SHOP, CUSTOMER, "Called Ana: she pays on Friday.", NOW);

    const { debtsOf } = await import("../../app/.server/customers/customer-facts.server");
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(SHOP, CUSTOMER, await debtsOf(SHOP, CUSTOMER), NOW);

    expect(timeline.map((e) => [e.kind, e.at.toISOString()])).toEqual([
      // One instant: the note was written after the promise it explains, and is listed above it.
      ["note", NOW.toISOString()],
      ["hold_started", NOW.toISOString()],
      ["hold_ended", ago(1).toISOString()],
      ["hold_started", ago(2).toISOString()],
      ["ledger", ago(3).toISOString()],
      ["order_placed", ago(5).toISOString()],
      // The letter, then the Flow trigger it fired, at one instant: newest first.
      ["flow", ago(7).toISOString()],
      ["reminder", ago(7).toISOString()],
      ["due", ago(10).toISOString()],
      ["order_placed", ago(40).toISOString()],
    ]);
    expect(timeline.find((e) => e.kind === "order_placed" && e.debt.name === "#1002")).toMatchObject({ amount: "1000", currency: "BRL" });
    expect(timeline.some((e) => e.kind === "due" && e.debt.receivableId === upcoming.id)).toBe(false);
    expect(timeline.find((e) => e.kind === "ledger")).toMatchObject({
      event: "partly_paid",
      outstanding: "600",
      currency: "BRL",
      change: { amount: "400", currency: "BRL" },
    });
    expect(timeline.find((e) => e.kind === "reminder")).toMatchObject({
      status: "sent",
      stageKind: "first_late",
      debts: [{ name: "#1001", kind: "order" }],
      letter: { subject: "We have not identified the payment for order #1001", body: letter.body, recipient: "ana@example.com" },
    });
    expect(timeline.find((e) => e.kind === "flow")).toMatchObject({ handle: "reminder-sent", status: "fired" });
    expect(timeline.filter((e) => e.kind === "hold_started").map((e) => e.kind === "hold_started" && [e.hold, e.amount])).toEqual([
      ["promise", "600"],
      ["pause", null],
    ]);
    expect(timeline.find((e) => e.kind === "note")).toMatchObject({ body: "Called Ana: she pays on Friday." });

    // What the page's header says of the customer from the same records.
    const { loadCustomerFacts } = await import("../../app/.server/customers/customer-facts.server");
    const facts = await loadCustomerFacts({ domain: SHOP, ianaTimezone: "America/Sao_Paulo", locale: "pt-BR" }, CUSTOMER, NOW);
    expect(facts).toMatchObject({
      statuses: ["overdue", "promised"],
      owed: { billed: [{ currency: "BRL", amount: "1200.00" }], shop: [{ currency: "BRL", amount: "1200.00" }] },
      letterLocale: "pt-BR",
    });
    expect(facts!.openDebts.map((d) => [d.name, d.daysOverdue])).toEqual([
      ["#1001", 10],
      ["#1002", 0],
    ]);
  });

  it("has nothing to tell of a key Quita never saw", async () => {
    const { loadCustomerFacts } = await import("../../app/.server/customers/customer-facts.server");
    expect(await loadCustomerFacts({ domain: SHOP, ianaTimezone: "UTC", locale: "en" }, "gid://shopify/Customer/404", NOW)).toBeNull();
  });
});
