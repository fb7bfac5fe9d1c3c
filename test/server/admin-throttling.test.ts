import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GraphqlQueryError } from "@shopify/shopify-api";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import type { ShopifyDouble } from "../shopify-double/index";
import { admin } from "../shopify-double/test-helpers";
import { financialStatus } from "../shopify-double/order-math";
import type { PrismaClient } from "../../app/generated/prisma/client";
import * as Admin from "../../app/.server/shopify/admin-graphql.server";

// Shopify's "not now" answers, as the double gives them (THROTTLED inside a 200, 429 with
// Retry-After, 500), met by the app's own Admin API client. Waits run on a pacer whose clock moves
// when it sleeps, so the tests see every wait without spending it; the pacing test runs on wall
// time against the double's real cost bucket (2,000 points, 100 a second).

const INVOICE = `#graphql
  mutation ThrottlingTestInvoice($id: ID!) {
    orderInvoiceSend(id: $id) { order { id } userErrors { field message } }
  }
`;
const NOTE = `#graphql
  mutation ThrottlingTestNote($id: ID!, $note: String) {
    draftOrderUpdate(id: $id, input: { note: $note }) { draftOrder { id note2 } userErrors { field message } }
  }
`;

describe("when Shopify's Admin API says 'not now'", () => {
  let setup: ShopOnDouble | undefined;
  let double: ShopifyDouble;
  let graphql: Admin.AdminGraphql;
  let orderGid: string;
  let draftGid: string;
  let prisma: PrismaClient;

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { deliverWebhooks: false, backfill: false });
    ({ prisma, double, graphql } = setup);
    const shop = double.store.shop(double.shopDomain)!;
    const unpaid = [...shop.orders.values()].find((o) => o.email && !o.cancelledAt && financialStatus(o) === "PENDING")!;
    orderGid = `gid://shopify/Order/${unpaid.id}`;
    draftGid = `gid://shopify/DraftOrder/${[...shop.draftOrders.values()].find((d) => d.status !== "COMPLETED")!.id}`;
  });
  afterEach(() => double.controls.setThrottle({ mode: "normal" }));
  afterAll(() => setup?.close());

  /** The app's client on a pacer whose clock moves as it sleeps; `onSleep` sees each wait (and can change what the double answers). */
  function pacedClient(onSleep: (ms: number, count: number) => void = () => {}, random = 0.5) {
    const sleeps: number[] = [];
    let slept = 0;
    const pacer = new Admin.ShopPacer({
      now: () => performance.now() + slept,
      sleep: async (ms) => {
        sleeps.push(ms);
        slept += ms;
        onSleep(ms, sleeps.length);
      },
      random: () => random,
    });
    return { client: Admin.pacedForShop(double.shopDomain, graphql, pacer), pacer, sleeps };
  }
  const normalAfter = (n: number) => (_ms: number, count: number) => count === n && double.controls.setThrottle({ mode: "normal" });
  const shopName = async (client: Admin.AdminGraphql) =>
    (await Admin.runAdminOperation<{ shop: { name: string } }>(client, "ShopName", "#graphql\n query ShopName { shop { name } }")).shop.name;

  it("GIVEN THROTTLED answers WHEN a read runs THEN it waits, tries again, and gets its data once Shopify lets it through", async () => {
    double.controls.setThrottle({ mode: "throttled" });
    const { client, pacer, sleeps } = pacedClient(normalAfter(3));
    expect(await shopName(client)).toBe("Casa Aurora Atacado");
    // The bucket was full, so nothing to wait for by its figures: a little longer each time instead
    expect(sleeps).toEqual([100, 200, 300]);
    expect(pacer.stats).toMatchObject({ sent: 4, throttled: 3 });
  });

  it("GIVEN THROTTLED every time WHEN a read runs THEN it gives up after 9 tries, with a sentence", async () => {
    double.controls.setThrottle({ mode: "throttled" });
    const { client, pacer } = pacedClient();
    await expect(shopName(client)).rejects.toThrow(
      "Shopify kept throttling ShopName (the store's API budget did not refill enough) after 9 tries; Quita will try again later.",
    );
    expect(pacer.stats).toMatchObject({ sent: 9, throttled: 9 });
  });

  it("GIVEN a 429 WHEN a read runs THEN nothing more is sent to the shop before its Retry-After, then it gets its data", async () => {
    double.controls.setThrottle({ mode: "http429" });
    const { client, pacer, sleeps } = pacedClient(normalAfter(1));
    expect(await shopName(client)).toBe("Casa Aurora Atacado");
    // The double says Retry-After: 2.0, as Shopify does
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1_950);
    expect(sleeps[0]).toBeLessThanOrEqual(2_000);
    expect(pacer.stats).toMatchObject({ sent: 2, rateLimited: 1 });
  });

  it("GIVEN 429 every time WHEN a read runs THEN it gives up after 4 tries, with a sentence", async () => {
    double.controls.setThrottle({ mode: "http429" });
    const { client, pacer } = pacedClient();
    await expect(shopName(client)).rejects.toThrow("Shopify kept answering 429 (too many requests) to ShopName after 4 tries; Quita will try again later.");
    expect(pacer.stats).toMatchObject({ sent: 4, rateLimited: 4 });
  });

  it("GIVEN server errors WHEN a read runs THEN it is tried again after doubling waits, half of each random, and gets its data", async () => {
    double.controls.setThrottle({ mode: "http500" });
    const middle = pacedClient(normalAfter(3), 0.5);
    expect(await shopName(middle.client)).toBe("Casa Aurora Atacado");
    expect(middle.sleeps).toEqual([188, 375, 750]);
    double.controls.setThrottle({ mode: "http500" });
    const shortest = pacedClient(normalAfter(3), 0);
    expect(await shopName(shortest.client)).toBe("Casa Aurora Atacado");
    expect(shortest.sleeps).toEqual([125, 250, 500]);
  });

  it("GIVEN server errors every time WHEN a read runs THEN it gives up after 4 tries, with a sentence", async () => {
    double.controls.setThrottle({ mode: "http500" });
    const { client, pacer } = pacedClient();
    await expect(shopName(client)).rejects.toThrow(
      "Shopify's Admin API answered 500 (a server error) to ShopName 4 times in a row; Quita will try again later.",
    );
    expect(pacer.stats).toMatchObject({ sent: 4, serverErrors: 4 });
  });

  it("GIVEN a server error WHEN an invoice email is sent THEN it is not sent again: the outcome is unknown", async () => {
    double.controls.setThrottle({ mode: "http500" });
    const { client, pacer, sleeps } = pacedClient();
    const mails = double.mailbox.list().length;
    await expect(Admin.runAdminOperation(client, "ThrottlingTestInvoice", INVOICE, { id: orderGid })).rejects.toThrow(
      "Shopify's Admin API answered 500 (a server error) to ThrottlingTestInvoice, so whether it took effect is unknown; Quita does not repeat it blindly.",
    );
    expect(pacer.stats.sent).toBe(1);
    expect(sleeps).toEqual([]);
    expect(double.mailbox.list()).toHaveLength(mails);
  });

  it("GIVEN a server error WHEN a change safe to repeat runs THEN it is tried again and made", async () => {
    double.controls.setThrottle({ mode: "http500" });
    const { client, pacer } = pacedClient(normalAfter(1));
    const data = await Admin.runAdminOperation<{ draftOrderUpdate: { draftOrder: { note2: string } } }>(
      client,
      "ThrottlingTestNote",
      NOTE,
      { id: draftGid, note: "Paid by bank transfer on Monday" },
      { repeatable: true },
    );
    expect(data.draftOrderUpdate.draftOrder.note2).toBe("Paid by bank transfer on Monday");
    expect(pacer.stats).toMatchObject({ sent: 2, serverErrors: 1 });
  });

  /**
   * Waits until the double's cost bucket for the shop is full again. It refills on wall time only,
   * while the other tests wait on a pacer's clock: the burst below starts from a full bucket and
   * leaves it full (filled at once by the double's control, rather than in the 20 s it takes), so no
   * test meets a bucket another one emptied.
   */
  async function bucketFull() {
    const { accessToken } = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${double.shopDomain}` } });
    const raw = admin(double, accessToken);
    await expect
      .poll(async () => (await raw("{ shop { name } }")).body.extensions?.cost?.throttleStatus?.currentlyAvailable ?? 0, { timeout: 30_000, interval: 500 })
      .toBeGreaterThanOrEqual(1_990);
  }

  it("GIVEN a burst of 250 invoice emails at once WHEN they are paced to the shop's bucket THEN none is THROTTLED; unpaced, the same bucket throttles", async () => {
    await bucketFull();
    // Every THROTTLED answer the transport sees, whoever retries it
    let throttledAnswers = 0;
    const counting: Admin.AdminGraphql = async (query, options) => {
      try {
        return await graphql(query, options);
      } catch (error) {
        if (error instanceof GraphqlQueryError && error.message === "Throttled") throttledAnswers++;
        throw error;
      }
    };
    const pacer = new Admin.ShopPacer();
    const client = Admin.pacedForShop(double.shopDomain, counting, pacer);
    const mails = double.mailbox.list().length;
    const started = performance.now();
    await Promise.all(Array.from({ length: 250 }, () => Admin.runAdminOperation(client, "ThrottlingTestInvoice", INVOICE, { id: orderGid })));
    const seconds = (performance.now() - started) / 1_000;

    expect(throttledAnswers).toBe(0);
    expect(pacer.stats).toMatchObject({ sent: 250, throttled: 0 });
    expect(double.mailbox.list().length - mails).toBe(250);
    // 250 sends cost more than the 2,000-point bucket holds: the rest waited for it to refill
    expect(pacer.stats.pacedMs).toBeGreaterThan(0);
    expect(seconds).toBeGreaterThan(1);

    // The control: the same kind of burst, sent straight at the now empty bucket, is throttled
    const { accessToken } = await prisma.session.findUniqueOrThrow({ where: { id: `offline_${double.shopDomain}` } });
    const raw = admin(double, accessToken);
    const answers = await Promise.all(Array.from({ length: 30 }, () => raw(INVOICE.replace("#graphql", ""), { id: orderGid })));
    expect(answers.filter((a) => a.body.errors?.[0]?.extensions?.code === "THROTTLED").length).toBeGreaterThan(0);
    double.controls.fillCostBucket();
    await bucketFull();
  }, 60_000);
});
