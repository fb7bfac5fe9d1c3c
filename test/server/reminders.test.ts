import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { JobName } from "../../app/.server/jobs/queue-config.server";

// Friendly reminders on the local Shopify double: planned from the ledger,
// checked against Shopify right before sending, emailed through Shopify's own
// invoice email, recorded on every debt's timeline, exactly once.

describe.each(databaseKinds())("friendly reminders (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shop: string;

  const jobs = (only?: JobName[]) => runJobs({ graphqlFor: async () => graphql }, only ? { only } : {});
  const mails = () => double.mailbox.list().filter((m) => m.kind === "order_invoice" || m.kind === "draft_order_invoice");
  const collect = async () => {
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(shop);
  };

  beforeEach(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain: shop } = setup);
  });
  afterEach(() => setup?.close());

  it("emails one letter per customer through Shopify, listing each debt with its amount and link, signed by the merchant", async () => {
    advanceToShopHour(double, 10);
    await double.webhooks.drain();
    await applyWebhooks();
    await collect();
    await jobs();

    const sent = await prisma.reminder.findMany({ where: { shopDomain: shop, status: "sent" }, include: { items: true } });
    expect(sent.length).toBeGreaterThan(5);
    expect(mails()).toHaveLength(sent.length);
    expect(new Set(sent.map((r) => r.customerKey)).size).toBe(sent.length); // one letter per customer
    for (const reminder of sent) {
      const mail = mails().find((m) => m.customMessage === reminder.body)!;
      expect(mail, `the mailbox holds the letter as stored for ${reminder.customerKey}`).toBeDefined();
      expect(mail.to).toBe(reminder.recipient);
      const debts = await prisma.receivable.findMany({ where: { id: { in: reminder.items.map((i) => i.receivableId) } } });
      for (const debt of debts) {
        expect(mail.customMessage).toContain(debt.name);
        expect(mail.customMessage!.split("\n")).toContain(debt.paymentUrl);
      }
      expect(mail.customMessage).toContain("Casa Aurora Atacado");
      const events = await prisma.receivableEvent.findMany({ where: { receivableId: { in: debts.map((d) => d.id) }, type: "reminder_sent" } });
      expect(events).toHaveLength(debts.length);
    }

    // The customer without an email is handed to Flow instead, and nothing is left planned.
    const flow = double.store.shop(shop)!.flowTriggers.map((t) => t.handle);
    expect(flow).toContain("reminder-not-sent");
    expect(flow).toContain("reminder-sent");
    // Each letter's Flow run is recorded when the letter went, in business time (the double's clock, not the
    // machine's): the customer's timeline places a run that could not fire by it, right after its letter.
    const finished = new Map(sent.map((r) => [r.id, r.finishedAt!.getTime()]));
    const runs = await prisma.flowTriggerRun.findMany({ where: { shopDomain: shop, subjectKey: { in: [...finished.keys()] } } });
    expect(runs.length).toBe(sent.length);
    for (const run of runs) expect(run.createdAt.getTime()).toBe(finished.get(run.subjectKey));
    expect(await prisma.reminder.count({ where: { shopDomain: shop, status: "planned" } })).toBe(0);

    // A second pass on the same day writes nothing new: each stage of each debt is settled.
    await collect();
    await jobs();
    expect(mails()).toHaveLength(sent.length);
  });

  it("never chases a debt paid after its letter was planned, even when Shopify's webhooks about it are lost", async () => {
    advanceToShopHour(double, 10);
    await double.webhooks.drain();
    await applyWebhooks();
    await collect();
    await jobs(["collect"]);
    const planned = await prisma.reminder.findFirstOrThrow({ where: { shopDomain: shop, status: "planned" }, include: { items: true } });
    const debt = await prisma.receivable.findUniqueOrThrow({ where: { id: planned.items[0]!.receivableId } });
    // The customer pays; Shopify's notifications about it never arrive.
    double.controls.dropNextWebhook({ topic: "orders/updated" });
    double.controls.dropNextWebhook({ topic: "orders/paid" });
    double.controls.payOrder({ order: debt.resourceGid });
    await double.webhooks.drain();

    await jobs(["send-reminder"]);
    const after = await prisma.reminder.findUniqueOrThrow({ where: { id: planned.id } });
    expect(after).toMatchObject({ status: "skipped", reason: "what is owed changed before sending" });
    expect(mails().some((m) => m.customMessage?.includes(debt.name))).toBe(false);
    expect((await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } })).status).toBe("paid");
  });

  it("sends a letter once when two senders take it at once, and never again one whose fate a crash left unknown", async () => {
    advanceToShopHour(double, 10);
    await double.webhooks.drain();
    await applyWebhooks();
    await collect();
    await jobs(["collect"]);
    const [first, second] = await prisma.reminder.findMany({
      where: { shopDomain: shop, status: "planned", channel: "email" },
      take: 2,
      include: { items: true },
    });
    const { sendReminder } = await import("../../app/.server/reminders/sending.server");
    const at = double.clock.now();
    const outcomes = await Promise.all([sendReminder(shop, first!.id, graphql, at), sendReminder(shop, first!.id, graphql, at)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["not-planned", "sent"]);
    const letter = await prisma.reminder.findUniqueOrThrow({ where: { id: first!.id } });
    expect(mails().filter((m) => m.to === letter.recipient)).toHaveLength(1);

    // A sender stopped after Shopify's answer and before recording it: the letter is "sending" long after.
    await prisma.reminder.update({ where: { id: second!.id }, data: { status: "sending", sendingAt: at } });
    await prisma.$executeRaw`UPDATE "Reminder" SET "updatedAt" = now() - interval '11 minutes' WHERE id = ${second!.id}`;
    const before = mails().length;
    await collect();
    await jobs();
    expect(await prisma.reminder.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({ status: "unknown" });
    const unknownEvents = await prisma.receivableEvent.count({ where: { sourceId: second!.id, type: "reminder_unknown" } });
    expect(unknownEvents).toBeGreaterThan(0);
    // Its stages stay settled: nothing else for those debts goes out.
    const names = (await prisma.receivable.findMany({ where: { id: { in: second!.items.map((i) => i.receivableId) } } })).map((r) => r.name);
    expect(
      mails()
        .slice(before)
        .filter((m) => names.some((name) => m.customMessage?.includes(name))),
    ).toEqual([]);
  });

  it("sends Shopify's own payment reminder for a stage the merchant left to Shopify", async () => {
    const { DEFAULT_SETTINGS } = await import("../../app/domain/cadence/settings");
    const stages = DEFAULT_SETTINGS.stages.map((s) => ({ ...s, delivery: "shopify_reminder" as const }));
    const { saveCollectionSettings } = await import("../../app/.server/shops.server");
    await saveCollectionSettings(shop, { ...DEFAULT_SETTINGS, stages });
    advanceToShopHour(double, 10);
    await double.webhooks.drain();
    await applyWebhooks();
    await collect();
    await jobs();
    const reminders = double.mailbox.list().filter((m) => m.kind === "payment_reminder");
    const sent = await prisma.reminder.findMany({ where: { shopDomain: shop, channel: "shopify_reminder", status: "sent" } });
    expect(sent.length).toBeGreaterThan(3);
    expect(reminders).toHaveLength(sent.length);
    expect(sent.every((r) => r.body === null)).toBe(true); // Shopify's wording, not a letter of Quita's
    // Invoiced drafts have no payment schedule: they still get Quita's letter.
    const drafts = await prisma.reminder.findMany({ where: { shopDomain: shop, channel: "email", status: "sent" }, include: { items: true } });
    expect(drafts.length).toBeGreaterThan(0);
    const kinds = await prisma.receivable.findMany({
      where: { id: { in: drafts.flatMap((r) => r.items.map((i) => i.receivableId)) } },
      select: { kind: true },
    });
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(["draft_order"]));
  });

  it("waits for the shop's daytime: nothing is written at night", async () => {
    advanceToShopHour(double, 22, "America/Sao_Paulo", [0, 1, 2, 3, 4, 5, 6]);
    await double.webhooks.drain();
    await applyWebhooks();
    const { runCollectionPass } = await import("../../app/.server/reminders/planning.server");
    const pass = await runCollectionPass(shop, double.clock.now());
    expect(pass.planned).toBe(0);
    expect(pass.deferred.quiet_hours).toBeGreaterThan(5);
    expect(mails()).toHaveLength(0);
  });
});
