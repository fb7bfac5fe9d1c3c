import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import type { ShopifyDouble } from "../shopify-double/index";
import { financialStatus } from "../shopify-double/order-math";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type * as Flow from "../../app/.server/shopify/flow.server";

// Quita's Flow triggers, fired through the app's Admin API client at a double that knows the app's
// extensions (extensions/*/shopify.extension.toml) and checks each payload against their fields.
describe("Flow triggers fired by Quita", () => {
  let setup: ShopOnDouble | undefined;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let flow: typeof Flow;
  let about: { customerGid: string; orderGid: string; daysOverdue: number };

  const received = () => double.store.shop(double.shopDomain)!.flowTriggers;
  const reminder = () => ({
    ...about,
    amountDue: { amount: "1250.00", currencyCode: "BRL" },
    stage: "7 days after the due date",
    paymentLink: "https://quita-demo.myshopify.com/pay",
  });

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { deliverWebhooks: false, backfill: false });
    ({ double, graphql } = setup);
    flow = await import("../../app/.server/shopify/flow.server");
    const order = [...double.store.shop(double.shopDomain)!.orders.values()].find((o) => o.customerId && !o.cancelledAt && financialStatus(o) === "PENDING")!;
    about = { customerGid: `gid://shopify/Customer/${order.customerId}`, orderGid: `gid://shopify/Order/${order.id}`, daysOverdue: 7 };
  });
  afterEach(() => double.controls.setThrottle({ mode: "normal" }));
  afterAll(() => setup?.close());

  it("GIVEN an overdue order WHEN Quita fires Payment overdue THEN Flow gets the customer, the order, the exact amount with its currency, and the link", async () => {
    const { stage: _stage, ...overdue } = reminder();
    await flow.fireFlowTrigger(graphql, "payment-overdue", overdue);
    expect(received().at(-1)).toMatchObject({
      handle: "payment-overdue",
      payload: {
        customer_id: about.customerGid,
        order_id: about.orderGid,
        "Amount due": 1250,
        Currency: "BRL",
        "Days overdue": 7,
        "Payment link": "https://quita-demo.myshopify.com/pay",
      },
    });
  });

  it("GIVEN each of Quita's triggers WHEN fired THEN Shopify accepts its payload against the extension's fields", async () => {
    const before = received().length;
    await flow.fireFlowTrigger(graphql, "reminder-sent", reminder());
    await flow.fireFlowTrigger(graphql, "reminder-not-sent", { ...reminder(), reason: "No recipient email address was provided" });
    await flow.fireFlowTrigger(graphql, "debt-settled", { ...about, amountPaid: { amount: "0.10", currencyCode: "USD" } });
    expect(
      received()
        .slice(before)
        .map((call) => call.handle),
    ).toEqual(["reminder-sent", "reminder-not-sent", "debt-settled"]);
    expect(received().at(-1)!.payload).toMatchObject({ "Amount paid": 0.1, Currency: "USD" });
  });

  it("GIVEN a trigger Shopify does not know (its extension not deployed) WHEN fired THEN it fails with Shopify's words", async () => {
    double.world.flowTriggerHandles.delete("debt-settled");
    try {
      await expect(flow.fireFlowTrigger(graphql, "debt-settled", { ...about, amountPaid: { amount: "10.00", currencyCode: "BRL" } })).rejects.toThrow(
        "FlowTriggerReceive was refused by Shopify: Errors validating schema:\n  Invalid handle 'debt-settled'.\n",
      );
    } finally {
      double.world.flowTriggerHandles.add("debt-settled");
    }
  });

  it("GIVEN a payload over 50,000 bytes WHEN fired THEN Quita refuses it before sending anything", async () => {
    const before = received().length;
    await expect(flow.fireFlowTrigger(graphql, "reminder-not-sent", { ...reminder(), reason: "x".repeat(50_000) })).rejects.toThrow(
      /The reminder-not-sent trigger's payload is 50\d{3} bytes, over Shopify's limit of 50000\./,
    );
    expect(received()).toHaveLength(before);
  });

  it("GIVEN an amount a JSON number cannot carry exactly, or a relative link WHEN fired THEN Quita refuses it before sending anything", async () => {
    const before = received().length;
    await expect(
      flow.fireFlowTrigger(graphql, "reminder-sent", { ...reminder(), amountDue: { amount: "12345678901234567.89", currencyCode: "BRL" } }),
    ).rejects.toThrow("Amount due 12345678901234567.89 cannot be sent to Flow as a number without changing it.");
    await expect(flow.fireFlowTrigger(graphql, "reminder-sent", { ...reminder(), paymentLink: "/pay" })).rejects.toThrow(
      "The payment link /pay is not an absolute URL.",
    );
    expect(received()).toHaveLength(before);
  });

  it("GIVEN Shopify answers 500 WHEN a trigger is fired THEN it is not fired again: the outcome is unknown", async () => {
    const before = received().length;
    double.controls.setThrottle({ mode: "http500" });
    await expect(flow.fireFlowTrigger(graphql, "reminder-sent", reminder())).rejects.toThrow(
      "Shopify's Admin API answered 500 (a server error) to FlowTriggerReceive, so whether it took effect is unknown; Quita does not repeat it blindly.",
    );
    double.controls.setThrottle({ mode: "normal" });
    expect(received()).toHaveLength(before);
  });
});
