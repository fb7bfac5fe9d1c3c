import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, type TestDatabase } from "../support/database";
import { installIntoDouble } from "../support/installed-double";
import { startShopOnDouble, type DoubleWithApp } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { findEverywhere } from "../support/find-everywhere";
import type { ShopifyDouble } from "../shopify-double/index";
import { orderOutstanding } from "../shopify-double/order-math";
import type { PrismaClient } from "../../app/generated/prisma/client";

// customers/redact must leave no copy of the customer's name, email or phone
// anywhere Quita keeps data: the ledger, an earlier data_request export, a
// webhook body kept after a failure or still waiting, jobs.
describe.each(databaseKinds())("customers/redact leaves nothing of the customer (%s)", (kind) => {
  let setup: DoubleWithApp | undefined;
  let database: TestDatabase;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let shop: string;

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001, install: false });
    ({ database, prisma, double, shopDomain: shop } = setup);
  });
  afterAll(() => setup?.close());

  it("erases every copy, and keeps the amounts", async () => {
    // GIVEN a B2B customer Quita follows, with a name, an email and a phone
    const { graphql } = await installIntoDouble(double);
    const { backfillShop } = await import("../../app/.server/ledger/sync.server");
    await backfillShop(shop, graphql, double.clock.now());
    const state = double.store.shop(shop)!;
    const owing = [...state.orders.values()].find((o) => o.company && orderOutstanding(o) > 0 && state.customers.get(o.customerId!)?.phone)!;
    const customer = state.customers.get(owing.customerId!)!;
    const pii = [customer.email!, customer.phone!, `${customer.firstName} ${customer.lastName}`];
    // …who was written to (the letter, as sent, names them) and promised to pay, noted by the merchant…
    const { writeLetter } = await import("../../app/.server/reminders/letter.server");
    const debts = await prisma.receivable.findMany({ where: { shopDomain: shop, customerGid: `gid://shopify/Customer/${customer.id}`, status: "open" } });
    const shopRow = await prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
    const letter = writeLetter(shopRow, "first_late", debts, double.clock.now());
    await prisma.reminder.create({
      data: {
        shopDomain: shop,
        customerKey: `gid://shopify/Customer/${customer.id}`,
        stageId: "late-3",
        kind: "first_late",
        channel: "email",
        status: "sent",
        plannedAt: double.clock.now(),
        recipient: letter.recipient,
        subject: letter.subject,
        body: letter.body,
      },
    });
    const { placeHold } = await import("../../app/.server/reminders/holds.server");
    await placeHold(
      {
        shopDomain: shop,
        kind: "promise",
        until: new Date(double.clock.now().getTime() + 5 * 86_400_000),
        customerKey: `gid://shopify/Customer/${customer.id}`,
        note: `${customer.firstName} ${customer.lastName} will pay on Friday, call ${customer.phone}`,
      },
      double.clock.now(),
    );
    // …about whom the merchant wrote a note on the customer page…
    const { addCustomerNote } = await import("../../app/.server/customers/notes.server");
    await addCustomerNote(
      shop,
      `gid://shopify/Customer/${customer.id}`,
      `Spoke to ${customer.firstName} ${customer.lastName} (${customer.email})`,
      double.clock.now(),
    );
    // …who asked for their data (the export holds it all)…
    double.controls.complianceRequest({ topic: "customers/data_request", customer: customer.id });
    // …whose latest payment webhook failed to apply and is kept for inspection, and another still waits.
    double.controls.payOrder({ order: owing.id, amount: "1.00" });
    await double.webhooks.drain();
    const kept = await prisma.webhookDelivery.findMany({ where: { status: "pending" }, select: { webhookId: true } });
    expect(kept.length).toBeGreaterThan(0);
    await prisma.webhookDelivery.update({
      where: { webhookId: kept[0]!.webhookId },
      data: { status: "failed", attempts: 5, error: "simulated", retryAt: null },
    });
    expect((await findEverywhere(database.url, pii)).length).toBeGreaterThan(3);
    const owedBefore = await prisma.receivable.aggregate({ where: { shopDomain: shop }, _sum: { shopOutstandingAmount: true } });

    // WHEN Shopify forwards the customer's request to be forgotten
    double.controls.complianceRequest({ topic: "customers/redact", customer: customer.id });
    await double.webhooks.drain();
    await applyWebhooks();

    // THEN no text or JSON column anywhere holds their name, email or phone
    expect(await findEverywhere(database.url, pii)).toEqual([]);
    // AND what they owed still counts, anonymised
    const rows = await prisma.receivable.findMany({ where: { customerGid: `gid://shopify/Customer/${customer.id}` } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.redactedAt !== null && r.customerName === null)).toBe(true);
    const owedAfter = await prisma.receivable.aggregate({ where: { shopDomain: shop }, _sum: { shopOutstandingAmount: true } });
    expect(owedAfter._sum.shopOutstandingAmount?.toString()).toBe(owedBefore._sum.shopOutstandingAmount?.toString());
    // AND the record that it was done names no one
    const record = await prisma.complianceRequest.findFirstOrThrow({ where: { shopDomain: shop, topic: "customers/redact" } });
    expect(record.result).toMatchObject({ erasedExports: 1, erasedLetters: 1, erasedNotes: 1 });
    expect(await prisma.customerNote.count({ where: { shopDomain: shop } })).toBe(0);
  });
});
