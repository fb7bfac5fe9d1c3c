import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { deliver, examplePayload } from "../support/webhooks";
import { mintSessionToken } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";

const SHOP = "casa-aurora.myshopify.com";
const OTHER = "outra-loja.myshopify.com";

// A customer's data request, as the merchant answers it: Settings lists it and
// the export downloads as a file, for the shop it belongs to only; and a shop
// that has not granted read_all_orders is told what Quita cannot read.
describe("Settings: customer data requests and what Quita can read", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  const get = async <T>(path: string, route: { loader: (args: never) => Promise<T> }, shop = SHOP, params: Record<string, string> = {}) =>
    route.loader({
      request: new Request(`${TEST_APP.appUrl}${path}?shop=${shop}`, {
        headers: { authorization: `Bearer ${mintSessionToken({ shop, apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret })}` },
      }),
      params,
      context: {},
    } as never);

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    const { PrismaSessionStorage } = await import("../../app/.server/session-storage.server");
    const limited = TEST_APP.scopes.replace("read_all_orders,", "");
    for (const [domain, scope] of [
      [SHOP, limited],
      [OTHER, TEST_APP.scopes],
    ]) {
      await prisma.shop.create({ data: { domain, name: domain, ianaTimezone: "America/Sao_Paulo", scopes: scope } });
      await new PrismaSessionStorage(prisma).storeSession(
        new Session({ id: `offline_${domain}`, shop: domain, state: "", isOnline: false, scope, accessToken: "shpat_test" }),
      );
    }
    // GIVEN an unpaid B2B order placed 75 days ago, and its customer's request for their data
    const placed = new Date(Date.now() - 75 * 86_400_000).toISOString();
    const order: Record<string, any> = {
      ...examplePayload("orders/create"),
      financial_status: "pending",
      cancelled_at: null,
      total_outstanding: "414.95",
      created_at: placed,
      updated_at: new Date().toISOString(),
      company: { id: 5501, location_id: 5502 },
    };
    await deliver({ topic: "orders/create", shop: SHOP, body: order });
    const customer = { id: order.customer.id, email: order.customer.email, phone: null };
    await deliver({ topic: "customers/data_request", shop: SHOP, body: { ...examplePayload("customers/data_request"), shop_domain: SHOP, customer } });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("lists the request in Settings, and downloads its export as a JSON file", async () => {
    const settings = await import("../../app/routes/app.settings");
    const page = await get("/app/settings", settings);
    expect(page.dataRequests).toEqual([{ id: expect.any(String), receivedAt: expect.any(String), customer: "john@example.com", receivables: 1 }]);

    const download = await import("../../app/routes/app.data-requests.$id");
    const file = (await get(`/app/data-requests/${page.dataRequests[0]!.id}`, download, SHOP, { id: page.dataRequests[0]!.id })) as Response;
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment; filename="quita-data-request-\d{4}-\d{2}-\d{2}-\w{8}\.json"$/);
    const body = JSON.parse(await file.text());
    expect(body).toMatchObject({ shop: SHOP, customer: { email: "john@example.com" }, receivables: [{ email: "john@example.com", outstanding: "414.95" }] });
  });

  it("never hands one shop's export to another", async () => {
    const [request] = await prisma.complianceRequest.findMany({ where: { shopDomain: SHOP, topic: "customers/data_request" } });
    const download = await import("../../app/routes/app.data-requests.$id");
    const outcome = await get(`/app/data-requests/${request!.id}`, download, OTHER, { id: request!.id }).catch((thrown: unknown) => thrown);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(404);
  });

  it("tells a shop without read_all_orders from which date it can read orders, and counts the older owed ones it knows", async () => {
    const settings = await import("../../app/routes/app.settings");
    expect((await get("/app/settings", settings)).apiWindow).toEqual({ count: 1, placedBefore: expect.any(Date) });
    expect((await get("/app/settings", settings, OTHER)).apiWindow).toBeNull();
  });
});
