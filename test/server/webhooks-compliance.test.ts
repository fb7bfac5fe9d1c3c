import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { deliver, examplePayload } from "../support/webhooks";
import { at, b2bOrder, installedShop, ledgerOf, ORDER_GID, type Ledger } from "../support/webhook-ledger";
import { jobsIn } from "../support/jobs";
import { findEverywhere } from "../support/find-everywhere";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The compliance topics (customers/data_request, customers/redact, shop/redact) and the app's
// lifecycle (app/scopes_update, app/uninstalled), fed Shopify's own example bodies through the
// real route action (test/support/webhook-ledger.ts says how they are adapted).

describe.each(databaseKinds())("webhooks into the receivables ledger: compliance and app lifecycle (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let shop: string;
  let ledger: Ledger;

  // Shopify's example customer, 115310627314723954, is past what a JavaScript number holds
  // exactly (it reads as ...950): the body is written with that number, then given the real
  // digits, as Shopify sends them.
  const customer = { id: 115310627314723950, email: "john@example.com", phone: null };
  const raw = (payload: Record<string, unknown>) => JSON.stringify(payload).replace('"id":115310627314723950', '"id":115310627314723954');
  const LATEST_GID = "gid://shopify/Order/820982911946155000";

  /** The example customer's three orders on terms: #9999, #10000 and #10001. */
  async function ordersOfTheExampleCustomer() {
    await deliver({ topic: "orders/create", shop, body: b2bOrder() });
    await deliver({ topic: "orders/create", shop, body: b2bOrder({ admin_graphql_api_id: "gid://shopify/Order/820982911946154999", name: "#10000" }) });
    await deliver({ topic: "orders/create", shop, body: b2bOrder({ admin_graphql_api_id: LATEST_GID, name: "#10001" }) });
  }

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

  it("exports what Quita holds about a customer on customers/data_request", async () => {
    await ordersOfTheExampleCustomer();
    const body = raw({ ...examplePayload("customers/data_request"), shop_domain: shop, customer });
    const response = await deliver({ topic: "customers/data_request", shop, body });
    expect(response.status).toBe(200);
    const request = await prisma.complianceRequest.findFirstOrThrow({ where: { shopDomain: shop, topic: "customers/data_request" } });
    const result = request.result as { receivables: { order: string; email: string; outstanding: string }[] };
    expect(request.customerGid).toBe("gid://shopify/Customer/115310627314723954");
    expect(result.receivables.map((r) => r.order).sort()).toEqual(["#10000", "#10001", "#9999"]);
    expect(result.receivables[0].email).toBe("john@example.com");
  });

  it("erases the customer's personal data on customers/redact, keeping anonymised amounts", async () => {
    await ordersOfTheExampleCustomer();
    const before = await prisma.receivable.aggregate({ where: { shopDomain: shop }, _sum: { outstandingAmount: true } });
    await deliver({ topic: "customers/redact", shop, body: raw({ ...examplePayload("customers/redact"), shop_domain: shop, customer }) });
    const rows = await prisma.receivable.findMany({ where: { shopDomain: shop, customerGid: "gid://shopify/Customer/115310627314723954" } });
    expect(rows.length).toBe(3);
    for (const row of rows) expect(row).toMatchObject({ customerName: null, customerEmail: null, customerPhone: null });
    const after = await prisma.receivable.aggregate({ where: { shopDomain: shop }, _sum: { outstandingAmount: true } });
    expect(after._sum.outstandingAmount?.toString()).toBe(before._sum.outstandingAmount?.toString());
    // and a later order webhook doesn't bring the name back
    await deliver({ topic: "orders/updated", shop, body: b2bOrder({ admin_graphql_api_id: LATEST_GID, name: "#10001", updated_at: at(-1) }) });
    expect((await ledger.receivable(LATEST_GID)).customerName).toBeNull();
  });

  it("records new scopes on app/scopes_update", async () => {
    await deliver({ topic: "app/scopes_update", shop, body: examplePayload("app/scopes_update") });
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).scopes).toBe("read_products,write_products");
  });

  it("stops everything on app/uninstalled and then ignores ledger webhooks", async () => {
    // GIVEN a session, and re-reads queued for an edited order and for terms Quita doesn't know
    await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "t" } });
    await deliver({ topic: "orders/edited", shop, body: examplePayload("orders/edited") });
    await deliver({
      topic: "payment_terms/create",
      shop,
      body: { ...examplePayload("payment_terms/create"), admin_graphql_api_id: "gid://shopify/PaymentTerms/42" },
    });
    for (const name of ["refresh-order", "refresh-terms"] as const) expect((await jobsIn(name, { shop })).map((job) => job.state)).toContain("created");
    // WHEN the app is uninstalled
    await deliver({ topic: "app/uninstalled", shop, body: examplePayload("app/uninstalled") });
    // THEN the shop is marked so, its sessions are gone and nothing is left waiting to run
    const row = await prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(row.installed).toBe(false);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    for (const name of ["refresh-order", "refresh-terms"] as const) expect((await jobsIn(name, { shop })).map((job) => job.state)).not.toContain("created");
    // and a late order webhook is acknowledged and ignored
    const late = await deliver({ topic: "orders/create", shop, body: b2bOrder({ admin_graphql_api_id: "gid://shopify/Order/77" }) });
    expect(late.status).toBe(200);
    expect(late.outcome).toBe("ignored");
    expect(await prisma.receivable.count({ where: { resourceGid: "gid://shopify/Order/77" } })).toBe(0);
  });

  it.each(["customers/redact", "customers/data_request", "shop/redact"])(
    "refuses %s whose body names another shop than the one that signed it",
    async (topic) => {
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      const before = await prisma.complianceRequest.count({ where: { shopDomain: shop, topic } });
      const body = raw({ ...examplePayload(topic), shop_domain: "someone-else.myshopify.com", customer });
      const response = await deliver({ topic, shop, body });
      expect(response.status).toBe(400);
      expect(log.mock.calls.flat().join(" ")).toContain("is not the shop that sent it");
      log.mockRestore();
      expect(await prisma.complianceRequest.count({ where: { shopDomain: shop, topic } })).toBe(before);
      expect(await prisma.shop.count({ where: { domain: shop } })).toBe(1);
    },
  );

  it("erases everything of the shop on shop/redact, leaving not even a record of the request", async () => {
    // GIVEN a shop with receivables, their events, a customer's data request and the deliveries that brought them,
    // its customer named only here (the other tests' shops, in the same database, have Shopify's example customer)
    const own = { first_name: "Ottilie", last_name: "Brandvold", email: "ottilie.brandvold@example.com" };
    const exampleCustomer = examplePayload("orders/create").customer;
    for (const [gid, name] of [
      [ORDER_GID, "#9999"],
      [LATEST_GID, "#10001"],
    ]) {
      await deliver({ topic: "orders/create", shop, body: b2bOrder({ admin_graphql_api_id: gid, name, customer: { ...exampleCustomer, ...own } }) });
    }
    await deliver({
      topic: "customers/data_request",
      shop,
      body: raw({ ...examplePayload("customers/data_request"), shop_domain: shop, customer: { ...customer, email: own.email } }),
    });
    await deliver({ topic: "orders/edited", shop, body: examplePayload("orders/edited") }); // a job waiting in the queue, keyed on the shop
    expect((await jobsIn("refresh-order", { shop })).map((job) => job.state)).toContain("created");
    const traces = [shop, own.last_name, own.email];
    expect((await findEverywhere(database.url, traces)).length).toBeGreaterThan(3);
    expect(await prisma.receivableEvent.count({ where: { shopDomain: shop } })).toBeGreaterThan(0);
    expect(await prisma.complianceRequest.count({ where: { shopDomain: shop } })).toBe(1);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBeGreaterThan(0);
    // WHEN shop/redact arrives
    await deliver({ topic: "shop/redact", shop, body: { ...examplePayload("shop/redact"), shop_domain: shop } });
    // THEN nothing of the shop is left
    expect(await prisma.receivable.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.receivableEvent.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.shop.count({ where: { domain: shop } })).toBe(0);
    expect(await prisma.complianceRequest.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(0);
    // AND no text or JSON column of any table, in any schema (the job queue's too), holds the shop's domain or its customer
    expect(await findEverywhere(database.url, traces)).toEqual([]);
  });
});
