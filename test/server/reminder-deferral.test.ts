import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { jobsIn, runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient } from "../../app/generated/prisma/client";

// Found while making the 120-day collections simulation fail on purpose: a letter
// taken out of the queue after the shop's daytime waits for the next morning. The
// queue keeps wall time and business time may differ (the demo's and the tests'
// shared clock, here eight months behind): it must wait the business-time gap, not
// until a business-time instant that, for the queue, has long passed (the send
// then came straight back, deferred again, without end).

describe.each(databaseKinds())("a letter taken up after hours (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { now: new Date("2026-03-02T09:00:00Z"), webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql } = setup);
  });
  afterAll(() => setup?.close());

  it("waits until the shop's next morning in business time, the queue does not hand it back before, and the pass does once that morning comes", async () => {
    // GIVEN letters planned at 19:00 in São Paulo
    advanceToShopHour(double, 19);
    await double.webhooks.drain();
    await applyWebhooks();
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(double.shopDomain);
    await runJobs({ graphqlFor: async () => graphql }, { only: ["collect"] });
    expect(await prisma.reminder.count({ where: { shopDomain: double.shopDomain, status: "planned" } })).toBeGreaterThan(0);
    // WHEN a worker takes its job out of the queue only at 21:00
    const evening = advanceToShopHour(double, 21, "America/Sao_Paulo", [0, 1, 2, 3, 4, 5, 6]);
    const { getBoss } = await import("../../app/.server/jobs/boss.server");
    const { runJob } = await import("../../app/.server/jobs/handlers.server");
    const boss = await getBoss();
    const [job] = await boss.fetch<{ reminderId: string }>("send-reminder", { batchSize: 1 });
    const letter = await prisma.reminder.findUniqueOrThrow({ where: { id: job!.data.reminderId } });
    expect(await runJob("send-reminder", job!, { graphqlFor: async () => graphql })).toEqual({ status: "deferred", reason: "quiet hours" });
    await boss.complete("send-reminder", job!.id);
    // THEN it is planned again, to be sent 11 hours on (08:00), as the queue counts time
    expect((await prisma.reminder.findUniqueOrThrow({ where: { id: letter.id } })).status).toBe("planned");
    const waiting = (await jobsIn("send-reminder", { reminderId: letter.id })).filter((j) => j.state === "created");
    expect(waiting).toHaveLength(1);
    const hoursAway = (waiting[0]!.startAfter.getTime() - Date.now()) / 3_600_000;
    expect(hoursAway).toBeGreaterThan(10.9);
    expect(hoursAway).toBeLessThanOrEqual(11);
    // …and running what is due now neither sends it nor spins on it
    const ran = await runJobs({ graphqlFor: async () => graphql }, { only: ["send-reminder"] });
    expect(ran.filter((j) => (j.data as { reminderId: string }).reminderId === letter.id)).toEqual([]);
    expect(double.mailbox.list().filter((m) => m.customMessage && m.sentAt >= evening.toISOString())).toEqual([]);
    // WHEN business time reaches the morning before the queue's time does (the demo's clock moved on)
    advanceToShopHour(double, 9);
    await queueCollectionPass(double.shopDomain);
    await runJobs({ graphqlFor: async () => graphql }, { only: ["collect", "send-reminder"] });
    // THEN the collections pass hands the letter back and it goes, once
    const sent = await prisma.reminder.findUniqueOrThrow({ where: { id: letter.id } });
    expect(sent.status).toBe("sent");
    expect(double.mailbox.list().filter((m) => m.customMessage === sent.body)).toHaveLength(1);
  });
});
