import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { JobName } from "../../app/.server/jobs/queue-config.server";

// Letters planned but not gone yet (docs/decisions/010). A letter whose send job gave up while
// Shopify was busy is not stranded: the next pass writes it again and it goes once. And a letter
// waiting (held by the night) is the customer's letter: no second one is written beside it.

describe.each(databaseKinds())("letters in flight (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shop: string;

  const jobs = (only?: JobName[], includeDelayed = false) => runJobs({ graphqlFor: async () => graphql }, { includeDelayed, ...(only ? { only } : {}) });
  const mails = () => double.mailbox.list().filter((m) => m.kind === "order_invoice" || m.kind === "draft_order_invoice");
  const collect = async () => {
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(shop);
    return jobs(["collect"]);
  };
  const emailOf = async (customerKey: string) =>
    (await prisma.receivable.findFirstOrThrow({ where: { shopDomain: shop, customerGid: customerKey, customerEmail: { not: null } } })).customerEmail!;

  beforeEach(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain: shop } = setup);
    await double.webhooks.drain();
    await applyWebhooks();
  });
  afterEach(async () => {
    double.controls.setThrottle({ mode: "normal" });
    await setup?.close();
  });

  it("writes again a letter whose send gave up while Shopify was unavailable, and mails it once when Shopify is back", async () => {
    advanceToShopHour(double, 10);
    await collect();
    const stranded = await prisma.reminder.findMany({ where: { shopDomain: shop, status: "planned" } });
    // GIVEN Shopify answers 500 to every attempt of every send, until the queue stops retrying
    double.controls.setThrottle({ mode: "http500" });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    // Every retry as soon as it is queued, and the Admin API client's own retries of each 500 on a pacer
    // whose clock moves as it sleeps (as job-queue.test.ts does), not on minutes of wall time.
    const { pacedForShop, ShopPacer } = await import("../../app/.server/shopify/admin-graphql.server");
    let slept = 0;
    const pacer = new ShopPacer({ now: () => performance.now() + slept, sleep: async (ms) => void (slept += ms), random: () => 0.5 });
    const withoutWaits = async (domain: string) => pacedForShop(domain, await setup!.graphqlFor(domain), pacer);
    const attempts = await runJobs({ graphqlFor: withoutWaits }, { includeDelayed: true, only: ["send-reminder"] }).finally(() => log.mockRestore());
    const gaveUp = attempts.filter((job) => job.state === "failed").map((job) => (job.data as { reminderId: string }).reminderId);
    expect(new Set(gaveUp)).toEqual(new Set(stranded.map((r) => r.id)));
    expect(await jobs(["send-reminder"], true)).toEqual([]);
    expect(mails()).toEqual([]);
    // …the letters are left planned, Shopify never having acted on them
    expect(await prisma.reminder.count({ where: { id: { in: stranded.map((r) => r.id) }, status: "planned" } })).toBe(stranded.length);

    // WHEN Shopify is back and, past the lease, a collections pass comes
    double.controls.setThrottle({ mode: "normal" });
    await prisma.$executeRaw`UPDATE "Reminder" SET "updatedAt" = now() - interval '11 minutes' WHERE "shopDomain" = ${shop} AND status = 'planned'`;
    await collect();
    await jobs(["send-reminder", "fire-flow-trigger"]);

    // THEN each of those customers is mailed once (or, without an email, handed to Flow once), and the
    // first letter says on the timeline why it was written again
    const { STRANDED_REASON } = await import("../../app/.server/reminders/planning.server");
    for (const letter of stranded) {
      expect(await prisma.reminder.findUniqueOrThrow({ where: { id: letter.id } })).toMatchObject({ status: "skipped", reason: STRANDED_REASON });
      const skipped = await prisma.receivableEvent.count({ where: { sourceId: letter.id, type: "reminder_skipped" } });
      expect(skipped).toBeGreaterThan(0);
      const again = await prisma.reminder.findMany({ where: { shopDomain: shop, customerKey: letter.customerKey, id: { not: letter.id } } });
      expect(again, `one letter written again to ${letter.customerKey}`).toHaveLength(1);
      if (letter.channel === "flow") {
        expect(again[0]).toMatchObject({ channel: "flow", status: "failed", reason: "no usable email address: handed to Flow" });
        continue;
      }
      expect(again[0]!.status).toBe("sent");
      expect(mails().filter((m) => m.to === again[0]!.recipient)).toHaveLength(1);
    }
    expect(stranded.filter((r) => r.channel === "email").length).toBeGreaterThan(2);
    expect(await prisma.reminder.count({ where: { shopDomain: shop, status: "planned" } })).toBe(0);

    // …and once only: another pass later writes nothing more
    const before = mails().length;
    await prisma.$executeRaw`UPDATE "Reminder" SET "updatedAt" = now() - interval '11 minutes' WHERE "shopDomain" = ${shop}`;
    await collect();
    await jobs();
    expect(mails()).toHaveLength(before);
  }, 180_000);

  it("does not write a second letter to a customer whose letter the night held, when another of their debts reaches a stage that morning", async () => {
    // One letter a week, so that any second letter that morning, in this pass or a later one, would break the cap.
    const { DEFAULT_SETTINGS } = await import("../../app/domain/cadence/settings");
    const { saveCollectionSettings } = await import("../../app/.server/shops.server");
    await saveCollectionSettings(shop, { ...DEFAULT_SETTINGS, contactCap: { contacts: 1, days: 7 } });
    // GIVEN letters planned at 19:00, whose sends a worker takes up only after 20:00: held until the morning
    advanceToShopHour(double, 19);
    await collect();
    const held = await prisma.reminder.findFirstOrThrow({
      where: { shopDomain: shop, status: "planned", channel: "email", customerKey: { startsWith: "gid://shopify/Customer/" } },
    });
    advanceToShopHour(double, 21, "America/Sao_Paulo", [0, 1, 2, 3, 4, 5, 6]);
    const deferred = await jobs(["send-reminder"]);
    expect(deferred.find((j) => (j.data as { reminderId: string }).reminderId === held.id)?.output).toEqual({ status: "deferred", reason: "quiet hours" });
    expect((await prisma.reminder.findUniqueOrThrow({ where: { id: held.id } })).status).toBe("planned");
    // …and a new order of that customer, due in four days: its courtesy letter (3 days before) is reached tomorrow
    const dueAt = new Date(double.clock.now().getTime() + 4 * 86_400_000).toISOString();
    const order = double.controls.createOrder({ customer: held.customerKey, amount: "250.00", paymentTerms: "Fixed", dueAt });
    await double.webhooks.drain();
    await applyWebhooks();
    const email = await emailOf(held.customerKey);
    const morning = advanceToShopHour(double, 9);

    // WHEN the morning's passes run, and the sends they queue
    await collect();
    await jobs(["send-reminder", "fire-flow-trigger"]);
    await collect();
    await jobs(["send-reminder", "fire-flow-trigger"]);

    // THEN the customer gets one letter that morning, the one the night held
    const sent = mails().filter((m) => m.to === email && m.sentAt >= morning.toISOString());
    expect(sent).toHaveLength(1);
    const letter = await prisma.reminder.findUniqueOrThrow({ where: { id: held.id } });
    expect(letter.status).toBe("sent");
    expect(sent[0]!.customMessage).toBe(letter.body);
    // …the cap held: no other letter to them is planned, sent or on its way this week
    const others = await prisma.reminder.findMany({ where: { shopDomain: shop, customerKey: held.customerKey, id: { not: held.id } } });
    expect(others.filter((r) => r.status !== "skipped")).toEqual([]);
    // …and the new order's courtesy stage is still to come (not settled by a letter that never went)
    const debt = await prisma.receivable.findFirstOrThrow({ where: { shopDomain: shop, resourceGid: `gid://shopify/Order/${order.id}` } });
    expect(await prisma.reminderItem.count({ where: { receivableId: debt.id, reminderId: { not: null } } })).toBe(0);
  }, 180_000);
});
