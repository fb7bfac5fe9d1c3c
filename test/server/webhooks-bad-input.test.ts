import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { deliver, examplePayload } from "../support/webhooks";
import { b2bOrder } from "../support/webhook-ledger";
import type { PrismaClient } from "../../app/generated/prisma/client";

// What Quita answers to webhooks it must not apply: a bad or missing signature, a body that isn't
// JSON or lacks what its topic needs, a shop it doesn't know. Nothing here changes the shop,
// so one shop serves every test.

const OTHER = "casa-aurora.myshopify.com";

describe.each(databaseKinds())("webhooks into the receivables ledger: bad input (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: OTHER, installed: true } });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
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
