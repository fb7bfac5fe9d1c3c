import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { installIntoDouble } from "../support/installed-double";
import { applyWebhooks, sign } from "../support/webhooks";
import { startAppWebhookServer } from "../support/app-webhook-server";
import { queueSync, runJobs as runQueuedJobs } from "../support/jobs";
import { startShopifyDouble, type ShopifyDouble } from "../shopify-double/index";
import { financialStatus, orderOutstanding } from "../shopify-double/order-math";
import type { PrismaClient } from "../../app/generated/prisma/client";

// A 90-day story against the local Shopify double: install and backfill, then
// an order created, partly paid, replayed twice and out of order, gone
// overdue, paid while its webhooks are lost — and reconciliation finds it.
// It is a story: each day starts where the one before left off, so its days
// run in order (shuffle: false) while every other file runs shuffled.

describe("a 90-day receivables story with the Shopify double", { shuffle: false }, () => {
  describe.each(databaseKinds())("on %s", (kind) => {
    let database: TestDatabase;
    let prisma: PrismaClient;
    let double: ShopifyDouble;
    let app: { url: string; close(): Promise<void> };
    let shop: string;
    let runJobs: () => ReturnType<typeof runQueuedJobs>;
    let orderGid: string;

    const receivable = (gid: string) => prisma.receivable.findUniqueOrThrow({ where: { shopDomain_resourceGid: { shopDomain: shop, resourceGid: gid } } });
    const events = async (gid: string) =>
      (await prisma.receivableEvent.findMany({ where: { receivable: { resourceGid: gid } }, orderBy: { createdAt: "asc" } })).map((e) => e.type);
    /** Every webhook the double sent has been answered, and the applier has applied what the app accepted. */
    const settle = async () => {
      await double.webhooks.drain();
      await applyWebhooks();
    };
    const redeliver = (d: { url: string; headers: Record<string, string>; body: string }, webhookId?: string) =>
      fetch(d.url, {
        method: "POST",
        body: d.body,
        headers: { ...d.headers, ...(webhookId ? { "X-Shopify-Webhook-Id": webhookId } : {}), "X-Shopify-Hmac-Sha256": sign(d.body) },
      });

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      app = await startAppWebhookServer();
      double = await startShopifyDouble({
        apiKey: TEST_APP.apiKey,
        apiSecret: TEST_APP.apiSecret,
        appUrl: app.url,
        seed: "wholesale",
        now: new Date(),
        webhookRetryDelayScale: 0.0001,
      });
      shop = double.shopDomain;
      setAppEnv({ SHOPIFY_DOUBLE_URL: double.url, QUITA_JOB_RUNNER: "off" });
      prisma = await useAppDatabase(database);

      // Install as the afterAuth hook does: token, shop identity, a backfill job.
      const { graphqlFor } = await installIntoDouble(double);
      await queueSync("backfill", shop);
      runJobs = () => runQueuedJobs({ graphqlFor });
    });
    afterAll(async () => {
      await double?.close();
      await app?.close();
      await releaseAppDatabase();
      await database?.close();
    });

    it("day 0: backfill loads every unpaid order on terms or B2B and every invoiced draft; authorized payments apart", async () => {
      const [job] = await runJobs();
      expect(job).toMatchObject({ name: "backfill", state: "completed" });
      const state = double.store.shop(shop)!;
      const owed = [...state.orders.values()].filter((o) => !o.cancelledAt && orderOutstanding(o) > 0 && (o.paymentTerms || o.company));
      const expectedOrders = owed.filter((o) => financialStatus(o) !== "AUTHORIZED").map((o) => `gid://shopify/Order/${o.id}`);
      const expectedAuthorized = owed.filter((o) => financialStatus(o) === "AUTHORIZED").map((o) => `gid://shopify/Order/${o.id}`);
      const expectedDrafts = [...state.draftOrders.values()]
        .filter((d) => d.invoiceSentAt && d.status !== "COMPLETED")
        .map((d) => `gid://shopify/DraftOrder/${d.id}`);
      const open = await prisma.receivable.findMany({
        where: { shopDomain: shop, status: "open" },
        select: { resourceGid: true, agingBucket: true, currency: true },
      });
      expect(open.map((r) => r.resourceGid).sort()).toEqual([...expectedOrders, ...expectedDrafts].sort());
      expect(new Set(open.map((r) => r.agingBucket))).toEqual(new Set(["undated", "current", "1-30", "31-60", "61-90", "90+"]));
      const authorized = await prisma.receivable.findMany({ where: { shopDomain: shop, status: "authorized" }, select: { resourceGid: true } });
      expect(authorized.map((r) => r.resourceGid)).toEqual(expectedAuthorized);
      expect(expectedAuthorized).toHaveLength(1);
      expect(new Set(open.map((r) => r.currency)).size).toBeGreaterThan(1); // BRL, USD, EUR kept apart

      // A second backfill (a rerun after a crash) counts nothing twice.
      await queueSync("backfill", shop);
      const [again] = await runJobs();
      expect(again.output).toMatchObject({ corrected: 0 });
      expect(await prisma.receivable.count({ where: { shopDomain: shop, status: "open" } })).toBe(open.length);
    });

    it("day 1: a new B2B order on Net 30 arrives by webhook", async () => {
      double.controls.advanceClock({ days: 1 });
      const customer = [...double.store.shop(shop)!.contacts.values()][0].customerId;
      const order = double.controls.createOrder({ customer, amount: "1000.00", paymentTerms: "Net 30" }) as { id: number };
      await settle();
      orderGid = `gid://shopify/Order/${order.id}`;
      const r = await receivable(orderGid);
      expect(r).toMatchObject({ status: "open", termsName: "Net 30", agingBucket: "current" });
      expect(r.companyGid).toMatch(/^gid:\/\/shopify\/Company\//);
      expect(await events(orderGid)).toEqual(["created"]);
    });

    it("day 10: a partial payment, then the same delivery again and an old one out of order", async () => {
      double.controls.advanceClock({ days: 9 });
      const before = double.webhooks.log.length;
      double.controls.payOrder({ order: orderGid, amount: "400.00" });
      await settle();
      expect((await receivable(orderGid)).outstandingAmount.toString()).toBe(
        (Number((await receivable(orderGid)).totalAmount.toString()) - 400).toFixed(2).replace(/\.?0+$/, ""),
      );
      const paymentUpdate = double.webhooks.log.slice(before).find((d) => d.topic === "orders/updated")!;
      const creation = double.webhooks.log.find((d) => d.topic === "orders/create" && d.body.includes(`"admin_graphql_api_id":"${orderGid}"`))!;
      const duplicate = await redeliver(paymentUpdate);
      const outOfOrder = await redeliver(creation, "replayed-create");
      expect([duplicate.status, outOfOrder.status]).toEqual([200, 200]);
      await applyWebhooks();
      expect(await events(orderGid)).toEqual(["created", "partly_paid"]);
    });

    it("day 20: a line is added to the order and only orders/edited arrives — the order is read again", async () => {
      double.controls.advanceClock({ days: 10 });
      const before = (await receivable(orderGid)).outstandingAmount;
      double.controls.dropNextWebhook({ topic: "orders/updated" });
      double.controls.editOrder({ order: orderGid, title: "Caixa extra", quantity: 1, price: "150.00" });
      await settle();
      // orders/edited names the change but carries no amounts: a job re-reads the order from the Admin API.
      const [job] = await runJobs();
      expect(job).toMatchObject({ name: "refresh-order", state: "completed", output: { checked: 1, corrected: 1 } });
      expect((await receivable(orderGid)).outstandingAmount.minus(before).toFixed(2)).toBe("150.00");
      expect(await events(orderGid)).toEqual(["created", "partly_paid", "amount_increased"]);
    });

    it("day 45: reconciliation ages the debt into 1–30 and notes it overdue", async () => {
      double.controls.advanceClock({ days: 25 });
      await settle();
      await queueSync("reconcile", shop);
      await runJobs();
      const r = await receivable(orderGid);
      expect(r.agingBucket).toBe("1-30");
      expect(await events(orderGid)).toContain("overdue");
    });

    it("day 60: paid while every webhook about it is lost — reconciliation finds it", async () => {
      double.controls.advanceClock({ days: 15 });
      double.controls.dropNextWebhook({ topic: "orders/updated" });
      double.controls.dropNextWebhook({ topic: "orders/paid" });
      double.controls.payOrder({ order: orderGid });
      await settle();
      expect((await receivable(orderGid)).status).toBe("open"); // the ledger hasn't heard

      await queueSync("reconcile", shop);
      const [job] = await runJobs();
      expect(job).toMatchObject({ name: "reconcile", state: "completed" });
      expect((job.output as { corrected: number }).corrected).toBeGreaterThanOrEqual(1);
      expect((await receivable(orderGid)).status).toBe("paid");
      expect(await events(orderGid)).toEqual(expect.arrayContaining(["created", "partly_paid", "overdue", "paid"]));
      const run = await prisma.syncRun.findFirstOrThrow({
        where: { shopDomain: shop, kind: "reconcile", status: "succeeded" },
        orderBy: { startedAt: "desc" },
      });
      expect(run.corrected).toBeGreaterThanOrEqual(1);
      expect(run.checked).toBeGreaterThanOrEqual(run.corrected);
    });

    it("day 90: a cancelled order ends its debt, and uninstall stops the ledger", async () => {
      double.controls.advanceClock({ days: 30 });
      const customer = [...double.store.shop(shop)!.contacts.values()][1].customerId;
      const order = double.controls.createOrder({ customer, amount: "250.00", paymentTerms: "Net 15" }) as { id: number };
      // Delivered one after the other: sent together, the cancellation may be the
      // first Quita sees, and an order first seen cancelled was never a debt.
      await settle();
      double.controls.cancelOrder({ order: order.id, reason: "customer" });
      await settle();
      const gid = `gid://shopify/Order/${order.id}`;
      expect((await receivable(gid)).status).toBe("cancelled");
      expect(await events(gid)).toEqual(["created", "cancelled"]);

      double.controls.uninstallApp();
      await settle();
      expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).installed).toBe(false);
      expect(await prisma.session.count({ where: { shop } })).toBe(0);
    });
  });
});
