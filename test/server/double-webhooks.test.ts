import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { routeAction } from "../support/webhooks";
import { startShopifyDouble, type ShopifyDouble } from "../shopify-double/index";

// Fidelity of the local Shopify double's webhooks: what it sends passes the
// app's unmodified authenticate.webhook, and the same delivery with one byte
// of the body changed is refused with 401, as with Shopify.
describe("webhooks from the local Shopify double through the app's real route", () => {
  let database: TestDatabase;
  let double: ShopifyDouble;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    const prisma = await useAppDatabase(database);
    // deliverWebhooks: false keeps each delivery (headers and body, signed) for the test to send.
    double = await startShopifyDouble({
      apiKey: TEST_APP.apiKey,
      apiSecret: TEST_APP.apiSecret,
      appUrl: TEST_APP.appUrl,
      seed: "wholesale",
      deliverWebhooks: false,
    });
    double.controls.installApp();
    await prisma.shop.create({ data: { domain: double.shopDomain, ianaTimezone: "America/Sao_Paulo" } });
  });
  afterAll(async () => {
    await double?.close();
    await releaseAppDatabase();
    await database?.close();
  });

  const lastDelivery = (topic: string) => [...double.webhooks.log].reverse().find((d) => d.topic === topic)!;
  const post = async (delivery: { url: string; headers: Record<string, string>; body: string }, body = delivery.body) => {
    const action = await routeAction(delivery.headers["X-Shopify-Topic"]!);
    const request = new Request(`${TEST_APP.appUrl}${new URL(delivery.url).pathname}`, { method: "POST", headers: delivery.headers, body });
    return action({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown as Response);
  };

  /** The orders/create delivery the double signs for a new B2B order of 120.00. */
  const newOrderDelivery = () => {
    const customer = [...double.store.shop(double.shopDomain)!.contacts.values()][0]!.customerId;
    double.controls.createOrder({ customer, amount: "120.00", paymentTerms: "Net 30" });
    return lastDelivery("orders/create");
  };

  it("accepts an orders/create the double signed", async () => {
    const delivery = newOrderDelivery();
    expect(new URL(delivery.url).pathname).toBe("/webhooks/orders/create");
    expect((await post(delivery)).status).toBe(200);
  });

  it("refuses the same delivery with its body tampered", async () => {
    const delivery = newOrderDelivery();
    const tampered = delivery.body.replace('"120.00"', '"1.00"');
    expect(tampered).not.toBe(delivery.body);
    expect((await post({ ...delivery, headers: { ...delivery.headers, "X-Shopify-Webhook-Id": "tampered-1" } }, tampered)).status).toBe(401);
  });
});
