import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { installIntoDouble } from "../support/installed-double";
import { jobsIn, queueSync } from "../support/jobs";
import { startHoldingProxy, startWorkerProcess, type HoldingProxy, type WorkerProcess } from "../support/worker-processes";
import { startShopifyDouble, type ShopifyDouble } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The scaled deployment's workers (scripts/worker.ts) on one PostgreSQL server:
// a job is only ever run by one of them, however long it takes, and a worker
// that is killed mid-job loses it to another within a minute. The workers
// reach the local Shopify through a proxy that can hold the Admin API, so a
// backfill takes as long as the test says.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(databaseKinds().includes("postgres"))("job workers in separate processes (PostgreSQL)", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let proxy: HoldingProxy;
  let shop: string;
  const workers: WorkerProcess[] = [];

  const startWorker = async () => {
    const worker = await startWorkerProcess({ DATABASE_URL: database.url, SHOPIFY_DOUBLE_URL: proxy.url });
    workers.push(worker);
    return worker;
  };
  const run = (jobId: string) => prisma.syncRun.findUniqueOrThrow({ where: { jobId } });
  const job = async (jobId: string) => (await jobsIn("backfill", { shop })).find((j) => j.id === jobId)!;
  // How many times a backfill started: its first Admin API call is the count of unpaid orders. Work the
  // workers run on a timer (the collections pass, the hourly reconciliation) may call Shopify meanwhile.
  const backfillStarts = () => proxy.heldOperations.filter((name) => name === "ReceivableOrdersCount").length;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    double = await startShopifyDouble({
      apiKey: TEST_APP.apiKey,
      apiSecret: TEST_APP.apiSecret,
      appUrl: "http://127.0.0.1:9",
      seed: "wholesale",
      deliverWebhooks: false,
    });
    proxy = await startHoldingProxy(double.url);
    shop = double.shopDomain;
    // This process plays a web instance: it queues, the workers run.
    setAppEnv({ SHOPIFY_DOUBLE_URL: double.url, QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    await installIntoDouble(double);
  });
  afterEach(async () => {
    proxy.release();
    for (const worker of workers.splice(0)) {
      worker.process.kill("SIGKILL");
      await new Promise((resolve) =>
        worker.process.exitCode !== null || worker.process.signalCode !== null ? resolve(null) : worker.process.once("exit", resolve),
      );
    }
  });
  afterAll(async () => {
    await proxy?.close();
    await double?.close();
    await releaseAppDatabase();
    await database?.close();
  });

  it("GIVEN two workers WHEN a backfill waits on Shopify longer than a heartbeat window THEN only one of them ever runs it", { timeout: 120_000 }, async () => {
    await Promise.all([startWorker(), startWorker()]);
    proxy.hold();
    const jobId = (await queueSync("backfill", shop))!;
    // One worker starts it and waits on its first Admin API call
    await vi.waitFor(async () => expect((await run(jobId)).status).toBe("running"), { timeout: 15_000, interval: 100 });
    await vi.waitFor(() => expect(backfillStarts()).toBe(1), { timeout: 10_000, interval: 100 });
    // … past its heartbeat (10 s) and several supervision passes (every 5 s): it is alive, so it keeps it
    await sleep(25_000);
    expect(backfillStarts()).toBe(1);
    expect(await job(jobId)).toMatchObject({ state: "active", retryCount: 0 });

    proxy.release();
    await vi.waitFor(async () => expect((await run(jobId)).status).toBe("succeeded"), { timeout: 30_000, interval: 200 });
    expect(await run(jobId)).toMatchObject({ attempt: 1 });
    // pg-boss marks the job completed just after the handler recorded the run: under load, a moment later.
    await vi.waitFor(async () => expect(await job(jobId)).toMatchObject({ state: "completed", retryCount: 0 }), { timeout: 10_000, interval: 100 });
    expect(await prisma.receivable.count({ where: { shopDomain: shop, status: "open" } })).toBeGreaterThan(0);
  });

  it(
    "GIVEN a worker killed while it runs a backfill WHEN another worker is up THEN the job runs again within a minute, and completes once",
    { timeout: 120_000 },
    async () => {
      const first = await startWorker();
      proxy.hold();
      const jobId = (await queueSync("backfill", shop))!;
      await vi.waitFor(async () => expect((await run(jobId)).status).toBe("running"), { timeout: 15_000, interval: 100 });
      await startWorker();

      // WHEN the worker holding it dies (no chance to say so), and Shopify answers again
      first.process.kill("SIGKILL");
      const killedAt = Date.now();
      proxy.release();

      // THEN the other worker takes it up as its second attempt, within a minute
      await vi.waitFor(async () => expect((await run(jobId)).attempt).toBe(2), { timeout: 60_000, interval: 200 });
      const retriedAfterMs = Date.now() - killedAt;
      expect(retriedAfterMs).toBeLessThan(60_000);
      await vi.waitFor(async () => expect((await run(jobId)).status).toBe("succeeded"), { timeout: 30_000, interval: 200 });
      // pg-boss marks the job completed just after the handler recorded the run: under load, a moment later.
      await vi.waitFor(async () => expect(await job(jobId)).toMatchObject({ state: "completed", retryCount: 1 }), { timeout: 10_000, interval: 100 });
      console.log(`a killed worker's backfill ran again ${(retriedAfterMs / 1000).toFixed(1)} s after the kill`);
    },
  );
});
