import { createHmac, randomUUID } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import type { PrismaClient } from "../../app/generated/prisma/client";

// Shopify Flow's actions as Flow delivers them to the route: a POST of the run's JSON, signed with
// the app's secret (HMAC-SHA256, base64, X-Shopify-Hmac-Sha256), to the extension's runtime_url.
// Each effect is read back through the app's own reads (the customer page's facts and timeline).

const SHOP = "flow-actions.myshopify.com";
const ZONE = "America/Sao_Paulo";
const NOW = new Date("2026-03-10T13:00:00Z"); // Tuesday 10:00 in São Paulo
const DAY = 86_400_000;
const customer = (n: number) => `gid://shopify/Customer/${n}`;

const sign = (body: string, secret: string = TEST_APP.apiSecret) => createHmac("sha256", secret).update(body, "utf8").digest("base64");

interface Delivery {
  runId?: string;
  secret?: string;
  signature?: string | null;
}

describe.each(databaseKinds())("Shopify Flow actions (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  const deliver = async (handle: string, properties: Record<string, unknown>, options: Delivery = {}) => {
    const body = JSON.stringify({
      shop_id: "1",
      shopify_domain: SHOP,
      action_run_id: options.runId ?? randomUUID(),
      action_definition_id: handle,
      handle,
      properties,
    });
    const headers = new Headers({ "content-type": "application/json" });
    const signature = options.signature === undefined ? sign(body, options.secret) : options.signature;
    if (signature !== null) headers.set("x-shopify-hmac-sha256", signature);
    const request = new Request(`${TEST_APP.appUrl}/flow/actions/${handle}`, { method: "POST", headers, body });
    const { action } = await import("../../app/routes/flow.actions.$handle");
    const response = await action({ request, params: { handle }, context: {} }).catch((thrown) => {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  };
  const facts = async (key: string) => {
    const { loadCustomerFacts } = await import("../../app/.server/customers/customer-facts.server");
    return (await loadCustomerFacts({ domain: SHOP, ianaTimezone: ZONE, locale: "en" }, key, NOW))!;
  };
  const timeline = async (key: string) => {
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const debts = await prisma.receivable.findMany({ where: { shopDomain: SHOP, customerGid: key } });
    return customerTimeline(SHOP, key, debts, NOW);
  };
  const holdsOf = (key: string) => prisma.collectionHold.findMany({ where: { shopDomain: SHOP, customerKey: key } });

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
    const { setClockForTests } = await import("../../app/.server/clock.server");
    setClockForTests(async () => NOW);
    await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: ZONE, currencyCode: "BRL" } });
    const { sessionStorage } = await import("../../app/shopify.server");
    await sessionStorage.storeSession(
      new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "token", scope: TEST_APP.scopes }),
    );
    // Customers 1 to 11 each owe one order, 20 days overdue, in BRL.
    await prisma.receivable.createMany({
      data: Array.from({ length: 11 }, (_, i) => ({
        id: `r${i + 1}`,
        shopDomain: SHOP,
        resourceGid: `gid://shopify/Order/${i + 1}`,
        kind: "order",
        name: `#10${i + 1}`,
        status: "open",
        customerGid: customer(i + 1),
        customerEmail: `c${i + 1}@example.com`,
        currency: "BRL",
        totalAmount: "100",
        outstandingAmount: "100",
        shopCurrency: "BRL",
        shopTotalAmount: "100",
        shopOutstandingAmount: "100",
        dueAt: new Date(NOW.getTime() - 20 * DAY),
        sourceUpdatedAt: NOW,
      })),
    });
  });
  afterAll(async () => {
    const { setClockForTests } = await import("../../app/.server/clock.server");
    setClockForTests(null);
    await releaseAppDatabase();
    await database?.close();
  });

  it("Pause collection: WHEN asked for 7 days THEN the customer is paused through that day, from Flow, on their timeline", async () => {
    const answer = await deliver("pause-collection", { customer_id: "1", days: 7 });
    expect(answer).toMatchObject({ status: 200, body: { outcome: "paused", through: "2026-03-17" } });
    expect((await facts(customer(1))).statuses).toContain("paused");
    // Through Tuesday the 17th in São Paulo (UTC−3): until Wednesday 00:00 there.
    expect(await holdsOf(customer(1))).toMatchObject([{ kind: "pause", source: "flow", until: new Date("2026-03-18T03:00:00Z") }]);
    expect((await timeline(customer(1))).filter((e) => e.kind === "hold_started")).toMatchObject([{ hold: "pause", fromFlow: true }]);
  });

  it("Pause collection: WHEN asked through a date THEN paused through it; WHEN both, neither, or a date gone THEN a clear 422 and nothing paused", async () => {
    expect(await deliver("pause-collection", { customer_id: customer(2), until: "2026-04-01" })).toMatchObject({
      status: 200,
      body: { through: "2026-04-01" },
    });
    expect(await deliver("pause-collection", { customer_id: "3", until: "2026-04-01", days: 3 })).toEqual({
      status: 422,
      body: { message: "Fill exactly one of Days to pause and Pause until" },
    });
    expect(await deliver("pause-collection", { customer_id: "3" })).toMatchObject({ status: 422 });
    expect((await deliver("pause-collection", { customer_id: "3", until: "2026-03-09" })).body!.message).toMatch(/already passed/);
    expect((await deliver("pause-collection", { customer_id: "3", until: "01/04/2026" })).body!.message).toMatch(/YYYY-MM-DD/);
    expect(await holdsOf(customer(3))).toEqual([]);
    expect((await facts(customer(2))).statuses).toContain("paused");
  });

  it("Record promise to pay: WHEN a date and an amount in a currency billed THEN the customer is promised; another currency is refused", async () => {
    const answer = await deliver("record-promise-to-pay", { customer_id: "4", promised_date: "2026-03-20", amount: 60.5, currency: "brl" });
    expect(answer).toMatchObject({ status: 200, body: { outcome: "promise_recorded", through: "2026-03-20" } });
    expect((await facts(customer(4))).statuses).toContain("promised");
    expect((await facts(customer(4))).holds).toMatchObject([{ kind: "promise", amount: "60.5", currency: "BRL" }]);
    expect((await timeline(customer(4))).filter((e) => e.kind === "hold_started")).toMatchObject([{ hold: "promise", fromFlow: true }]);

    const usd = await deliver("record-promise-to-pay", { customer_id: "5", promised_date: "2026-03-20", amount: 60, currency: "USD" });
    expect(usd).toEqual({ status: 422, body: { message: "Currency USD is not one the customer was billed in (BRL)" } });
    expect((await deliver("record-promise-to-pay", { customer_id: "5", promised_date: "2026-03-20", amount: -1, currency: "BRL" })).status).toBe(422);
    expect(await holdsOf(customer(5))).toEqual([]);
  });

  it("Send collection reminder now: WHEN asked THEN the customer's next letter is planned in the outbox and shows on their timeline", async () => {
    const answer = await deliver("send-reminder-now", { customer_id: "6" });
    expect(answer).toEqual({ status: 200, body: { outcome: "queued", letters: 1 } });
    const letters = (await timeline(customer(6))).filter((e) => e.kind === "reminder");
    expect(letters).toMatchObject([{ status: "planned" }]);
    // A second run (another action_run_id) finds that letter waiting: nothing more is planned.
    expect(await deliver("send-reminder-now", { customer_id: "6" })).toEqual({ status: 200, body: { outcome: "already_queued" } });
    expect(await prisma.reminder.count({ where: { shopDomain: SHOP, customerKey: customer(6) } })).toBe(1);
  });

  it("WHEN the same run is delivered twice THEN it runs once and answers the same", async () => {
    const pause = { customer_id: "7", days: 3 };
    const first = await deliver("pause-collection", pause, { runId: "run-pause-7" });
    expect(await deliver("pause-collection", pause, { runId: "run-pause-7" })).toEqual(first);
    expect(await holdsOf(customer(7))).toHaveLength(1);

    const promise = { customer_id: "7", promised_date: "2026-03-12", amount: "10", currency: "BRL" };
    const promised = await deliver("record-promise-to-pay", promise, { runId: "run-promise-7" });
    expect(await deliver("record-promise-to-pay", promise, { runId: "run-promise-7" })).toEqual(promised);
    expect(await holdsOf(customer(7))).toHaveLength(2);

    const sent = await deliver("send-reminder-now", { customer_id: "8" }, { runId: "run-send-8" });
    expect(sent).toEqual({ status: 200, body: { outcome: "queued", letters: 1 } });
    expect(await deliver("send-reminder-now", { customer_id: "8" }, { runId: "run-send-8" })).toEqual(sent);
    expect(await prisma.reminder.count({ where: { shopDomain: SHOP, customerKey: customer(8) } })).toBe(1);
    expect(await prisma.flowActionRun.count({ where: { shopDomain: SHOP, actionRunId: { in: ["run-pause-7", "run-promise-7", "run-send-8"] } } })).toBe(3);
  });

  it("WHEN a run is still being carried out THEN a repeat gets 503 (Flow asks again); one a crash left behind a minute ago is run", async () => {
    const claim = (actionRunId: string, claimedAt: Date) =>
      prisma.flowActionRun.create({ data: { shopDomain: SHOP, actionRunId, handle: "pause-collection", claimedAt, createdAt: NOW } });
    await claim("run-busy", new Date());
    expect(await deliver("pause-collection", { customer_id: "3", days: 2 }, { runId: "run-busy" })).toMatchObject({ status: 503 });
    await claim("run-abandoned", new Date(Date.now() - 2 * 60_000));
    expect(await deliver("pause-collection", { customer_id: "11", days: 2 }, { runId: "run-abandoned" })).toMatchObject({
      status: 200,
      body: { outcome: "paused" },
    });
    expect(await prisma.flowActionRun.findFirst({ where: { actionRunId: "run-abandoned" } })).toMatchObject({ status: "done", customerKey: customer(11) });
    expect(await holdsOf(customer(11))).toHaveLength(1);
  });

  it("WHEN the signature is wrong or missing THEN 401 and nothing is done or recorded", async () => {
    const before = await prisma.flowActionRun.count();
    expect(await deliver("pause-collection", { customer_id: "10", days: 3 }, { secret: "not-the-app-secret" })).toMatchObject({ status: 401 });
    expect(
      await deliver("record-promise-to-pay", { customer_id: "10", promised_date: "2026-03-20", amount: 1, currency: "BRL" }, { signature: null }),
    ).toMatchObject({
      status: 401,
    });
    expect(await deliver("send-reminder-now", { customer_id: "10" }, { signature: "Zm9v" })).toMatchObject({ status: 401 });
    expect(await holdsOf(customer(10))).toEqual([]);
    expect(await prisma.reminder.count({ where: { shopDomain: SHOP, customerKey: customer(10) } })).toBe(0);
    expect(await prisma.flowActionRun.count()).toBe(before);
  });

  it("WHEN the customer owes nothing in Quita's ledger, or is no customer id THEN a clear 422, answered the same when repeated", async () => {
    const unknown = await deliver("send-reminder-now", { customer_id: "424242" }, { runId: "run-unknown" });
    expect(unknown).toEqual({ status: 422, body: { message: "Quita has no open debt for customer gid://shopify/Customer/424242 in this shop" } });
    expect(await deliver("send-reminder-now", { customer_id: "424242" }, { runId: "run-unknown" })).toEqual(unknown);
    expect(await prisma.flowActionRun.findFirst({ where: { actionRunId: "run-unknown" } })).toMatchObject({ status: "failed", responseStatus: 422 });
    expect(await deliver("pause-collection", { customer_id: "gid://shopify/Order/1", days: 2 })).toEqual({
      status: 422,
      body: { message: "customer_id must name a Shopify customer, not 'gid://shopify/Order/1'" },
    });
    expect(await deliver("forgive-the-debt", { customer_id: "1" })).toMatchObject({ status: 404 });
  });

  it("WHEN the customer's data is erased THEN their Flow runs keep only their ids; the shop's erasure takes them all", async () => {
    await deliver("pause-collection", { customer_id: "9", days: 2 }, { runId: "run-redact-9" });
    const { redactCustomer, redactShop } = await import("../../app/.server/ledger/compliance.server");
    await redactCustomer(prisma, SHOP, { gid: customer(9), email: null }, randomUUID(), NOW);
    expect(await prisma.flowActionRun.findFirst({ where: { actionRunId: "run-redact-9" } })).toMatchObject({
      customerKey: null,
      responseBody: { redacted: true },
    });
    expect(await prisma.flowActionRun.count({ where: { shopDomain: SHOP, customerKey: customer(9) } })).toBe(0);
    // Repeated after the erasure, the run still does nothing twice.
    await deliver("pause-collection", { customer_id: "9", days: 2 }, { runId: "run-redact-9" });
    expect(await holdsOf(customer(9))).toHaveLength(1);

    const OTHER = "another-shop.myshopify.com";
    await prisma.flowActionRun.create({
      data: { shopDomain: OTHER, actionRunId: "run-other", handle: "send-reminder-now", customerKey: customer(1), createdAt: NOW },
    });
    await redactShop(prisma, OTHER);
    expect(await prisma.flowActionRun.count({ where: { shopDomain: OTHER } })).toBe(0);
    expect(await prisma.flowActionRun.count({ where: { shopDomain: SHOP } })).toBeGreaterThan(0);
  });
});
