import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { queueSync, runJobs } from "../support/jobs";
import type { ShopifyDouble } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";

// How Quita copes when Shopify's Admin API says "not now": a THROTTLED answer
// is waited out, and a failing backfill is recorded and retried later
// without losing or doubling anything.
describe("when Shopify's Admin API throttles or fails", () => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let graphqlFor: (shop: string) => Promise<AdminGraphql>;

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { deliverWebhooks: false, backfill: false });
    ({ prisma, double, graphql, graphqlFor } = setup);
  });
  afterAll(() => setup?.close());

  it("waits out a THROTTLED answer and then gets its data", async () => {
    const { fetchShopIdentity } = await import("../../app/.server/shopify/shop.server");
    double.controls.setThrottle({ mode: "throttled" });
    const pending = fetchShopIdentity(graphql);
    setTimeout(() => double.controls.setThrottle({ mode: "normal" }), 300);
    await expect(pending).resolves.toMatchObject({ name: "Casa Aurora Atacado", currencyCode: "BRL" });
  });

  it("records a backfill that fails on a server error, and completes it on the retry", async () => {
    // GIVEN a backfill queued as the install queues it, and Shopify answering 500
    expect(await queueSync("backfill", double.shopDomain)).not.toBeNull();
    double.controls.setThrottle({ mode: "http500" });
    // WHEN it runs
    const [failed] = await runJobs({ graphqlFor });
    // THEN it is to be tried again later, with the reason kept in its run record; the ledger is untouched
    expect(failed).toMatchObject({ name: "backfill", state: "retry", attempt: 1 });
    const run = () => prisma.syncRun.findUniqueOrThrow({ where: { jobId: failed!.id } });
    expect(await run()).toMatchObject({ kind: "backfill", status: "retrying", attempt: 1 });
    expect((await run()).error).toMatch(/500/);
    expect(await prisma.receivable.count()).toBe(0);
    // … not before its time
    expect(await runJobs({ graphqlFor })).toEqual([]);

    // WHEN its retry time has come and Shopify answers again
    double.controls.setThrottle({ mode: "normal" });
    const [retried] = await runJobs({ graphqlFor }, { includeDelayed: true });
    // THEN the same job completes on its second attempt, and the run record says what it did
    expect(retried).toMatchObject({ id: failed!.id, state: "completed", attempt: 2 });
    expect(await prisma.receivable.count({ where: { status: "open" } })).toBeGreaterThan(0);
    const created = await prisma.receivable.count();
    expect(retried!.output).toMatchObject({ corrected: created });
    expect(await run()).toMatchObject({ status: "succeeded", attempt: 2, corrected: created, error: null });
  });
});
