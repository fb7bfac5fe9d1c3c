import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { applyWebhooks, deliver, examplePayload } from "../support/webhooks";
import { at, b2bOrder, DUE, installedShop, invoicedDraft } from "../support/webhook-ledger";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The webhook intake queue: a delivery is accepted (stored as signed) at once, and applied to the
// ledger after the answer, once, in arrival order, surviving a crash, with failures set aside.

describe.each(databaseKinds())("webhooks into the receivables ledger: the intake queue, accepted at once and applied after the answer (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let shop: string;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
  });
  beforeEach(async () => {
    shop = await installedShop(prisma);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  const order = (n: number, overrides: Record<string, unknown> = {}) =>
    b2bOrder({ admin_graphql_api_id: `gid://shopify/Order/${n}`, name: `#Q${n}`, ...overrides });
  const row = (webhookId: string) => prisma.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
  const eventsOf = async (gid: string) =>
    (await prisma.receivableEvent.findMany({ where: { shopDomain: shop, receivable: { resourceGid: gid } }, orderBy: [{ createdAt: "asc" }] })).map(
      (e) => e.type,
    );

  it("keeps the body exactly as signed while pending, and erases it once applied", async () => {
    // GIVEN a body whose ids only survive as text
    const body = JSON.stringify(order(1)).replace('"id":820982911946154500', '"id":820982911946154508');
    // WHEN it is accepted, and nothing has applied it yet
    const response = await deliver({ topic: "orders/create", shop, body, webhookId: "q-body", apply: false });
    // THEN it waits, byte for byte, and the ledger hasn't changed
    expect(response.headers.get("X-Quita-Webhook")).toBe("accepted");
    expect(await row("q-body")).toMatchObject({
      status: "pending",
      rawBody: body,
      outcome: null,
      attempts: 0,
      topic: "orders/create",
      shopDomain: shop,
    });
    expect(await prisma.receivable.count({ where: { shopDomain: shop } })).toBe(0);
    // WHEN the applier runs
    expect(await applyWebhooks()).toEqual({ applied: 1, failed: 0 });
    // THEN the receivable is there and the stored delivery keeps its ids and outcome but no customer data
    const applied = await row("q-body");
    expect(applied).toMatchObject({ status: "applied", rawBody: null, outcome: "created", topic: "orders/create", shopDomain: shop, error: null });
    expect(applied.appliedAt).toBeInstanceOf(Date);
    expect(applied.eventId).toBeTruthy();
    expect(Math.abs(applied.triggeredAt!.getTime() - Date.now())).toBeLessThan(60_000); // stored as UTC, whatever the zone
    expect(await eventsOf("gid://shopify/Order/1")).toEqual(["created"]);
  });

  it("treats a retry of a delivery still pending as a no-op", async () => {
    const first = await deliver({ topic: "orders/create", shop, body: order(2), webhookId: "q-dup", apply: false });
    const again = await deliver({ topic: "orders/create", shop, body: order(2), webhookId: "q-dup", apply: false });
    expect([first.headers.get("X-Quita-Webhook"), again.headers.get("X-Quita-Webhook")]).toEqual(["accepted", "duplicate"]);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: "q-dup" } })).toBe(1);
    await applyWebhooks();
    expect(await eventsOf("gid://shopify/Order/2")).toEqual(["created"]);
  });

  it("applies in arrival order what was accepted between two passes, several to one order", async () => {
    // GIVEN a draft order's create and delete, accepted one after the other before any pass
    const gid = "gid://shopify/DraftOrder/890612572568261700";
    await deliver({ topic: "draft_orders/create", shop, body: invoicedDraft({ admin_graphql_api_id: gid }), apply: false });
    await deliver({ topic: "draft_orders/delete", shop, body: '{"id":890612572568261700}', apply: false });
    // and an order's creation, partial payment, a stale replay and its payment
    const orderGid = "gid://shopify/Order/7";
    await deliver({ topic: "orders/create", shop, body: order(7), apply: false });
    await deliver({
      topic: "orders/updated",
      shop,
      body: order(7, { financial_status: "partially_paid", total_outstanding: "314.95", updated_at: at(-5) }),
      apply: false,
    });
    const replay = await deliver({ topic: "orders/updated", shop, body: order(7, { updated_at: at(-6) }), apply: false });
    const paidAt = at(-2);
    await deliver({
      topic: "orders/paid",
      shop,
      body: order(7, { financial_status: "paid", total_outstanding: "0.00", updated_at: paidAt }),
      apply: false,
    });
    // WHEN one pass applies them all
    await applyWebhooks();
    // THEN the draft's debt was recorded, then ended; the order's went from open to partly paid to paid, the replay stale
    expect(await eventsOf(gid)).toEqual(["created", "deleted"]);
    expect(await eventsOf(orderGid)).toEqual(["created", "partly_paid", "paid"]);
    expect((await row(replay.webhookId)).outcome).toBe("stale");
    const paid = await prisma.receivable.findUniqueOrThrow({ where: { shopDomain_resourceGid: { shopDomain: shop, resourceGid: orderGid } } });
    expect(paid).toMatchObject({ status: "paid", termsName: "Net 30", companyGid: "gid://shopify/Company/5501", customerName: "John Smith" });
    expect(paid.outstandingAmount.toString()).toBe("0");
    expect(paid.dueAt?.toISOString()).toBe(DUE);
    expect(paid.sourceUpdatedAt.toISOString()).toBe(paidAt);
  });

  it("applies exactly once a delivery accepted before a crash, when the app starts again", async () => {
    // GIVEN a delivery accepted but not applied
    await deliver({ topic: "orders/create", shop, body: order(3), webhookId: "q-crash", apply: false });
    if (kind === "postgres") {
      // … which another instance claimed, then died holding it before COMMIT
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "WebhookDelivery" WHERE "webhookId" = 'q-crash' FOR UPDATE`);
      await applyWebhooks(); // skips what another instance holds
      expect((await row("q-crash")).status).toBe("pending");
      await other.end(); // the crash: its transaction is rolled back
    }
    // WHEN the process starts afresh (no state survives but the database) and its applier runs, twice
    vi.resetModules();
    const restarted = await import("../../app/.server/webhooks/applier.server");
    expect(await restarted.applyPendingWebhooks()).toEqual({ applied: 1, failed: 0 });
    expect(await restarted.applyPendingWebhooks()).toEqual({ applied: 0, failed: 0 });
    // THEN the order is in the ledger once
    expect(await row("q-crash")).toMatchObject({ status: "applied", outcome: "created", rawBody: null });
    expect(await eventsOf("gid://shopify/Order/3")).toEqual(["created"]);
  });

  it("marks a delivery that can't be applied failed, without holding up the next, and gives up after a few tries", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    // GIVEN a valid body whose amount the ledger cannot hold (Decimal(20,4)), then an ordinary one
    const huge = "9999999999999999999999.00";
    await deliver({
      topic: "orders/create",
      shop,
      body: order(4, { total_outstanding: huge, current_total_price: huge }),
      webhookId: "q-poison",
      apply: false,
    });
    await deliver({ topic: "orders/create", shop, body: order(5), webhookId: "q-next", apply: false });
    // WHEN the applier runs
    expect(await applyWebhooks()).toEqual({ applied: 1, failed: 1 });
    // THEN the poison is failed and visible, the next one applied
    const poison = await row("q-poison");
    expect(poison).toMatchObject({ status: "failed", attempts: 1, outcome: null });
    expect(poison.error).toBeTruthy();
    expect(poison.rawBody).not.toBeNull();
    expect(poison.retryAt!.getTime()).toBeGreaterThan(Date.now());
    expect(log.mock.calls.flat().join(" ")).toContain("q-poison");
    expect(await row("q-next")).toMatchObject({ status: "applied", outcome: "created" });
    expect(await eventsOf("gid://shopify/Order/5")).toEqual(["created"]);
    // and it is not retried before its time
    expect(await applyWebhooks()).toEqual({ applied: 0, failed: 0 });
    // WHEN each retry comes due and fails again
    for (let attempt = 2; attempt <= 5; attempt++) {
      await prisma.webhookDelivery.update({ where: { webhookId: "q-poison" }, data: { retryAt: new Date(Date.now() - 1000) } });
      expect(await applyWebhooks()).toEqual({ applied: 0, failed: 1 });
    }
    // THEN after the fifth it is left failed, with no further retry
    expect(await row("q-poison")).toMatchObject({ status: "failed", attempts: 5, retryAt: null });
    expect(await applyWebhooks()).toEqual({ applied: 0, failed: 0 });
    expect(await prisma.receivable.count({ where: { shopDomain: shop, resourceGid: "gid://shopify/Order/4" } })).toBe(0);
    log.mockRestore();
  });

  it("applies in the background, shortly after answering, when the applier runs (QUITA_JOB_RUNNER=on)", async () => {
    const { startWebhookApplier } = await import("../../app/.server/webhooks/applier.server");
    const applier = startWebhookApplier({ lingerMs: 10 });
    try {
      // WHEN a delivery is accepted and nobody drains the queue
      const response = await deliver({ topic: "orders/create", shop, body: order(8), webhookId: "q-background", apply: false });
      expect(response.headers.get("X-Quita-Webhook")).toBe("accepted");
      // THEN it is applied soon all the same
      await vi.waitFor(async () => expect((await row("q-background")).status).toBe("applied"), { timeout: 5_000, interval: 20 });
      expect(await eventsOf("gid://shopify/Order/8")).toEqual(["created"]);
    } finally {
      await applier.stop();
    }
  });

  it("drops what is still waiting when the shop uninstalls, recording it ignored", async () => {
    // GIVEN an accepted order not yet applied
    await deliver({ topic: "orders/create", shop, body: order(6), webhookId: "q-late", apply: false });
    // WHEN app/uninstalled arrives, taking effect in its own request
    const uninstalled = await deliver({ topic: "app/uninstalled", shop, body: examplePayload("app/uninstalled"), apply: false });
    expect(uninstalled.headers.get("X-Quita-Webhook")).toBe("applied");
    expect(await row(uninstalled.webhookId)).toMatchObject({ status: "applied", outcome: "applied" });
    await applyWebhooks();
    // THEN the waiting order is acknowledged as ignored and never enters the ledger
    expect(await row("q-late")).toMatchObject({ status: "applied", outcome: "ignored", rawBody: null });
    expect(await prisma.receivable.count({ where: { shopDomain: shop, resourceGid: "gid://shopify/Order/6" } })).toBe(0);
  });
});
