import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { jobsIn, queueSync, runJobs } from "../support/jobs";
import type { ShopifyDouble } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";

// The job queue's promises (pg-boss, docs/decisions/007), on the embedded
// database and on a PostgreSQL server: a job asked for many times at once is
// queued once, and a job that keeps failing stops at its attempt cap instead
// of running forever. Processes and killed workers: job-workers.test.ts.

describe.each(databaseKinds())("background jobs (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let shop: string;
  let graphqlFor: (shop: string) => Promise<AdminGraphql>;

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { deliverWebhooks: false, backfill: false });
    ({ prisma, double, graphqlFor, shopDomain: shop } = setup);
  });
  afterAll(() => setup?.close());

  it("GIVEN a reload asked for ten times at once WHEN queued THEN one backfill waits, with one run record", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => queueSync("backfill", shop)));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    expect((await jobsIn("backfill", { shop })).filter((job) => job.state === "created")).toHaveLength(1);
    expect(await prisma.syncRun.count({ where: { shopDomain: shop, kind: "backfill", status: "queued" } })).toBe(1);

    // WHEN it has run, a new reload can be asked for again (once)
    expect((await runJobs({ graphqlFor })).map((job) => job.state)).toEqual(["completed"]);
    const again = await Promise.all([queueSync("backfill", shop), queueSync("backfill", shop)]);
    expect(again.filter((id) => id !== null)).toHaveLength(1);
    expect((await runJobs({ graphqlFor })).map((job) => [job.name, job.state])).toEqual([["backfill", "completed"]]);
  });

  it("GIVEN a backfill that fails every time WHEN each retry comes THEN it stops at its 7th attempt, failed, and runs no more", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const jobId = await queueSync("backfill", shop);
      double.controls.setThrottle({ mode: "http500" });
      // Every retry as soon as it is queued, instead of waiting out the back-off; and within each
      // attempt, the Admin API client's own retries of the 500 (admin-throttling.test.ts checks
      // their waits) on a pacer whose clock moves as it sleeps, not on 1-2 s of wall time apiece.
      const { pacedForShop, ShopPacer } = await import("../../app/.server/shopify/admin-graphql.server");
      let slept = 0;
      const pacer = new ShopPacer({ now: () => performance.now() + slept, sleep: async (ms) => void (slept += ms), random: () => 0.5 });
      const withoutWaits = async (domain: string) => pacedForShop(domain, await graphqlFor(domain), pacer);
      const ran = await runJobs({ graphqlFor: withoutWaits }, { includeDelayed: true });
      expect(ran.map((job) => [job.id, job.attempt, job.state])).toEqual([
        ...[1, 2, 3, 4, 5, 6].map((attempt) => [jobId, attempt, "retry"]),
        [jobId, 7, "failed"],
      ]);
      // THEN nothing is left to run, however long one waits
      expect(await runJobs({ graphqlFor: withoutWaits }, { includeDelayed: true })).toEqual([]);
      expect(pacer.stats.serverErrors).toBe(7 * 4); // each attempt tried its first request four times
      const [job] = await jobsIn("backfill", { shop }).then((jobs) => jobs.filter((j) => j.id === jobId));
      expect(job).toMatchObject({ state: "failed", retryCount: 6 });
      const run = await prisma.syncRun.findUniqueOrThrow({ where: { jobId: jobId! } });
      expect(run).toMatchObject({ status: "failed", attempt: 7 });
      expect(run.error).toMatch(/Internal Server Error|500/);
    } finally {
      double.controls.setThrottle({ mode: "normal" });
      log.mockRestore();
    }
  });

  it("GIVEN an uninstall WHEN the shop's jobs were waiting THEN they are cancelled, with their run records", async () => {
    const waiting = await queueSync("reconcile", shop);
    const { cancelShopJobs, jobsReady } = await import("../../app/.server/jobs/enqueue.server");
    await jobsReady();
    await prisma.$transaction((tx) => cancelShopJobs(tx, shop, new Date()));
    expect((await jobsIn("reconcile", { shop })).find((job) => job.id === waiting)?.state).toBe("cancelled");
    expect((await prisma.syncRun.findUniqueOrThrow({ where: { jobId: waiting! } })).status).toBe("cancelled");
    expect(await runJobs({ graphqlFor })).toEqual([]);
  });
});
