import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The overview's figures beyond the ledger's totals: money recovered after a letter, with and
// without an incentive, DSO, and the next actions (letters of unknown fate, promises due, letters
// planned), on a small ledger whose right answers are worked out by hand.

const DAY = 86_400_000;
const ZONE = "America/Sao_Paulo";
const SHOP = "overview-figures.myshopify.com";
const NOW = new Date("2026-11-23T15:00:00Z"); // Monday, 12:00 in São Paulo
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe.each(databaseKinds())("the overview's figures (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  async function debt(id: string, over: { status?: string; total: string; outstanding: string; placedDaysAgo: number; dueDaysAgo: number; currency?: string }) {
    const currency = over.currency ?? "BRL";
    await prisma.receivable.create({
      data: {
        id,
        shopDomain: SHOP,
        resourceGid: `gid://shopify/Order/${id}`,
        kind: "order",
        name: `#${id}`,
        status: over.status ?? "open",
        customerGid: `gid://shopify/Customer/${id}`,
        customerName: `Customer ${id}`,
        customerEmail: `${id}@example.com`,
        currency,
        totalAmount: over.total,
        outstandingAmount: over.outstanding,
        shopCurrency: currency,
        shopTotalAmount: over.total,
        shopOutstandingAmount: over.outstanding,
        placedAt: ago(over.placedDaysAgo),
        dueAt: ago(over.dueDaysAgo),
        sourceUpdatedAt: NOW,
      },
    });
  }

  async function letter(receivableId: string, status: string, sentDaysAgo: number) {
    const reminder = await prisma.reminder.create({
      data: {
        shopDomain: SHOP,
        customerKey: `gid://shopify/Customer/${receivableId}`,
        stageId: "late-3",
        kind: "first_late",
        channel: "email",
        status,
        plannedAt: ago(sentDaysAgo),
        sendingAt: ago(sentDaysAgo),
        finishedAt: ago(sentDaysAgo),
      },
    });
    await prisma.reminderItem.create({ data: { shopDomain: SHOP, receivableId, stageId: `late-3-${reminder.id}`, reminderId: reminder.id } });
  }

  async function payment(receivableId: string, type: "partly_paid" | "paid", paid: string, daysAgo: number) {
    await prisma.receivableEvent.create({
      data: {
        receivableId,
        shopDomain: SHOP,
        type,
        occurredAt: ago(daysAgo),
        outstandingAmount: "0",
        currency: "BRL",
        source: "webhook:orders/updated",
        details: { paid, shopCurrency: "BRL" },
      },
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, name: "Figures", ianaTimezone: ZONE, currencyCode: "BRL" } });
    // a: a letter five days ago, then 400.00 paid two days ago: recovered.
    await debt("a", { total: "1000.00", outstanding: "600.00", placedDaysAgo: 40, dueDaysAgo: 10 });
    await letter("a", "sent", 5);
    await payment("a", "partly_paid", "400.00", 2);
    // b: paid three days ago, before its letter went out: not recovered by a letter.
    await debt("b", { status: "paid", total: "250.00", outstanding: "0", placedDaysAgo: 20, dueDaysAgo: 5 });
    await letter("b", "sent", 1);
    await payment("b", "paid", "250.00", 3);
    // c: paid after a letter, but 40 days ago: outside the 30 days.
    await debt("c", { status: "paid", total: "300.00", outstanding: "0", placedDaysAgo: 60, dueDaysAgo: 50 });
    await letter("c", "sent", 45);
    await payment("c", "paid", "300.00", 40);
    // d: paid yesterday after a letter that failed: no letter reached the customer.
    await debt("d", { status: "paid", total: "80.00", outstanding: "0", placedDaysAgo: 100, dueDaysAgo: 70 });
    await letter("d", "failed", 4);
    await payment("d", "paid", "80.00", 1);
    // e: open, placed before the 90 days of sales; f: cancelled, never a sale; g: another currency, never in DSO.
    await debt("e", { total: "900.00", outstanding: "900.00", placedDaysAgo: 100, dueDaysAgo: 70 });
    await debt("f", { status: "cancelled", total: "5000.00", outstanding: "0", placedDaysAgo: 10, dueDaysAgo: -20 });
    await debt("g", { total: "70.00", outstanding: "70.00", placedDaysAgo: 10, dueDaysAgo: 2, currency: "USD" });
    await letter("g", "sent", 1);
    await payment("g", "partly_paid", "30.00", 0.5);
    // Settlement offers: a's stood when a paid (made 3 days ago, open 7 days); g's had ended a day before g paid.
    const offer = (customer: string, madeDaysAgo: number, endsDaysAgo: number) =>
      prisma.settlementOffer.create({
        data: {
          shopDomain: SHOP,
          customerKey: `gid://shopify/Customer/${customer}`,
          code: `QUITA-TEST-${customer.toUpperCase()}`,
          discountGid: `gid://shopify/DiscountCodeNode/${customer.charCodeAt(0)}`,
          percentage: "0.05",
          currency: "BRL",
          endsAt: ago(endsDaysAgo),
          source: "merchant",
          createdAt: ago(madeDaysAgo),
        },
      });
    await offer("a", 3, -4);
    await offer("g", 9, 2);
    // The other incentives, on debts placed before the 90 days of sales and paid off (DSO and the planned letters unchanged).
    const settled = (id: string, total: string) => debt(id, { status: "paid", total, outstanding: "0", placedDaysAgo: 120, dueDaysAgo: 30 });
    const termsChanged = (receivableId: string, source: string, daysAgo: number) =>
      prisma.receivableEvent.create({
        data: { receivableId, shopDomain: SHOP, type: "terms_changed", occurredAt: ago(daysAgo), outstandingAmount: "0", currency: "BRL", source },
      });
    // h: a letter, then new terms from Quita, then paid: with an incentive.
    await settled("h", "150.00");
    await letter("h", "sent", 8);
    await termsChanged("h", "terms-change:merchant", 6);
    await payment("h", "paid", "150.00", 2);
    // i: a letter, then an installment agreement on it, then its installments recorded on the order: with an incentive.
    await settled("i", "200.00");
    await letter("i", "sent", 12);
    await prisma.installmentAgreement.create({
      data: {
        shopDomain: SHOP,
        customerKey: "gid://shopify/Customer/i",
        receivableId: "i",
        orderGid: "gid://shopify/Order/i",
        orderName: "#i",
        currency: "BRL",
        totalAmount: "200.00",
        count: 2,
        intervalDays: 7,
        createdAt: ago(10),
      },
    });
    await payment("i", "paid", "200.00", 1);
    // j: a letter, then paid, nothing offered: without.
    await settled("j", "50.00");
    await letter("j", "sent", 6);
    await payment("j", "paid", "50.00", 4);
    // k: new terms set in Shopify, not by Quita, and Quita's own only after the payment: without.
    await settled("k", "70.00");
    await letter("k", "sent", 9);
    await termsChanged("k", "webhook:payment_terms/update", 7);
    await payment("k", "paid", "70.00", 3);
    await termsChanged("k", "terms-change:flow", 1);
    // l: an invoiced draft order, a letter, then its invoice paid at checkout (completed): without.
    // m: a draft on payment terms completed into an order on terms: not money received, not counted.
    for (const [id, termsId] of [
      ["l", null],
      ["m", "42"],
    ] as const) {
      await settled(id, "80.00");
      await prisma.receivable.update({
        where: { id },
        data: { kind: "draft_order", status: "completed", resourceGid: `gid://shopify/DraftOrder/${id}`, paymentTermsId: termsId },
      });
      await letter(id, "sent", 5);
      await prisma.receivableEvent.create({
        data: {
          receivableId: id,
          shopDomain: SHOP,
          type: "completed",
          occurredAt: ago(2),
          outstandingAmount: "0",
          currency: "BRL",
          source: "webhook:draft_orders/update",
          details: { paid: "80.00", shopCurrency: "BRL" },
        },
      });
    }
    // Letters whose fate is unknown: two here, one in another shop.
    await letter("e", "unknown", 2);
    await letter("e", "unknown", 3);
    await prisma.reminder.create({
      data: { shopDomain: "other.myshopify.com", customerKey: "x", stageId: "late-3", kind: "first_late", channel: "email", status: "unknown", plannedAt: NOW },
    });
    // Promises: due this evening, missed yesterday (both due); kept (ended); due tomorrow; and a pause ending today (not a promise).
    const hold = (kind: string, until: Date, endedAt: Date | null = null) =>
      prisma.collectionHold.create({
        data: { shopDomain: SHOP, customerKey: "gid://shopify/Customer/a", kind, until, endedAt, amount: "100", currency: "BRL" },
      });
    await hold("promise", new Date("2026-11-23T23:00:00Z"));
    await hold("promise", ago(1));
    await hold("promise", ago(1), ago(2));
    await hold("promise", new Date("2026-11-24T12:00:00Z"));
    await hold("pause", new Date("2026-11-23T20:00:00Z"));
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  async function overview() {
    const { readCollectionsOverview } = await import("../../app/.server/collections/overview.server");
    return readCollectionsOverview({ domain: SHOP, ianaTimezone: ZONE, currencyCode: "BRL", readAllOrders: true }, NOW);
  }

  it("GIVEN payments before and after letters THEN recovered counts only what was paid in the last 30 days after a letter went out, per currency, with an incentive standing (an open offer, Quita's new terms, an agreement) or without", async () => {
    // BRL: a 400 under an open offer, h 150 after Quita's new terms, i 200 under an agreement; j 50 and k 70 without.
    expect((await overview()).recovered).toEqual([
      { currency: "BRL", amount: "950.00", receivables: 6, withIncentive: "750.00", withoutIncentive: "200.00" },
      { currency: "USD", amount: "30.00", receivables: 1, withIncentive: "0.00", withoutIncentive: "30.00" },
    ]);
  });

  it("GIVEN open orders and the last 90 days of sales on terms THEN DSO is open ÷ sales × 90 in the shop's currency", async () => {
    // Open: a 600 + e 900 = 1500. Sales placed in the 90 days: a 1000 + b 250 + c 300 = 1550 (f cancelled, d and e older, g in USD).
    expect((await overview()).dso).toEqual({ days: 87, currency: "BRL", open: "1500.00", sales: "1550.00" });
  });

  it("GIVEN letters of unknown fate and promises THEN the next actions count this shop's unknown sends and the promises due by tonight, not the kept ones", async () => {
    const { nextActions } = await overview();
    expect(nextActions.unknownSends).toBe(2);
    expect(nextActions.promisesDue).toBe(2);
  });

  it("counts the customers with a letter planned today and this week as the cadence's next planned contact does", async () => {
    const { nextContactsOfReceivables } = await import("../../app/.server/collections/next-contacts.server");
    const { readPlannedLetters } = await import("../../app/.server/collections/overview.server");
    const shop = { domain: SHOP, ianaTimezone: ZONE, settings: {}, currencyCode: "BRL" };
    const debts = await prisma.receivable.findMany({ where: { shopDomain: SHOP, status: "open" }, select: { id: true, customerGid: true, resourceGid: true } });
    const customerOf = new Map(debts.map((d) => [d.id, d.customerGid ?? d.resourceGid]));
    // Each customer's earliest next letter, worked out afresh for every debt.
    const earliest = new Map<string, string>();
    for (const [id, day] of await nextContactsOfReceivables(shop, NOW, [...new Set(customerOf.values())])) {
      const key = customerOf.get(id)!;
      if (day && (!earliest.has(key) || day < earliest.get(key)!)) earliest.set(key, day);
    }
    const days = [...earliest.values()];
    const planned = await readPlannedLetters(shop, NOW);
    expect(planned.today).toBe(days.filter((d) => d === "2026-11-23").length);
    expect(planned.thisWeek).toBe(days.filter((d) => d >= "2026-11-23" && d <= "2026-11-29").length);
    expect(planned.thisWeek).toBeGreaterThan(0);
  });
});
