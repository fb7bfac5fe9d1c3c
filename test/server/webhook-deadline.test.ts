import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { jobsIn, queueSync } from "../support/jobs";
import { applyWebhooks, examplePayload, routeAction, webhookRequest } from "../support/webhooks";
import type { PrismaClient } from "../../app/generated/prisma/client";

// Shopify waits 5 s for a webhook's answer. On the embedded database there is
// one connection for everything: the webhook applier, a backfill and the
// intake share it. Every answer still comes within 5 s, and when the
// connection can't be had in time the answer is a 503, not a late 200:
// Shopify retries the same delivery, which is then accepted, once.

const SHOPIFY_LIMIT_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("webhook answers within Shopify's 5 s on the embedded database (PGlite)", () => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let shop: string;

  /** A signed orders/updated for one of a few hundred B2B orders on terms, as Shopify sends it. */
  const orderUpdate = (i: number) => ({
    ...examplePayload("orders/updated"),
    admin_graphql_api_id: `gid://shopify/Order/${9_000_000 + (i % 200)}`,
    name: `#${9000 + (i % 200)}`,
    financial_status: "pending",
    cancelled_at: null,
    total_outstanding: "414.95",
    current_total_price: "414.95",
    updated_at: new Date(Date.now() - 86_400_000 + i * 1000).toISOString(),
    company: { id: 77, location_id: 78 },
  });
  /** Posts a delivery to its real route action; the answer and how long it took. */
  const post = async (topic: string, body: unknown, webhookId = randomUUID()) => {
    const action = await routeAction(topic);
    const started = performance.now();
    const response = await action({ request: webhookRequest({ topic, shop, body, webhookId }), params: {}, context: {} }).catch((thrown) => thrown as Response);
    return { status: response.status, ms: performance.now() - started, webhookId, note: response.headers.get("X-Quita-Webhook") };
  };

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { seed: { customers: 60, orders: 600 }, deliverWebhooks: false, backfill: false });
    ({ prisma, shopDomain: shop } = setup);
  });
  afterAll(() => setup?.close());

  it("GIVEN the applier and a backfill at work WHEN 400 webhooks arrive, 16 at a time THEN each is answered 200 within 5 s", { timeout: 120_000 }, async () => {
    // As in the app process: background work started on purpose, the backfill through a bulk operation.
    const { startBackgroundWork } = await import("../../app/.server/jobs/background.server");
    const background = await startBackgroundWork({ jobs: { backfill: { bulkThreshold: 20, sleep: async (ms) => void (await sleep(Math.min(ms, 50))) } } });
    try {
      const jobId = await queueSync("backfill", shop);
      let backfillSeenRunning = false;
      const watch = setInterval(async () => {
        if ((await jobsIn("backfill", { shop })).some((job) => job.id === jobId && job.state === "active")) backfillSeenRunning = true;
      }, 50);
      const answers: Awaited<ReturnType<typeof post>>[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < 400) answers.push(await post("orders/updated", orderUpdate(next++)));
        }),
      );
      clearInterval(watch);

      const slowest = Math.max(...answers.map((a) => a.ms));
      console.log(`400 webhooks beside the applier and a backfill on PGlite: slowest answer ${slowest.toFixed(0)} ms`);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      expect(slowest).toBeLessThan(SHOPIFY_LIMIT_MS);
      expect(backfillSeenRunning).toBe(true);
      // … and the work got done: every delivery applied, the backfill finished
      await vi.waitFor(async () => expect(await prisma.webhookDelivery.count({ where: { status: { not: "applied" } } })).toBe(0), {
        timeout: 30_000,
        interval: 100,
      });
      await vi.waitFor(async () => expect((await prisma.syncRun.findUniqueOrThrow({ where: { jobId: jobId! } })).status).toBe("succeeded"), {
        timeout: 60_000,
        interval: 200,
      });
    } finally {
      await background.stop();
    }
  });

  it(
    "GIVEN a transaction holding the one connection past Shopify's limit WHEN webhooks arrive THEN they are answered 503 in time, and Shopify's retries are accepted once",
    { timeout: 60_000 },
    async () => {
      const held = prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          await sleep(7_000);
        },
        { timeout: 30_000 },
      );
      await sleep(50);
      const order = { ...orderUpdate(0), admin_graphql_api_id: "gid://shopify/Order/9100001", name: "#9101" };
      const scopes = { ...examplePayload("app/scopes_update"), current: ["read_orders", "read_all_orders"] };
      const [ledger, inline] = await Promise.all([post("orders/updated", order), post("app/scopes_update", scopes)]);
      expect([ledger.status, inline.status]).toEqual([503, 503]);
      for (const answer of [ledger, inline]) expect(answer.ms).toBeLessThan(SHOPIFY_LIMIT_MS);
      await held;

      // Nothing of either was recorded late; the shop's scopes are as they were
      await sleep(200);
      expect(await prisma.webhookDelivery.count({ where: { webhookId: { in: [ledger.webhookId, inline.webhookId] } } })).toBe(0);
      expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).scopes).not.toBe("read_orders,read_all_orders");

      // WHEN Shopify retries each, with the same X-Shopify-Webhook-Id
      const [ledgerRetry, inlineRetry] = [await post("orders/updated", order, ledger.webhookId), await post("app/scopes_update", scopes, inline.webhookId)];
      expect([ledgerRetry.status, ledgerRetry.note, inlineRetry.status, inlineRetry.note]).toEqual([200, "accepted", 200, "applied"]);
      await applyWebhooks();
      expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { webhookId: ledger.webhookId } })).toMatchObject({
        status: "applied",
        outcome: "created",
      });
      expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).scopes).toBe("read_orders,read_all_orders");
      // … and a further retry changes nothing
      expect((await post("orders/updated", order, ledger.webhookId)).note).toBe("duplicate");
    },
  );
});
