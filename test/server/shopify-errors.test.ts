import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { installIntoDouble } from "../support/installed-double";
import { startShopifyDouble, type ShopifyDouble } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";

// How Quita copes when Shopify's Admin API says "not now": a THROTTLED answer
// is waited out, and a failing backfill is recorded and retried later
// without losing or doubling anything.
describe("when Shopify's Admin API throttles or fails", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let graphqlFor: (shop: string) => Promise<AdminGraphql>;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    double = await startShopifyDouble({ apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret, appUrl: "http://127.0.0.1:9", seed: "wholesale", deliverWebhooks: false });
    setAppEnv({ SHOPIFY_DOUBLE_URL: double.url, QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    ({ graphql, graphqlFor } = await installIntoDouble(double));
  });
  afterAll(async () => {
    await double?.close();
    await releaseAppDatabase();
    await database?.close();
  });

  it("waits out a THROTTLED answer and then gets its data", async () => {
    const { fetchShopIdentity } = await import("../../app/.server/shopify/shop.server");
    double.controls.setThrottle({ mode: "throttled" });
    const pending = fetchShopIdentity(graphql);
    setTimeout(() => double.controls.setThrottle({ mode: "normal" }), 300);
    await expect(pending).resolves.toMatchObject({ name: "Casa Aurora Atacado", currencyCode: "BRL" });
  });

  it("records a backfill that fails on a server error, and completes it on the retry", async () => {
    const { enqueueJob } = await import("../../app/.server/jobs/queue.server");
    const { runDueJobs } = await import("../../app/.server/jobs/runner.server");
    await enqueueJob(prisma, double.shopDomain, "backfill");

    double.controls.setThrottle({ mode: "http500" });
    const [failed] = await runDueJobs({ graphqlFor });
    // Queued again for later, with the reason kept; the ledger is untouched.
    expect(failed).toMatchObject({ type: "backfill", status: "queued", attempts: 1 });
    expect(failed!.error).toMatch(/500/);
    expect(failed!.runAfter.getTime()).toBeGreaterThan(Date.now());
    expect(await prisma.receivable.count()).toBe(0);

    double.controls.setThrottle({ mode: "normal" });
    await prisma.job.update({ where: { id: failed!.id }, data: { runAfter: new Date() } }); // its retry time has come
    const [retried] = await runDueJobs({ graphqlFor });
    expect(retried).toMatchObject({ id: failed!.id, status: "succeeded", attempts: 2 });
    const open = await prisma.receivable.count({ where: { status: "open" } });
    expect(open).toBeGreaterThan(0);
    expect(retried!.result).toMatchObject({ corrected: open });
  });
});
