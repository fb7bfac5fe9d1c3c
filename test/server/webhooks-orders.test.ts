import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { deliver, examplePayload } from "../support/webhooks";
import { at, b2bOrder, DUE, installedShop, invoicedDraft, ledgerOf, ORDER_GID, TERMS_GID_TAIL, type Ledger } from "../support/webhook-ledger";
import { jobsIn } from "../support/jobs";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The orders/* topics, fed Shopify's own example bodies through the real route action and the
// real authenticate.webhook (test/support/webhook-ledger.ts says how the examples are adapted).

describe.each(databaseKinds())("webhooks into the receivables ledger: orders (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let shop: string;
  let ledger: Ledger;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
  });
  beforeEach(async () => {
    shop = await installedShop(prisma, { currencyCode: "USD" });
    ledger = ledgerOf(prisma, shop);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  it("records a B2B order on terms as an open receivable, keyed on its GID, with exact money", async () => {
    // GIVEN Shopify's example order, on Net 30 terms for a company
    // WHEN orders/create arrives
    const response = await deliver({ topic: "orders/create", shop, body: b2bOrder() });
    // THEN it is accepted at once and, once applied, the ledger holds what the customer owes, since when and under which terms
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Quita-Webhook")).toBe("accepted");
    expect(response.outcome).toBe("created");
    const r = await ledger.receivable(ORDER_GID);
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
    expect(await ledger.eventTypes(ORDER_GID)).toEqual(["created"]);
  });

  it("reduces what is owed on a partial payment and ends the debt when paid", async () => {
    // GIVEN the open order
    await deliver({ topic: "orders/create", shop, body: b2bOrder() });
    // WHEN 100.00 is paid (orders/updated) and then the rest (orders/paid)
    await deliver({
      topic: "orders/updated",
      shop,
      body: b2bOrder({ financial_status: "partially_paid", total_outstanding: "314.95", updated_at: at(-5) }),
    });
    expect((await ledger.receivable(ORDER_GID)).outstandingAmount.toString()).toBe("314.95");
    await deliver({ topic: "orders/paid", shop, body: b2bOrder({ financial_status: "paid", total_outstanding: "0.00", updated_at: at(-2) }) });
    // THEN the receivable is paid and its history tells the story
    const r = await ledger.receivable(ORDER_GID);
    expect(r.status).toBe("paid");
    expect(r.outstandingAmount.toString()).toBe("0");
    expect(await ledger.eventTypes(ORDER_GID)).toEqual(["created", "partly_paid", "paid"]);
  });

  it("never lets an older event overwrite newer state", async () => {
    // GIVEN the order, partly paid, then paid
    const partlyPaid = b2bOrder({ financial_status: "partially_paid", total_outstanding: "314.95", updated_at: at(-5) });
    await deliver({ topic: "orders/create", shop, body: b2bOrder() });
    await deliver({ topic: "orders/updated", shop, body: partlyPaid });
    await deliver({ topic: "orders/paid", shop, body: b2bOrder({ financial_status: "paid", total_outstanding: "0.00", updated_at: at(-2) }) });
    // WHEN a delayed orders/updated from before the payment arrives
    const response = await deliver({ topic: "orders/updated", shop, body: partlyPaid });
    // THEN it is acknowledged, and applied changes nothing
    expect(response.status).toBe(200);
    expect(response.outcome).toBe("stale");
    expect((await ledger.receivable(ORDER_GID)).status).toBe("paid");
    expect(await ledger.eventTypes(ORDER_GID)).toEqual(["created", "partly_paid", "paid"]);
  });

  it("applies a delivery once, however often Shopify retries it", async () => {
    const gid = "gid://shopify/Order/820982911946154999";
    const body = b2bOrder({ admin_graphql_api_id: gid, name: "#10000" });
    // WHEN the same delivery (same X-Shopify-Webhook-Id) comes three times, twice at once
    const first = await deliver({ topic: "orders/create", shop, body, webhookId: "dup-1" });
    const again = await Promise.all([1, 2].map(() => deliver({ topic: "orders/create", shop, body, webhookId: "dup-1" })));
    // THEN each answer is 200 and the ledger changed once
    expect([first.status, ...again.map((r) => r.status)]).toEqual([200, 200, 200]);
    expect(again.map((r) => r.headers.get("X-Quita-Webhook"))).toEqual(["duplicate", "duplicate"]);
    expect(await ledger.eventTypes(gid)).toEqual(["created"]);
    expect(await prisma.webhookDelivery.count({ where: { webhookId: "dup-1" } })).toBe(1);
  });

  it("ends the debt when Shopify's orders/cancelled example arrives for a tracked order", async () => {
    const gid = "gid://shopify/Order/820982911946154999";
    // GIVEN the open order #10000
    await deliver({ topic: "orders/create", shop, body: b2bOrder({ admin_graphql_api_id: gid, name: "#10000" }) });
    // WHEN the example (cancelled, voided) comes, newer
    await deliver({
      topic: "orders/cancelled",
      shop,
      body: { ...examplePayload("orders/cancelled"), admin_graphql_api_id: gid, name: "#10000", updated_at: at(-9) },
    });
    // THEN it is cancelled
    expect((await ledger.receivable(gid)).status).toBe("cancelled");
    expect(await ledger.eventTypes(gid)).toEqual(["created", "cancelled"]);
  });

  it("ends a deleted order for good: orders/delete, never chased, and a later orders/updated does not bring it back", async () => {
    // GIVEN two overdue B2B orders of one customer
    const kept = "gid://shopify/Order/820982911946154999";
    const overdue = (o: Record<string, unknown> = {}) => {
      const order = b2bOrder(o);
      return { ...order, payment_terms: { ...order.payment_terms, payment_schedules: [{ ...order.payment_terms.payment_schedules[0], due_at: at(-5) }] } };
    };
    await deliver({ topic: "orders/create", shop, body: overdue() });
    await deliver({ topic: "orders/create", shop, body: overdue({ admin_graphql_api_id: kept, name: "#10000" }) });
    // WHEN Shopify says one of them was deleted (the body is only its id)
    const response = await deliver({ topic: "orders/delete", shop, body: '{"id":820982911946154508}' });
    // THEN it ends, once, as deleted
    expect(response.status).toBe(200);
    expect((await ledger.receivable(ORDER_GID)).status).toBe("deleted");
    expect(await ledger.eventTypes(ORDER_GID)).toEqual(["created", "overdue", "deleted"]);
    // AND a later orders/updated that still shows it owed changes nothing
    const late = await deliver({
      topic: "orders/updated",
      shop,
      body: overdue({ financial_status: "partially_paid", total_outstanding: "300.00", updated_at: at(0) }),
    });
    expect(late.status).toBe(200);
    expect((await ledger.receivable(ORDER_GID)).status).toBe("deleted");
    expect(await ledger.eventTypes(ORDER_GID)).toEqual(["created", "overdue", "deleted"]);
    // AND the collections pass chases the other order, never the deleted one
    // (with the legal identity letters must carry, so that nothing but the deletion keeps a letter back)
    await prisma.shop.update({ where: { domain: shop }, data: { legalName: "Aurora Ltda", legalAddress: "Rua A, 1, São Paulo", taxId: "12.345.678/0001-95" } });
    const { runCollectionPass } = await import("../../app/.server/reminders/planning.server");
    await runCollectionPass(shop, new Date());
    const chased = async (gid: string) =>
      prisma.reminderItem.count({ where: { shopDomain: shop, skipReason: null, receivableId: (await ledger.receivable(gid)).id } });
    expect(await chased(kept)).toBeGreaterThan(0);
    expect(await chased(ORDER_GID)).toBe(0);
  });

  it("ignores a consumer order that is neither B2B nor on terms", async () => {
    const body = { ...examplePayload("orders/create"), admin_graphql_api_id: "gid://shopify/Order/1", financial_status: "pending", cancelled_at: null };
    const response = await deliver({ topic: "orders/create", shop, body });
    expect(response.outcome).toBe("ignored");
    expect(await prisma.receivable.count({ where: { shopDomain: shop, resourceGid: "gid://shopify/Order/1" } })).toBe(0);
  });

  it("queues a re-read of the order for orders/edited, whose body carries no amounts", async () => {
    const response = await deliver({ topic: "orders/edited", shop, body: examplePayload("orders/edited") });
    expect(response.outcome).toBe("queued");
    const [job] = await jobsIn("refresh-order", { shop });
    expect(job.state).toBe("created");
    expect(job.data.orderGid).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
  });

  it("keeps ids beyond 2^53 exact", async () => {
    // GIVEN a draft order whose numeric id only survives as text
    const gid = "gid://shopify/DraftOrder/890612572568261625";
    await deliver({ topic: "draft_orders/create", shop, body: invoicedDraft() });
    // WHEN draft_orders/delete names it by that id, raw
    const response = await deliver({ topic: "draft_orders/delete", shop, body: '{"id":890612572568261625}' });
    // THEN the right receivable ends
    expect(response.status).toBe(200);
    expect((await ledger.receivable(gid)).status).toBe("deleted");
  });
});
