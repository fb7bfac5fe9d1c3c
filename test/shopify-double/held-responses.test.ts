import { afterEach, describe, expect, it } from "vitest";
import { admin, startTestDouble } from "./test-helpers";
import type { ShopifyDouble } from "./index";

// Held answers (held-responses.ts): Shopify acts, then keeps its answer until released or until
// the caller hangs up, which is where a sender's crash between Shopify's answer and its own
// record is staged.

const SEND = `mutation SendOrderInvoice($id: ID!, $email: EmailInput) { orderInvoiceSend(id: $id, email: $email) { order { id } userErrors { field message } } }`;
const SHOP_NAME = `query ShopName { shop { name } }`;

let double: ShopifyDouble;
afterEach(() => double?.close());

async function unpaidOrder(d: ShopifyDouble): Promise<string> {
  const created = d.controls.createOrder({ customer: [...d.store.shop(d.shopDomain)!.customers.keys()][0]!, amount: "120.00", paymentTerms: "Net 30" });
  return `gid://shopify/Order/${created.id}`;
}

const held = async (d: ShopifyDouble) => (await (await fetch(`${d.url}/_double/held-responses`)).json()) as { held: string[]; dropped: string[] };

describe("held answers", () => {
  it("GIVEN a hold on orderInvoiceSend WHEN the app sends an invoice THEN the email is in the mailbox and the answer waits until released", async () => {
    double = await startTestDouble({ seed: "wholesale" });
    const gql = admin(double, double.controls.installApp().accessToken);
    const order = await unpaidOrder(double);
    await fetch(`${double.url}/_double/hold-responses`, { method: "POST", body: JSON.stringify({ operation: "orderInvoiceSend" }) });

    let answered = false;
    const answer = gql(SEND, { id: order, email: { to: "ana@example.com", subject: "Hi", customMessage: "Line one\nLine two" } }).then((r) => {
      answered = true;
      return r;
    });
    await expect.poll(async () => (await held(double)).held).toEqual(["SendOrderInvoice"]);
    // Shopify acted: the email went out; the app has heard nothing.
    expect(double.mailbox.list()).toMatchObject([{ to: "ana@example.com", customMessage: "Line one\nLine two" }]);
    // Other requests are answered meanwhile: only what the hold names waits.
    expect((await gql(SHOP_NAME)).body.data.shop.name).toBe("Casa Aurora Atacado");
    expect(answered).toBe(false);

    expect(double.controls.releaseResponses()).toBe(1);
    expect((await answer).body.data.orderInvoiceSend).toEqual({ order: { id: order }, userErrors: [] });
    // One answer held (count 1): the next send is answered at once.
    expect((await gql(SEND, { id: order, email: { to: "ana@example.com" } })).status).toBe(200);
    expect(double.mailbox.list()).toHaveLength(2);
  });

  it("GIVEN a held answer WHEN its caller hangs up THEN the answer is dropped and recorded as such, the email stays sent", async () => {
    double = await startTestDouble({ seed: "wholesale" });
    const token = double.controls.installApp().accessToken;
    const order = await unpaidOrder(double);
    double.controls.holdResponses({ operation: "SendOrderInvoice,draftOrderInvoiceSend" });

    const caller = new AbortController();
    const request = fetch(`${double.url}/${double.shopDomain}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
      body: JSON.stringify({ query: SEND, variables: { id: order, email: { to: "ana@example.com" } } }),
      signal: caller.signal,
    }).catch((error: Error) => error.name);
    await expect.poll(async () => (await held(double)).held).toHaveLength(1);
    caller.abort();

    await expect(request).resolves.toBe("AbortError");
    await expect.poll(async () => held(double)).toEqual({ held: [], dropped: ["SendOrderInvoice"] });
    expect(double.mailbox.list()).toHaveLength(1);
    expect(double.controls.releaseResponses()).toBe(0);
  });

  it("GIVEN a count below one THEN the control refuses it", async () => {
    double = await startTestDouble({ seed: "empty" });
    const res = await fetch(`${double.url}/_double/hold-responses`, { method: "POST", body: JSON.stringify({ count: 0 }) });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ ok: false, error: "count must be a whole number from 1: 0" });
  });
});
