import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { applyWebhooks, deliver, examplePayload } from "../support/webhooks";
import { jobsIn } from "../support/jobs";
import type { PrismaClient } from "../../app/generated/prisma/client";

// Every topic Quita subscribes to, fed Shopify's own example bodies through
// the real route action and the real authenticate.webhook.
//
// Shopify's orders/* example is a cancelled, voided consumer order without
// terms — nothing to collect. B2B orders on terms are what Quita watches, so
// b2bOrder() turns it into one: financial_status pending, not cancelled, a
// `company`, and the example payment_terms/create body as its terms (due in
// 30 days). Likewise the draft order example gets an invoice_sent_at (an
// invoice not sent is not a debt yet), and the compliance examples name the
// example order's customer.

const SHOP = "aurora.myshopify.com";
const ORDER_GID = "gid://shopify/Order/820982911946154508";
const TERMS_GID_TAIL = "706405506930370084";
// Times relative to now, so aging (computed at delivery) is stable: the order is due in 20 days.
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const DUE = at(20);
const NEW_DUE = at(50);

function b2bOrder(overrides: Record<string, unknown> = {}) {
  const order = examplePayload("orders/create");
  const terms = examplePayload("payment_terms/create");
  return {
    ...order,
    financial_status: "pending",
    cancelled_at: null,
    cancel_reason: null,
    total_outstanding: "414.95",
    current_total_price: "414.95",
    updated_at: at(-10),
    company: { id: 5501, location_id: 5502 },
    payment_terms: {
      ...terms,
      payment_terms_name: "Net 30",
      due_in_days: 30,
      payment_schedules: [{ ...terms.payment_schedules[0], due_at: DUE, completed_at: null, amount: "414.95" }],
    },
    ...overrides,
  };
}

function invoicedDraft(overrides: Record<string, unknown> = {}) {
  const draft = examplePayload("draft_orders/create");
  const terms = { ...draft.payment_terms, payment_schedules: [{ ...draft.payment_terms.payment_schedules[0], due_at: DUE, completed_at: null }] };
  return { ...draft, invoice_sent_at: at(-9), updated_at: at(-9), payment_terms: terms, ...overrides };
}

describe.each(databaseKinds())("webhooks into the receivables ledger (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  const receivable = (gid: string) => prisma.receivable.findUniqueOrThrow({ where: { shopDomain_resourceGid: { shopDomain: SHOP, resourceGid: gid } } });
  const eventTypes = async (gid: string) =>
    (await prisma.receivableEvent.findMany({ where: { receivable: { resourceGid: gid } }, orderBy: [{ createdAt: "asc" }] })).map((e) => e.type);

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, installed: true, ianaTimezone: "America/Sao_Paulo", currencyCode: "USD" } });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  describe("orders", () => {
    it("records a B2B order on terms as an open receivable, keyed on its GID, with exact money", async () => {
      // GIVEN Shopify's example order, on Net 30 terms for a company
      // WHEN orders/create arrives
      const response = await deliver({ topic: "orders/create", shop: SHOP, body: b2bOrder() });
      // THEN it is accepted at once and, once applied, the ledger holds what the customer owes, since when and under which terms
      expect(response.status).toBe(200);
      expect(response.headers.get("X-Quita-Webhook")).toBe("accepted");
      expect(response.outcome).toBe("created");
      const r = await receivable(ORDER_GID);
      expect(r).toMatchObject({
        kind: "order",
        name: "#9999",
        status: "open",
        currency: "USD",
        customerGid: "gid://shopify/Customer/115310627314723954",
        customerName: "John Smith",
        customerEmail: "john@example.com",
        customerLocale: "en",
        companyGid: "gid://shopify/Company/5501",
        companyLocationGid: "gid://shopify/CompanyLocation/5502",
        paymentTermsId: TERMS_GID_TAIL,
        termsName: "Net 30",
        termsType: "net",
        dueInDays: 30,
      });
      expect(r.totalAmount.toString()).toBe("414.95");
      expect(r.outstandingAmount.toString()).toBe("414.95");
      expect(r.dueAt?.toISOString()).toBe(DUE);
      expect(await eventTypes(ORDER_GID)).toEqual(["created"]);
    });

    it("reduces what is owed on a partial payment and ends the debt when paid", async () => {
      // GIVEN the open order; WHEN 100.00 is paid (orders/updated) and then the rest (orders/paid)
      await deliver({
        topic: "orders/updated",
        shop: SHOP,
        body: b2bOrder({ financial_status: "partially_paid", total_outstanding: "314.95", updated_at: at(-5) }),
      });
      expect((await receivable(ORDER_GID)).outstandingAmount.toString()).toBe("314.95");
      await deliver({ topic: "orders/paid", shop: SHOP, body: b2bOrder({ financial_status: "paid", total_outstanding: "0.00", updated_at: at(-2) }) });
      // THEN the receivable is paid and its history tells the story
      const r = await receivable(ORDER_GID);
      expect(r.status).toBe("paid");
      expect(r.outstandingAmount.toString()).toBe("0");
      expect(await eventTypes(ORDER_GID)).toEqual(["created", "partly_paid", "paid"]);
    });

    it("never lets an older event overwrite newer state", async () => {
      // GIVEN the paid order; WHEN a delayed orders/updated from before the payment arrives
      const response = await deliver({
        topic: "orders/updated",
        shop: SHOP,
        body: b2bOrder({ financial_status: "partially_paid", total_outstanding: "314.95", updated_at: at(-5) }),
      });
      // THEN it is acknowledged, and applied changes nothing
      expect(response.status).toBe(200);
      expect(response.outcome).toBe("stale");
      expect((await receivable(ORDER_GID)).status).toBe("paid");
      expect(await eventTypes(ORDER_GID)).toEqual(["created", "partly_paid", "paid"]);
    });

    it("applies a delivery once, however often Shopify retries it", async () => {
      const gid = "gid://shopify/Order/820982911946154999";
      const body = b2bOrder({ admin_graphql_api_id: gid, name: "#10000" });
      // WHEN the same delivery (same X-Shopify-Webhook-Id) comes three times, twice at once
      const first = await deliver({ topic: "orders/create", shop: SHOP, body, webhookId: "dup-1" });
      const again = await Promise.all([1, 2].map(() => deliver({ topic: "orders/create", shop: SHOP, body, webhookId: "dup-1" })));
      // THEN each answer is 200 and the ledger changed once
      expect([first.status, ...again.map((r) => r.status)]).toEqual([200, 200, 200]);
      expect(again.map((r) => r.headers.get("X-Quita-Webhook"))).toEqual(["duplicate", "duplicate"]);
      expect(await eventTypes(gid)).toEqual(["created"]);
      expect(await prisma.webhookDelivery.count({ where: { webhookId: "dup-1" } })).toBe(1);
    });

    it("ends the debt when Shopify's orders/cancelled example arrives for a tracked order", async () => {
      const gid = "gid://shopify/Order/820982911946154999";
      // GIVEN the open order #10000; WHEN the example (cancelled, voided) comes, newer
      await deliver({
        topic: "orders/cancelled",
        shop: SHOP,
        body: { ...examplePayload("orders/cancelled"), admin_graphql_api_id: gid, name: "#10000", updated_at: at(-9) },
      });
      // THEN it is cancelled
      expect((await receivable(gid)).status).toBe("cancelled");
      expect(await eventTypes(gid)).toEqual(["created", "cancelled"]);
    });

    it("ignores a consumer order that is neither B2B nor on terms", async () => {
      const body = { ...examplePayload("orders/create"), admin_graphql_api_id: "gid://shopify/Order/1", financial_status: "pending", cancelled_at: null };
      const response = await deliver({ topic: "orders/create", shop: SHOP, body });
      expect(response.outcome).toBe("ignored");
      expect(await prisma.receivable.count({ where: { resourceGid: "gid://shopify/Order/1" } })).toBe(0);
    });

    it("queues a re-read of the order for orders/edited, whose body carries no amounts", async () => {
      const response = await deliver({ topic: "orders/edited", shop: SHOP, body: examplePayload("orders/edited") });
      expect(response.outcome).toBe("queued");
      const [job] = await jobsIn("refresh-order", { shop: SHOP });
      expect(job.state).toBe("created");
      expect(job.data.orderGid).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    });

    it("keeps ids beyond 2^53 exact", async () => {
      // GIVEN a draft order whose numeric id only survives as text
      const gid = "gid://shopify/DraftOrder/890612572568261625";
      await deliver({ topic: "draft_orders/create", shop: SHOP, body: invoicedDraft() });
      // WHEN draft_orders/delete names it by that id, raw
      const response = await deliver({ topic: "draft_orders/delete", shop: SHOP, body: '{"id":890612572568261625}' });
      // THEN the right receivable ends
      expect(response.status).toBe(200);
      expect((await receivable(gid)).status).toBe("deleted");
    });
  });

  describe("draft orders", () => {
    const gid = "gid://shopify/DraftOrder/890612572568261626";

    it("tracks an open draft order once its invoice is sent, and not before", async () => {
      const uninvoiced = await deliver({
        topic: "draft_orders/create",
        shop: SHOP,
        body: { ...examplePayload("draft_orders/create"), admin_graphql_api_id: gid },
      });
      expect(uninvoiced.outcome).toBe("ignored");
      await deliver({ topic: "draft_orders/update", shop: SHOP, body: invoicedDraft({ admin_graphql_api_id: gid }) });
      const r = await receivable(gid);
      expect(r).toMatchObject({ kind: "draft_order", name: "#D133", status: "open", termsName: "Net 7", customerEmail: "john@doe.ca" });
      expect(r.outstandingAmount.toString()).toBe("436");
    });

    it("closes it when completed and never resurrects it after delete", async () => {
      await deliver({
        topic: "draft_orders/update",
        shop: SHOP,
        body: invoicedDraft({ admin_graphql_api_id: gid, status: "completed", completed_at: at(-8), updated_at: at(-8) }),
      });
      expect((await receivable(gid)).status).toBe("completed");
      await deliver({ topic: "draft_orders/delete", shop: SHOP, body: '{"id":890612572568261626}' });
      const late = await deliver({ topic: "draft_orders/update", shop: SHOP, body: invoicedDraft({ admin_graphql_api_id: gid, updated_at: at(-1) }) });
      expect(late.outcome).toBe("ignored");
      expect((await receivable(gid)).status).toBe("deleted");
      expect(await eventTypes(gid)).toEqual(["created", "completed", "deleted"]);
    });
  });

  describe("payment terms and schedules", () => {
    const gid = "gid://shopify/Order/820982911946155000";

    it("moves the due date on payment_terms/update, ignoring an older update", async () => {
      // GIVEN an open order on the example terms
      await deliver({ topic: "orders/create", shop: SHOP, body: b2bOrder({ admin_graphql_api_id: gid, name: "#10001" }) });
      // WHEN the terms change to Net 60 (payment_terms/update example, adapted)
      const terms = examplePayload("payment_terms/update");
      const net60 = {
        ...terms,
        payment_terms_name: "Net 60",
        due_in_days: 60,
        updated_at: at(-4),
        payment_schedules: [{ ...terms.payment_schedules[0], due_at: NEW_DUE, completed_at: null }],
      };
      await deliver({ topic: "payment_terms/update", shop: SHOP, body: net60 });
      const stale = await deliver({ topic: "payment_terms/update", shop: SHOP, body: { ...net60, payment_terms_name: "Net 15", updated_at: at(-6) } });
      // THEN the receivable follows the newer terms only
      expect(stale.outcome).toBe("stale");
      const r = await receivable(gid);
      expect(r).toMatchObject({ termsName: "Net 60", dueInDays: 60 });
      expect(r.dueAt?.toISOString()).toBe(NEW_DUE);
      expect(await eventTypes(gid)).toEqual(["created", "terms_changed"]);
    });

    it("notes the due date once on payment_schedules/due", async () => {
      // The example's payment_terms_id lost its last digits where the file was generated; Shopify sends them all.
      const due = JSON.stringify({ ...examplePayload("payment_schedules/due"), due_at: NEW_DUE }).replace(
        '"payment_terms_id":706405506930370000',
        `"payment_terms_id":${TERMS_GID_TAIL}`,
      );
      await deliver({ topic: "payment_schedules/due", shop: SHOP, body: due });
      await deliver({ topic: "payment_schedules/due", shop: SHOP, body: due });
      expect(await eventTypes(gid)).toEqual(["created", "terms_changed", "due"]);
    });

    it("looks up terms it doesn't know in a job (payment_terms/create)", async () => {
      const response = await deliver({
        topic: "payment_terms/create",
        shop: SHOP,
        body: { ...examplePayload("payment_terms/create"), admin_graphql_api_id: "gid://shopify/PaymentTerms/42" },
      });
      expect(response.outcome).toBe("queued");
      expect(await jobsIn("refresh-terms", { shop: SHOP, termsId: "42" })).toHaveLength(1);
    });

    it("keeps a B2B order open when its terms are deleted, with no due date", async () => {
      await deliver({ topic: "payment_terms/delete", shop: SHOP, body: examplePayload("payment_terms/delete") });
      // The example's id lost its last digits to JSON; Quita matched the terms by what it was sent.
      const r = await prisma.receivable.findMany({ where: { shopDomain: SHOP, paymentTermsId: "706405506930370000" } });
      expect(r).toEqual([]);
      await deliver({ topic: "payment_terms/delete", shop: SHOP, body: `{"id":${TERMS_GID_TAIL}}` });
      const after = await receivable(gid);
      expect(after).toMatchObject({ status: "open", termsName: null, dueAt: null });
    });
  });

  describe("compliance and app lifecycle", () => {
    // Shopify's example customer, 115310627314723954, is past what a JavaScript number holds
    // exactly (it reads as ...950): the body is written with that number, then given the real
    // digits, as Shopify sends them.
    const customer = { id: 115310627314723950, email: "john@example.com", phone: null };
    const raw = (payload: Record<string, unknown>) => JSON.stringify(payload).replace('"id":115310627314723950', '"id":115310627314723954');

    it("exports what Quita holds about a customer on customers/data_request", async () => {
      const body = raw({ ...examplePayload("customers/data_request"), shop_domain: SHOP, customer });
      const response = await deliver({ topic: "customers/data_request", shop: SHOP, body });
      expect(response.status).toBe(200);
      const request = await prisma.complianceRequest.findFirstOrThrow({ where: { topic: "customers/data_request" } });
      const result = request.result as { receivables: { order: string; email: string; outstanding: string }[] };
      expect(request.customerGid).toBe("gid://shopify/Customer/115310627314723954");
      expect(result.receivables.map((r) => r.order).sort()).toEqual(["#10000", "#10001", "#9999"]);
      expect(result.receivables[0].email).toBe("john@example.com");
    });

    it("erases the customer's personal data on customers/redact, keeping anonymised amounts", async () => {
      const before = await prisma.receivable.aggregate({ where: { shopDomain: SHOP }, _sum: { outstandingAmount: true } });
      await deliver({ topic: "customers/redact", shop: SHOP, body: raw({ ...examplePayload("customers/redact"), shop_domain: SHOP, customer }) });
      const rows = await prisma.receivable.findMany({ where: { customerGid: "gid://shopify/Customer/115310627314723954" } });
      expect(rows.length).toBe(3);
      for (const row of rows) expect(row).toMatchObject({ customerName: null, customerEmail: null, customerPhone: null });
      const after = await prisma.receivable.aggregate({ where: { shopDomain: SHOP }, _sum: { outstandingAmount: true } });
      expect(after._sum.outstandingAmount?.toString()).toBe(before._sum.outstandingAmount?.toString());
      // and a later order webhook doesn't bring the name back
      await deliver({
        topic: "orders/updated",
        shop: SHOP,
        body: b2bOrder({ admin_graphql_api_id: "gid://shopify/Order/820982911946155000", name: "#10001", updated_at: at(-1) }),
      });
      expect((await receivable("gid://shopify/Order/820982911946155000")).customerName).toBeNull();
    });

    it("records new scopes on app/scopes_update", async () => {
      await deliver({ topic: "app/scopes_update", shop: SHOP, body: examplePayload("app/scopes_update") });
      expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).scopes).toBe("read_products,write_products");
    });

    it("stops everything on app/uninstalled and then ignores ledger webhooks", async () => {
      await prisma.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", accessToken: "t" } });
      await deliver({ topic: "app/uninstalled", shop: SHOP, body: examplePayload("app/uninstalled") });
      const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
      expect(shop.installed).toBe(false);
      expect(await prisma.session.count({ where: { shop: SHOP } })).toBe(0);
      for (const name of ["refresh-order", "refresh-terms"] as const)
        expect((await jobsIn(name, { shop: SHOP })).map((job) => job.state)).not.toContain("created");
      const late = await deliver({ topic: "orders/create", shop: SHOP, body: b2bOrder({ admin_graphql_api_id: "gid://shopify/Order/77" }) });
      expect(late.status).toBe(200);
      expect(late.outcome).toBe("ignored");
      expect(await prisma.receivable.count({ where: { resourceGid: "gid://shopify/Order/77" } })).toBe(0);
    });

    it.each(["customers/redact", "customers/data_request", "shop/redact"])(
      "refuses %s whose body names another shop than the one that signed it",
      async (topic) => {
        const log = vi.spyOn(console, "error").mockImplementation(() => {});
        const before = await prisma.complianceRequest.count({ where: { shopDomain: SHOP, topic } });
        const body = raw({ ...examplePayload(topic), shop_domain: "someone-else.myshopify.com", customer });
        const response = await deliver({ topic, shop: SHOP, body });
        expect(response.status).toBe(400);
        expect(log.mock.calls.flat().join(" ")).toContain("is not the shop that sent it");
        log.mockRestore();
        expect(await prisma.complianceRequest.count({ where: { shopDomain: SHOP, topic } })).toBe(before);
        expect(await prisma.shop.count({ where: { domain: SHOP } })).toBe(1);
      },
    );

    it("erases everything of the shop on shop/redact, leaving not even a record of the request", async () => {
      await deliver({ topic: "shop/redact", shop: SHOP, body: { ...examplePayload("shop/redact"), shop_domain: SHOP } });
      expect(await prisma.receivable.count({ where: { shopDomain: SHOP } })).toBe(0);
      expect(await prisma.receivableEvent.count({ where: { shopDomain: SHOP } })).toBe(0);
      expect(await prisma.shop.count({ where: { domain: SHOP } })).toBe(0);
      expect(await prisma.complianceRequest.count({ where: { shopDomain: SHOP } })).toBe(0);
      expect(await prisma.webhookDelivery.count({ where: { shopDomain: SHOP } })).toBe(0);
    });
  });

  describe("bad input", () => {
    const OTHER = "casa-aurora.myshopify.com";
    beforeAll(async () => {
      await prisma.shop.create({ data: { domain: OTHER, installed: true } });
    });

    it.each(["orders/create", "customers/redact", "shop/redact"])("answers 401 to a bad HMAC on %s and records nothing", async (topic) => {
      const response = await deliver({ topic, shop: OTHER, body: b2bOrder(), hmac: "bm90IHRoZSBzaWduYXR1cmU=", webhookId: `bad-${topic}` });
      expect(response.status).toBe(401);
      expect(await prisma.webhookDelivery.count({ where: { webhookId: `bad-${topic}` } })).toBe(0);
    });

    it.each(["orders/paid", "customers/data_request"])("answers 401 to a missing HMAC on %s", async (topic) => {
      const response = await deliver({ topic, shop: OTHER, body: b2bOrder(), hmac: null });
      expect(response.status).toBe(401);
    });

    it("answers 401 to a body signed with another secret", async () => {
      const response = await deliver({ topic: "orders/paid", shop: OTHER, body: b2bOrder(), secret: "someone-else" });
      expect(response.status).toBe(401);
    });

    it("answers 400 to a signed body that isn't JSON, and logs it with the webhook id", async () => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      const response = await deliver({ topic: "orders/updated", shop: OTHER, body: "{not json", webhookId: "broken-1" });
      expect(response.status).toBe(400);
      expect(log.mock.calls.flat().join(" ")).toContain("broken-1");
      log.mockRestore();
    });

    it.each([
      ["orders/updated", { ...examplePayload("orders/updated"), admin_graphql_api_id: undefined }],
      ["orders/paid", { ...examplePayload("orders/paid"), updated_at: "yesterday" }],
      ["draft_orders/update", { id: 1 }],
      ["payment_schedules/due", { id: 1 }],
      ["customers/redact", { shop_domain: OTHER }],
      ["app/scopes_update", { current: "read_orders" }],
    ])("answers 400 to %s lacking what the topic needs", async (topic, body) => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      const response = await deliver({ topic, shop: OTHER, body });
      expect(response.status).toBe(400);
      expect(log).toHaveBeenCalledOnce();
      log.mockRestore();
    });

    it("acknowledges a webhook for a shop it doesn't know, and ignores it", async () => {
      const response = await deliver({
        topic: "orders/create",
        shop: "stranger.myshopify.com",
        body: b2bOrder({ admin_graphql_api_id: "gid://shopify/Order/555" }),
      });
      expect(response.status).toBe(200);
      expect(response.outcome).toBe("ignored");
      expect(await prisma.receivable.count({ where: { shopDomain: "stranger.myshopify.com" } })).toBe(0);
    });
  });
  describe("the intake queue: accepted at once, applied after the answer", () => {
    const QUEUE_SHOP = "fila.myshopify.com";
    const order = (n: number, overrides: Record<string, unknown> = {}) =>
      b2bOrder({ admin_graphql_api_id: `gid://shopify/Order/${n}`, name: `#Q${n}`, ...overrides });
    const row = (webhookId: string) => prisma.webhookDelivery.findUniqueOrThrow({ where: { webhookId } });
    const eventsOf = async (gid: string) =>
      (await prisma.receivableEvent.findMany({ where: { shopDomain: QUEUE_SHOP, receivable: { resourceGid: gid } }, orderBy: [{ createdAt: "asc" }] })).map(
        (e) => e.type,
      );

    beforeAll(async () => {
      await prisma.shop.create({ data: { domain: QUEUE_SHOP, installed: true, ianaTimezone: "America/Sao_Paulo" } });
    });

    it("keeps the body exactly as signed while pending, and erases it once applied", async () => {
      // GIVEN a body whose ids only survive as text
      const body = JSON.stringify(order(1)).replace('"id":820982911946154500', '"id":820982911946154508');
      // WHEN it is accepted, and nothing has applied it yet
      const response = await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body, webhookId: "q-body", apply: false });
      // THEN it waits, byte for byte, and the ledger hasn't changed
      expect(response.headers.get("X-Quita-Webhook")).toBe("accepted");
      expect(await row("q-body")).toMatchObject({
        status: "pending",
        rawBody: body,
        outcome: null,
        attempts: 0,
        topic: "orders/create",
        shopDomain: QUEUE_SHOP,
      });
      expect(await prisma.receivable.count({ where: { shopDomain: QUEUE_SHOP } })).toBe(0);
      // WHEN the applier runs
      expect(await applyWebhooks()).toEqual({ applied: 1, failed: 0 });
      // THEN the receivable is there and the stored delivery keeps its ids and outcome but no customer data
      const applied = await row("q-body");
      expect(applied).toMatchObject({ status: "applied", rawBody: null, outcome: "created", topic: "orders/create", shopDomain: QUEUE_SHOP, error: null });
      expect(applied.appliedAt).toBeInstanceOf(Date);
      expect(applied.eventId).toBeTruthy();
      expect(Math.abs(applied.triggeredAt!.getTime() - Date.now())).toBeLessThan(60_000); // stored as UTC, whatever the zone
      expect(await eventsOf("gid://shopify/Order/1")).toEqual(["created"]);
    });

    it("treats a retry of a delivery still pending as a no-op", async () => {
      const first = await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body: order(2), webhookId: "q-dup", apply: false });
      const again = await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body: order(2), webhookId: "q-dup", apply: false });
      expect([first.headers.get("X-Quita-Webhook"), again.headers.get("X-Quita-Webhook")]).toEqual(["accepted", "duplicate"]);
      expect(await prisma.webhookDelivery.count({ where: { webhookId: "q-dup" } })).toBe(1);
      await applyWebhooks();
      expect(await eventsOf("gid://shopify/Order/2")).toEqual(["created"]);
    });

    it("applies in arrival order what was accepted between two passes, several to one order", async () => {
      // GIVEN a draft order's create and delete, accepted one after the other before any pass
      const gid = "gid://shopify/DraftOrder/890612572568261700";
      await deliver({ topic: "draft_orders/create", shop: QUEUE_SHOP, body: invoicedDraft({ admin_graphql_api_id: gid }), apply: false });
      await deliver({ topic: "draft_orders/delete", shop: QUEUE_SHOP, body: '{"id":890612572568261700}', apply: false });
      // and an order's creation, partial payment, a stale replay and its payment
      const orderGid = "gid://shopify/Order/7";
      await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body: order(7), apply: false });
      await deliver({
        topic: "orders/updated",
        shop: QUEUE_SHOP,
        body: order(7, { financial_status: "partially_paid", total_outstanding: "314.95", updated_at: at(-5) }),
        apply: false,
      });
      const replay = await deliver({ topic: "orders/updated", shop: QUEUE_SHOP, body: order(7, { updated_at: at(-6) }), apply: false });
      const paidAt = at(-2);
      await deliver({
        topic: "orders/paid",
        shop: QUEUE_SHOP,
        body: order(7, { financial_status: "paid", total_outstanding: "0.00", updated_at: paidAt }),
        apply: false,
      });
      // WHEN one pass applies them all
      await applyWebhooks();
      // THEN the draft's debt was recorded, then ended; the order's went from open to partly paid to paid, the replay stale
      expect(await eventsOf(gid)).toEqual(["created", "deleted"]);
      expect(await eventsOf(orderGid)).toEqual(["created", "partly_paid", "paid"]);
      expect((await row(replay.webhookId)).outcome).toBe("stale");
      const paid = await prisma.receivable.findUniqueOrThrow({ where: { shopDomain_resourceGid: { shopDomain: QUEUE_SHOP, resourceGid: orderGid } } });
      expect(paid).toMatchObject({ status: "paid", termsName: "Net 30", companyGid: "gid://shopify/Company/5501", customerName: "John Smith" });
      expect(paid.outstandingAmount.toString()).toBe("0");
      expect(paid.dueAt?.toISOString()).toBe(DUE);
      expect(paid.sourceUpdatedAt.toISOString()).toBe(paidAt);
    });

    it("applies exactly once a delivery accepted before a crash, when the app starts again", async () => {
      // GIVEN a delivery accepted but not applied
      await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body: order(3), webhookId: "q-crash", apply: false });
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
        shop: QUEUE_SHOP,
        body: order(4, { total_outstanding: huge, current_total_price: huge }),
        webhookId: "q-poison",
        apply: false,
      });
      await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body: order(5), webhookId: "q-next", apply: false });
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
      expect(await prisma.receivable.count({ where: { shopDomain: QUEUE_SHOP, resourceGid: "gid://shopify/Order/4" } })).toBe(0);
      log.mockRestore();
    });

    it("applies in the background, shortly after answering, when the applier runs (QUITA_JOB_RUNNER=on)", async () => {
      const { startWebhookApplier } = await import("../../app/.server/webhooks/applier.server");
      const applier = startWebhookApplier({ lingerMs: 10 });
      try {
        // WHEN a delivery is accepted and nobody drains the queue
        const response = await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body: order(8), webhookId: "q-background", apply: false });
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
      await deliver({ topic: "orders/create", shop: QUEUE_SHOP, body: order(6), webhookId: "q-late", apply: false });
      // WHEN app/uninstalled arrives, taking effect in its own request
      const uninstalled = await deliver({ topic: "app/uninstalled", shop: QUEUE_SHOP, body: examplePayload("app/uninstalled"), apply: false });
      expect(uninstalled.headers.get("X-Quita-Webhook")).toBe("applied");
      expect(await row(uninstalled.webhookId)).toMatchObject({ status: "applied", outcome: "applied" });
      await applyWebhooks();
      // THEN the waiting order is acknowledged as ignored and never enters the ledger
      expect(await row("q-late")).toMatchObject({ status: "applied", outcome: "ignored", rawBody: null });
      expect(await prisma.receivable.count({ where: { shopDomain: QUEUE_SHOP, resourceGid: "gid://shopify/Order/6" } })).toBe(0);
    });
  });
});
