import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { admin, startTestDouble } from "./test-helpers";
import { readSavedWorld, SavedWorldError } from "./persistence";
import { classesOf, decodeSnapshot, encodeSnapshot, SnapshotCodecError } from "./snapshot-codec";
import { orderOutstanding } from "./order-math";
import { IdSequence } from "./ids";
import { ShopState, Store } from "./state";
import type { ShopifyDouble } from "./index";

const DAY = 86_400_000;
const SHOP_QUERY = `{ shop { name currencyCode } }`;
const INVOICE = `mutation($id: ID!) { orderInvoiceSend(id: $id) { order { id } userErrors { message } } }`;

const doubles: ShopifyDouble[] = [];
const start = async (stateFile: string) => {
  const double = await startTestDouble({ stateFile });
  doubles.push(double);
  return double;
};
afterEach(async () => {
  await Promise.all(doubles.splice(0).map((d) => d.close()));
});
const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "double-state-")), "shopify-double.json");

describe("a double restarted on its saved world", () => {
  it("GIVEN an installed shop where time passed, an order was paid and an invoice sent WHEN the double restarts THEN all of it is still there and the app's token still works", async () => {
    const file = tempFile();
    const first = await start(file);
    const token = first.controls.installApp().accessToken;
    const gql = admin(first, token);
    const shop = first.store.shop(first.shopDomain)!;
    const unpaid = [...shop.orders.values()].find((o) => o.email && o.paymentTerms && orderOutstanding(o) > 0)!;
    first.controls.advanceClock({ days: 30 });
    first.controls.payOrder({ order: unpaid.name, amount: "10.00" });
    expect((await gql(INVOICE, { id: `gid://shopify/Order/${unpaid.id}` })).body.data.orderInvoiceSend.userErrors).toEqual([]);
    const outstanding = orderOutstanding(unpaid);
    const clockBefore = first.clock.now().getTime();
    await first.close();
    doubles.splice(0);

    const second = await start(file);
    const again = second.store.shop(second.shopDomain)!;
    // The same shop, with the payment and the mail; the app's token is still accepted.
    expect(orderOutstanding(again.orders.get(unpaid.id)!)).toBe(outstanding);
    expect(again.installed).toBe(true);
    expect(second.mailbox.list()[0]).toMatchObject({ kind: "order_invoice", to: unpaid.email });
    expect(await admin(second, token)(SHOP_QUERY)).toMatchObject({
      status: 200,
      body: { data: { shop: { name: "Casa Aurora Atacado", currencyCode: "BRL" } } },
    });
    // Business time kept the 30 days and moved on only by the wall time the restart took.
    const drift = second.clock.now().getTime() - clockBefore;
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThan(5_000);
    // Every shop still draws ids from the store's one sequence: a new order takes a fresh id.
    expect(again.ids).toBe(second.store.ids);
    const created = second.controls.createOrder({ customer: unpaid.customerId!, amount: "50.00", paymentTerms: "Net 30" });
    expect(again.orders.size).toBe(shop.orders.size + 1);
    expect(created.id).toBeGreaterThan(Math.max(...shop.orders.keys(), ...shop.customers.keys()));
  });

  it("GIVEN a running double WHEN a control changes it over HTTP THEN the file holds the change shortly after, without waiting for close", async () => {
    const file = tempFile();
    const double = await start(file);
    const order = [...double.store.shop(double.shopDomain)!.orders.values()].find((o) => o.paymentTerms && orderOutstanding(o) > 0)!;
    const res = await fetch(`${double.url}/_double/cancel-order`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ order: order.name }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => readSavedWorld(file)?.store.shop(double.shopDomain)?.orders.get(order.id)?.cancelledAt, { timeout: 3_000 }).toBeInstanceOf(Date);
  });

  it("GIVEN the world was saved a day ago (wall time) WHEN it is read back THEN business time has moved on by that day", async () => {
    const file = tempFile();
    const double = await start(file);
    const saved = double.clock.now().getTime();
    await double.close();
    doubles.splice(0);
    const aDayLater = readSavedWorld(file, Date.now() + DAY)!;
    expect(aDayLater.businessTime.getTime() - saved).toBeGreaterThanOrEqual(DAY - 1_000);
    expect(aDayLater.businessTime.getTime() - saved).toBeLessThan(DAY + 5_000);
  });

  it("GIVEN no file THEN there is nothing saved; GIVEN a damaged file THEN reading it says why", () => {
    const file = tempFile();
    expect(readSavedWorld(file)).toBeNull();
    fs.writeFileSync(file, '{"format":"quita-shopify-double/1","world":');
    expect(() => readSavedWorld(file)).toThrow(SavedWorldError);
    fs.writeFileSync(file, JSON.stringify({ format: "something-else" }));
    expect(() => readSavedWorld(file)).toThrow(/not a saved double/);
  });
});

describe("the snapshot form", () => {
  const classes = classesOf({ Store, ShopState, IdSequence });

  it("GIVEN fields nobody told it about (a Map of Dates, a Set, a bigint, a nested record) THEN they come back as they were", () => {
    const store = new Store();
    const shop = new ShopState(
      {
        id: 1,
        name: "A",
        email: "a@x",
        domain: "a.myshopify.com",
        currency: "BRL",
        ianaTimezone: "UTC",
        locale: "en",
        address: { address1: "", city: "", province: "", provinceCode: "", zip: "", country: "", countryCode: "" },
        ownerName: "A",
        createdAt: new Date("2026-01-02T03:04:05Z"),
      },
      store.ids,
    );
    store.shops.set("a.myshopify.com", shop);
    Object.assign(shop, { remindersSent: new Map([[7, { at: new Date("2026-02-01T00:00:00Z"), tags: new Set(["late"]), cents: 12_345n, $odd: "kept" }]]) });
    const back = decodeSnapshot(JSON.parse(JSON.stringify(encodeSnapshot(store, classes))), classes) as Store;
    const shopBack = back.shops.get("a.myshopify.com")! as ShopState & {
      remindersSent: Map<number, { at: Date; tags: Set<string>; cents: bigint; $odd: string }>;
    };
    expect(shopBack).toBeInstanceOf(ShopState);
    expect(shopBack.info.createdAt).toEqual(new Date("2026-01-02T03:04:05Z"));
    expect(shopBack.remindersSent.get(7)).toEqual({ at: new Date("2026-02-01T00:00:00Z"), tags: new Set(["late"]), cents: 12_345n, $odd: "kept" });
    // One sequence shared by the store and its shops stays one object.
    expect(shopBack.ids).toBe(back.ids);
    expect(shopBack.ids).toBeInstanceOf(IdSequence);
  });

  it("GIVEN a cycle THEN it is kept; GIVEN an instance of a class it cannot restore THEN the save names it", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    const back = decodeSnapshot(encodeSnapshot({ a }, classes), classes) as { a: Record<string, unknown> };
    expect(back.a.self).toBe(back.a);
    class Socket {}
    expect(() => encodeSnapshot({ conn: new Socket() }, classes)).toThrow(SnapshotCodecError);
    expect(() => encodeSnapshot({ conn: new Socket() }, classes)).toThrow(/world\.conn: it is a Socket/);
  });
});
