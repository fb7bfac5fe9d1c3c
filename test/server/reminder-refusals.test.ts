import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Reminder } from "../../app/generated/prisma/client";

// Shopify refusing to send a letter (its userErrors, in its own words): the letter ends failed with
// Shopify's reason, the customer's timeline says so, Flow hears "Reminder could not be sent", and the
// stage is settled: the next pass does not try it again. The double refuses on demand
// (controls.refuseNextSends), since Quita and the double agree on what an email address looks like.

describe("a letter Shopify refuses to send", () => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shop: string;

  const jobs = () => runJobs({ graphqlFor: async () => graphql });
  const collect = async () => {
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(shop);
    await jobs();
  };
  const flowCalls = () => double.store.shop(shop)!.flowTriggers.map((c) => ({ handle: c.handle, payload: c.payload as Record<string, unknown> }));

  /** What the merchant reads about the refused letter, and what Flow was told. */
  async function expectRefusalShown(refused: Reminder, words: string) {
    const { debtsOf } = await import("../../app/.server/customers/customer-facts.server");
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shop, refused.customerKey, await debtsOf(shop, refused.customerKey), double.clock.now());
    expect(timeline.find((e) => e.kind === "reminder" && e.id === refused.id)).toMatchObject({ status: "failed", reason: words });
    const items = await prisma.reminderItem.count({ where: { reminderId: refused.id } });
    expect(await prisma.receivableEvent.count({ where: { sourceId: refused.id, type: "reminder_failed" } })).toBe(items);
    expect(await prisma.flowTriggerRun.findFirst({ where: { subjectKey: refused.id } })).toMatchObject({ handle: "reminder-not-sent", status: "fired" });
    const call = flowCalls().find((c) => c.handle === "reminder-not-sent" && c.payload.Reason === words);
    expect(call, "Flow was told Shopify's reason").toBeDefined();
    expect(call!.payload.customer_id).toBe(refused.customerKey);
  }

  /** A later pass, two hours on, the same day: the refused stage stays settled, nothing more is mailed to that customer. */
  async function expectNotRetried(refused: Reminder) {
    const mailed = double.mailbox.list().length;
    double.controls.advanceClock({ hours: 2 });
    await collect();
    // Other customers' debts may come due meanwhile; nothing more goes to this one.
    const debts = await prisma.receivable.findMany({ where: { shopDomain: shop, customerGid: refused.customerKey } });
    const addresses = new Set(debts.map((d) => d.customerEmail).filter(Boolean));
    expect(addresses.size).toBeGreaterThan(0);
    expect(
      double.mailbox
        .list()
        .slice(mailed)
        .filter((m) => addresses.has(m.to)),
    ).toEqual([]);
    expect(await prisma.reminderItem.count({ where: { reminderId: refused.id } })).toBeGreaterThan(0);
    const letters = await prisma.reminder.findMany({ where: { shopDomain: shop, customerKey: refused.customerKey } });
    expect(letters.map((l) => [l.id, l.status, l.reason])).toEqual([[refused.id, "failed", refused.reason]]);
  }

  beforeEach(async () => {
    setup = await startShopOnDouble("pglite", { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain: shop } = setup);
    advanceToShopHour(double, 10);
    await double.webhooks.drain();
    await applyWebhooks();
  });
  afterEach(() => setup?.close());

  it("GIVEN Shopify answers an order's invoice email with 'To is invalid' THEN the letter fails with those words, Flow hears it, and it is not sent again", async () => {
    double.controls.refuseNextSends({ operation: "orderInvoiceSend", message: "To is invalid" });
    await collect();

    const refused = await prisma.reminder.findMany({ where: { shopDomain: shop, status: "failed", reason: "To is invalid" } });
    expect(refused).toHaveLength(1);
    const letter = refused[0]!;
    expect(letter).toMatchObject({ channel: "email" });
    expect(letter.resourceGid).toMatch(/^gid:\/\/shopify\/Order\//);
    // The letter as written is kept for the merchant; Shopify mailed nothing to that customer.
    expect(letter.body).toBeTruthy();
    expect(double.mailbox.list().filter((m) => m.to === letter.recipient || m.customMessage === letter.body)).toEqual([]);
    // The other customers' letters went out: only the one send was refused.
    expect(await prisma.reminder.count({ where: { shopDomain: shop, status: "sent" } })).toBeGreaterThan(3);

    await expectRefusalShown(letter, "To is invalid");
    await expectNotRetried(letter);
  });

  it("GIVEN Shopify answers its own payment reminder with 'Payment schedule is already completed' THEN the stage fails with those words and is not retried", async () => {
    const { DEFAULT_SETTINGS } = await import("../../app/domain/cadence/settings");
    const { saveCollectionSettings } = await import("../../app/.server/shops.server");
    const stages = DEFAULT_SETTINGS.stages.map((s) => ({ ...s, delivery: "shopify_reminder" as const }));
    await saveCollectionSettings(shop, { ...DEFAULT_SETTINGS, stages });
    double.controls.refuseNextSends({ operation: "paymentReminderSend", message: "Payment schedule is already completed" });
    await collect();

    const letter = await prisma.reminder.findFirstOrThrow({ where: { shopDomain: shop, channel: "shopify_reminder", status: "failed" } });
    expect(letter.reason).toBe("Payment schedule is already completed");
    const reminders = double.mailbox.list().filter((m) => m.kind === "payment_reminder");
    expect(reminders).toHaveLength(await prisma.reminder.count({ where: { shopDomain: shop, channel: "shopify_reminder", status: "sent" } }));

    await expectRefusalShown(letter, "Payment schedule is already completed");
    await expectNotRetried(letter);
  });

  it("GIVEN a wording Shopify never gives for that send THEN the double refuses to pretend it", () => {
    expect(() => double.controls.refuseNextSends({ operation: "orderInvoiceSend", message: "Payment schedule is already completed" })).toThrow(
      'Shopify does not answer orderInvoiceSend with "Payment schedule is already completed"',
    );
    expect(() => double.controls.refuseNextSends({ operation: "orderInvoiceSend", count: 0 })).toThrow("count must be a whole number from 1: 0");
  });
});
