import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, startReceiver, startTestDouble } from "./test-helpers";
import { DAY_MS } from "./clock";
import { orderOutstanding, toShopMoney } from "./order-math";
import { toDecimal } from "./money";
import type { ShopifyDouble } from "./index";

// Rules Shopify applies that its schema doesn't show, which the double must
// apply too, or a test of the app passes on a double sharing its mistake.

const ORDER_BY_ID = `query($id: ID!) { order(id: $id) { id } node(id: $id) { id } }`;
const ORDERS = `query($q: String!) { orders(first: 250, query: $q) { nodes { id } } ordersCount(query: $q, limit: null) { count } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
const CUSTOMER_ORDERS = `query($id: ID!) { customer(id: $id) { orders(first: 250) { nodes { id } } } }`;
const BULK = `mutation($query: String!) { bulkOperationRunQuery(query: $query) { bulkOperation { id } userErrors { message } } }`;
const BULK_STATUS = `query($id: ID!) { node(id: $id) { ... on BulkOperation { status url } } }`;

describe("the Shopify double follows Shopify's unwritten rules", () => {
  let double: ShopifyDouble;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const shop = () => double.store.shop(double.shopDomain)!;

  beforeAll(async () => {
    receiver = await startReceiver();
    // The app's own toml: its subscriptions include orders/delete and its scopes read_all_orders.
    double = await startTestDouble({ seed: "wholesale", appUrl: receiver.url, deliverWebhooks: true, now: new Date(), appTomlPath: "shopify.app.toml" });
  });
  afterAll(async () => {
    await double?.close();
    await receiver?.close();
  });

  it("seeds nothing in the future of its own clock", () => {
    const now = double.clock.now().getTime();
    const times = [...shop().orders.values()].flatMap((o) => [o.createdAt, o.updatedAt, o.processedAt, ...o.transactions.map((t) => t.processedAt)]);
    times.push(...[...shop().draftOrders.values()].flatMap((d) => [d.createdAt, d.updatedAt, ...(d.invoiceSentAt ? [d.invoiceSentAt] : [])]));
    expect(times.length).toBeGreaterThan(100);
    expect(times.filter((t) => t.getTime() > now)).toEqual([]);
  });

  it("shows an app without read_all_orders only the orders of the last 60 days, in every query", async () => {
    const old = [...shop().orders.values()].find((o) => o.customerId && o.createdAt.getTime() < double.clock.now().getTime() - 70 * DAY_MS)!;
    const recent = [...shop().orders.values()].find((o) => o.createdAt.getTime() > double.clock.now().getTime() - 50 * DAY_MS)!;
    const limitedScopes = double.world.config.scopes.filter((s) => s !== "read_all_orders");
    const limited = admin(double, double.controls.installApp({ scopes: limitedScopes }).accessToken);
    const full = admin(double, double.controls.installApp().accessToken);
    const gid = (id: number) => `gid://shopify/Order/${id}`;

    expect((await limited(ORDER_BY_ID, { id: gid(old.id) })).body.data).toEqual({ order: null, node: null });
    expect((await limited(ORDER_BY_ID, { id: gid(recent.id) })).body.data.order).toEqual({ id: gid(recent.id) });
    expect((await full(ORDER_BY_ID, { id: gid(old.id) })).body.data.order).toEqual({ id: gid(old.id) });

    const listed = (await limited(ORDERS, { q: "" })).body.data;
    expect(listed.orders.nodes.map((n: { id: string }) => n.id)).not.toContain(gid(old.id));
    const all = (await full(ORDERS, { q: "" })).body.data;
    expect(all.ordersCount.count).toBe(shop().orders.size);
    expect(listed.ordersCount.count).toBe(
      [...shop().orders.values()].filter((o) => o.createdAt.getTime() >= double.clock.now().getTime() - 60 * DAY_MS).length,
    );
    expect(listed.ordersCount.count).toBeLessThan(all.ordersCount.count);

    // nodes(ids:) answers null for the old order, as node(id:) does
    expect((await limited(NODES, { ids: [gid(old.id), gid(recent.id)] })).body.data.nodes).toEqual([null, { id: gid(recent.id) }]);
    // the old order's customer lists only their recent orders
    const customerOrders = async (as: typeof limited) =>
      (await as(CUSTOMER_ORDERS, { id: `gid://shopify/Customer/${old.customerId}` })).body.data.customer.orders.nodes.map((n: { id: string }) => n.id);
    expect(await customerOrders(full)).toContain(gid(old.id));
    expect(await customerOrders(limited)).not.toContain(gid(old.id));
    // a bulk operation's JSONL leaves it out too
    const bulkIds = async (as: typeof limited) => {
      const started = (await as(BULK, { query: "{ orders { edges { node { id } } } }" })).body.data.bulkOperationRunQuery;
      expect(started.userErrors).toEqual([]);
      for (let i = 0; i < 500; i++) {
        const op = (await as(BULK_STATUS, { id: started.bulkOperation.id })).body.data.node;
        if (op.status === "COMPLETED")
          return (await (await fetch(op.url)).text())
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l).id as string);
        expect(["CREATED", "RUNNING"]).toContain(op.status);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error("bulk operation never finished");
    };
    const limitedBulk = await bulkIds(limited);
    expect(limitedBulk).toContain(gid(recent.id));
    expect(limitedBulk).not.toContain(gid(old.id));
    expect(limitedBulk).toHaveLength(listed.ordersCount.count);
    expect(await bulkIds(full)).toContain(gid(old.id));
  });

  it("sends REST order bodies in the shop's currency, the presentment money beside it", async () => {
    // GIVEN the app installed with its scopes (webhooks go only to an installed app)
    double.controls.installApp();
    const usd = [...shop().orders.values()].find((o) => o.presentmentCurrency === "USD" && orderOutstanding(o) > 0)!;
    double.controls.payOrder({ order: usd.id, amount: "10.00" });
    await double.webhooks.drain();
    const body = JSON.parse(receiver.received.filter((r) => r.topic === "orders/updated").at(-1)!.raw);
    expect(body.currency).toBe("BRL");
    expect(body.presentment_currency).toBe("USD");
    expect(body.total_outstanding).toBe(toDecimal(toShopMoney(usd, orderOutstanding(usd))));
    expect(body.current_total_price_set.presentment_money.currency_code).toBe("USD");
    expect(body.current_total_price_set.shop_money.currency_code).toBe("BRL");
    expect(body.current_total_price).toBe(body.current_total_price_set.shop_money.amount);
  });

  it("authorizes a card payment without taking it, captures it later, and deletes an order with only its id", async () => {
    // GIVEN the app installed with its scopes (webhooks go only to an installed app)
    double.controls.installApp();
    const order = double.controls.createOrder({ customer: [...shop().customers.values()][0]!.id, amount: "100.00", paymentTerms: "Net 15" });
    double.controls.authorizePayment({ order: order.id });
    double.controls.capturePayment({ order: order.id });
    double.controls.deleteOrder({ order: order.id });
    await double.webhooks.drain();
    const mine = receiver.received.map((r) => ({ topic: r.topic, body: JSON.parse(r.raw) })).filter((r) => r.body.id === order.id);
    expect(mine.map((r) => [r.topic, r.body.financial_status ?? null])).toEqual([
      ["orders/create", "pending"],
      ["orders/updated", "authorized"],
      ["orders/updated", "paid"],
      ["orders/paid", "paid"],
      ["orders/delete", null],
    ]);
    expect(mine.at(-1)!.body).toEqual({ id: order.id });
  });
});
