import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { installIntoDouble } from "../support/installed-double";
import { jobsIn } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-processes";
import { startShopifyDouble, type ShopifyDouble } from "../shopify-double/index";
import { responseHoldsOf } from "../shopify-double/held-responses";
import type { PrismaClient } from "../../app/generated/prisma/client";

// Exactly once, with real processes (issue #8): a sender (scripts/worker.ts) killed with SIGKILL
// after Shopify sent the email and before Quita recorded it, and two senders running at once.
// Shopify is the local double, which can hold its answer after acting (held-responses.ts); the
// workers share one PostgreSQL server, as in the scaled deployment (the embedded database
// belongs to its one app process, so there is no second sender to crash or race there).

const INVOICE_SENDS = ["orderInvoiceSend", "draftOrderInvoiceSend"];

describe.runIf(databaseKinds().includes("postgres"))("friendly reminders across crashed and concurrent senders (PostgreSQL)", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let shop: string;
  const workers: WorkerProcess[] = [];

  const kill = async (worker: WorkerProcess) => {
    if (worker.process.exitCode === null && worker.process.signalCode === null) {
      const exited = new Promise((resolve) => worker.process.once("exit", resolve));
      worker.process.kill("SIGKILL");
      await exited;
    }
  };
  const startWorker = async () => {
    const worker = await startWorkerProcess({ DATABASE_URL: database.url, SHOPIFY_DOUBLE_URL: double.url });
    workers.push(worker);
    return worker;
  };
  const collect = async () => {
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(shop);
  };
  const letters = () => double.mailbox.list().filter((m) => m.kind === "order_invoice" || m.kind === "draft_order_invoice");
  const outstanding = () => prisma.reminder.count({ where: { shopDomain: shop, status: { in: ["planned", "sending"] } } });

  /** Set-up: a shop installed into a fresh database, its unpaid orders read, at 10:00 on a working day in São Paulo. */
  const installShop = (seed: "wholesale" | { customers: number; orders: number }) => async () => {
    database = await createTestDatabase("postgres");
    // A shop on Shopify Plus: its cost bucket lets the letters through at once, where the
    // standard plan's paced them over most of a minute; pacing is admin-throttling.test.ts's subject.
    double = await startShopifyDouble({
      apiKey: TEST_APP.apiKey,
      apiSecret: TEST_APP.apiSecret,
      appUrl: "http://127.0.0.1:9",
      seed,
      deliverWebhooks: false,
      plan: "plus",
    });
    shop = double.shopDomain;
    // This process plays a web instance: it queues; the worker processes send.
    setAppEnv({ SHOPIFY_DOUBLE_URL: double.url, QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    const { graphql } = await installIntoDouble(double);
    const { backfillShop } = await import("../../app/.server/ledger/sync.server");
    // One bulk operation, however large the shop: paging a large one waits on the cost bucket for minutes.
    await backfillShop(shop, graphql, double.clock.now(), undefined, {
      bulkThreshold: 0,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 100))),
    });
    advanceToShopHour(double, 10);
  };

  /**
   * What the customers received, per debt and stage: every letter in the mailbox is matched to the
   * one letter Quita wrote with that text to that address, and counted once for each debt and stage
   * that letter settled.
   */
  async function mailedPerDebtAndStage(): Promise<{ counts: Map<string, number>; unmatched: number }> {
    const written = await prisma.reminder.findMany({ where: { shopDomain: shop, body: { not: null } }, include: { items: true } });
    const counts = new Map<string, number>();
    let unmatched = 0;
    for (const mail of letters()) {
      const matches = written.filter((r) => r.body === mail.customMessage && r.recipient === mail.to);
      if (matches.length !== 1) unmatched++;
      for (const item of matches[0]?.items ?? [])
        counts.set(`${item.receivableId} ${item.stageId}`, (counts.get(`${item.receivableId} ${item.stageId}`) ?? 0) + 1);
    }
    return { counts, unmatched };
  }
  const repeated = (counts: Map<string, number>) => [...counts].filter(([, n]) => n > 1);

  afterEach(async () => {
    for (const worker of workers.splice(0)) await kill(worker);
    if (double) responseHoldsOf(double.world).release();
    await double?.close();
    await releaseAppDatabase();
    await database?.close();
  });

  describe("a sender killed mid-send", () => {
    beforeEach(installShop("wholesale"));

    it(
      "GIVEN a sender killed after Shopify emailed the letter and before it recorded that WHEN its lease has passed THEN the letter is unknown, shown on the timeline, and never sent again",
      { timeout: 180_000 },
      async () => {
        double.controls.holdResponses({ operation: INVOICE_SENDS.join(",") });
        const first = await startWorker();
        await collect();

        // The worker plans the letters and starts sending; Shopify emails the first one and holds its answer.
        await vi.waitFor(() => expect(responseHoldsOf(double.world).held()).toHaveLength(1), { timeout: 60_000, interval: 100 });
        expect(letters()).toHaveLength(1);
        const [mail] = letters();

        // WHEN the worker dies there (no chance to record anything)
        await kill(first);
        await vi.waitFor(() => expect(responseHoldsOf(double.world).dropped).toHaveLength(1), { timeout: 10_000, interval: 50 });

        // THEN the letter Shopify sent is the one Quita stored, and it is still "sending"
        const crashed = await prisma.reminder.findFirstOrThrow({ where: { shopDomain: shop, status: "sending" }, include: { items: true } });
        expect(crashed).toMatchObject({ body: mail!.customMessage, recipient: mail!.to, attempts: 1 });
        expect(await prisma.reminder.count({ where: { shopDomain: shop, status: "sending" } })).toBe(1);

        // A new worker comes up; the lease passes (moved back rather than waited for); a collections pass runs.
        await prisma.$executeRaw`UPDATE "Reminder" SET "updatedAt" = now() - interval '11 minutes' WHERE id = ${crashed.id}`;
        await startWorker();
        await collect();
        await vi.waitFor(async () => expect((await prisma.reminder.findUniqueOrThrow({ where: { id: crashed.id } })).status).toBe("unknown"), {
          timeout: 30_000,
          interval: 200,
        });
        // The merchant sees it on each debt's timeline, with what to do.
        const shown = await prisma.receivableEvent.findMany({ where: { sourceId: crashed.id, type: "reminder_unknown" } });
        expect(shown.map((e) => e.receivableId).sort()).toEqual(crashed.items.map((i) => i.receivableId).sort());
        expect((await prisma.reminder.findUniqueOrThrow({ where: { id: crashed.id } })).reason).toMatch(/check the customer's emails before sending it again/);

        // The dead worker's jobs (its letter and the batch it had fetched) are run again by the other
        // worker once their heartbeats stop: the rest go out, the crashed letter does not.
        await vi.waitFor(async () => expect(await outstanding()).toBe(0), { timeout: 90_000, interval: 500 });
        const crashedJob = async () => (await jobsIn("send-reminder", { shop, reminderId: crashed.id }))[0];
        await vi.waitFor(async () => expect(await crashedJob()).toMatchObject({ state: "completed" }), { timeout: 60_000, interval: 500 });
        // Its job ran again after the kill (a second attempt) and found the letter no longer planned.
        expect((await crashedJob())!.retryCount).toBeGreaterThanOrEqual(1);
        expect((await crashedJob())!.output).toMatchObject({ status: "not-planned" });

        // Later passes, the next day included, leave it alone too.
        await collect();
        advanceToShopHour(double, 10);
        await collect();
        await vi.waitFor(async () => expect((await jobsIn("collect", { shop })).every((j) => j.state === "completed")).toBe(true), {
          timeout: 30_000,
          interval: 300,
        });
        await vi.waitFor(async () => expect(await outstanding()).toBe(0), { timeout: 60_000, interval: 500 });

        const sent = await prisma.reminder.count({ where: { shopDomain: shop, status: "sent" } });
        expect(sent).toBeGreaterThan(5);
        expect(letters().filter((m) => m.customMessage === mail!.customMessage)).toHaveLength(1);
        const { counts, unmatched } = await mailedPerDebtAndStage();
        expect(unmatched).toBe(0);
        expect(repeated(counts)).toEqual([]);
        for (const item of crashed.items) expect(counts.get(`${item.receivableId} ${item.stageId}`)).toBe(1);
        expect(letters()).toHaveLength(sent + 1); // every letter recorded sent, and the one whose fate is unknown
        console.log(`crash: 1 letter unknown after the kill, ${sent} sent, ${letters().length} emails, 0 stages mailed twice`);
      },
    );
  });

  describe("two senders at once", () => {
    beforeEach(installShop({ customers: 1_500, orders: 4_000 }));

    it(
      "GIVEN two workers and two more planners at once over a shop with many letters due THEN every stage of every debt is mailed at most once",
      { timeout: 240_000 },
      async () => {
        const { runCollectionPass } = await import("../../app/.server/reminders/planning.server");
        await Promise.all([startWorker(), startWorker()]);
        const plannedHere: number[] = [];

        // The workers' own pass, and this process's two, all at the same moment; then until every letter is out.
        const wave = async () => {
          const [, ...here] = await Promise.all([collect(), runCollectionPass(shop, double.clock.now()), runCollectionPass(shop, double.clock.now())]);
          plannedHere.push(...here.map((pass) => pass.planned));
          await vi.waitFor(async () => expect((await jobsIn("collect", { shop })).every((j) => j.state === "completed")).toBe(true), {
            timeout: 60_000,
            interval: 300,
          });
          await vi.waitFor(async () => expect(await outstanding()).toBe(0), { timeout: 120_000, interval: 500 });
        };
        // Two waves: today, and three days on (more debts reach a stage; the contact cap lets a second letter through).
        await wave();
        double.controls.advanceClock({ days: 3 });
        advanceToShopHour(double, 10);
        await wave();

        const sent = await prisma.reminder.findMany({ where: { shopDomain: shop, status: "sent" }, select: { id: true } });
        const { counts, unmatched } = await mailedPerDebtAndStage();
        expect(sent.length).toBeGreaterThan(100);
        expect(letters()).toHaveLength(sent.length);
        expect(unmatched).toBe(0);
        expect(repeated(counts)).toEqual([]);
        // Each letter was recorded by exactly one of the planners, whichever got there first.
        const plannedByWorkers = (await jobsIn("collect", { shop })).map((j) => (j.output as { planned?: number } | null)?.planned ?? 0);
        const planned = await prisma.reminder.count({ where: { shopDomain: shop } });
        expect([...plannedHere, ...plannedByWorkers].reduce((a, b) => a + b, 0)).toBe(planned);
        console.log(
          `two workers: ${sent.length} letters sent, ${counts.size} debt stages mailed, none twice; letters planned by the workers' passes ${plannedByWorkers.join("+")}, by this process's ${plannedHere.join("+")}`,
        );
      },
    );
  });
});
