import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { TEST_APP } from "../support/app-env";
import { installIntoDouble } from "../support/installed-double";
import { startShopOnDouble, type DoubleWithApp } from "../support/shop-on-double";
import { applyWebhooks, sign } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import type { ShopifyDouble } from "../shopify-double/index";
import { orderOutstanding, orderTotal, toShopMoney } from "../shopify-double/order-math";
import { toDecimal } from "../shopify-double/money";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient } from "../../app/generated/prisma/client";

// Shopify's real rules, on the local double that now follows them: the ledger
// must keep one money basis, never chase secured money, let the newest change
// win whether it came as terms or as an order, and say what it cannot see.

const DAY = 86_400_000;
const LIMITED_SCOPES = TEST_APP.scopes
  .split(",")
  .filter((s) => s !== "read_all_orders")
  .join(",");

describe.each(databaseKinds())("the ledger follows Shopify's rules (%s)", (kind) => {
  let setup: DoubleWithApp | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shop: string;

  const state = () => double.store.shop(shop)!;
  const receivable = (gid: string) => prisma.receivable.findUniqueOrThrow({ where: { shopDomain_resourceGid: { shopDomain: shop, resourceGid: gid } } });
  const events = async (gid: string) =>
    (await prisma.receivableEvent.findMany({ where: { receivable: { resourceGid: gid } }, orderBy: { createdAt: "asc" } })).map((e) => e.type);
  const settle = async () => {
    await double.webhooks.drain();
    await applyWebhooks();
  };
  const sync = () => import("../../app/.server/ledger/sync.server");
  const backfill = async () => (await sync()).backfillShop(shop, graphql, double.clock.now());
  const reconcile = async () => (await sync()).reconcileShop(shop, graphql, double.clock.now());
  const install = async (scopes?: string) => ({ graphql } = await installIntoDouble(double, { scopes }));

  beforeEach(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001, install: false });
    ({ prisma, double, shopDomain: shop } = setup);
  });
  afterEach(() => setup?.close());

  it("keeps a USD order in a BRL shop at one amount through backfill, webhook and reconciliation", async () => {
    await install();
    const usd = [...state().orders.values()].find((o) => o.presentmentCurrency === "USD" && orderOutstanding(o) > 0)!;
    const gid = `gid://shopify/Order/${usd.id}`;
    await backfill();
    const shopMoney = (cents: number) => toDecimal(toShopMoney(usd, cents));
    const figures = async () => {
      const r = await receivable(gid);
      return [
        r.currency,
        r.totalAmount.toFixed(2),
        r.outstandingAmount.toFixed(2),
        r.shopCurrency,
        r.shopTotalAmount.toFixed(2),
        r.shopOutstandingAmount.toFixed(2),
      ];
    };
    expect(await figures()).toEqual([
      "USD",
      toDecimal(orderTotal(usd)),
      toDecimal(orderOutstanding(usd)),
      "BRL",
      shopMoney(orderTotal(usd)),
      shopMoney(orderOutstanding(usd)),
    ]);
    const before = await events(gid);

    // WHEN the customer pays 10 dollars and Shopify says so in a REST body (shop currency)
    double.controls.advanceClock({ minutes: 5 });
    double.controls.payOrder({ order: usd.id, amount: "10.00" });
    await settle();
    // THEN the shop-currency figure is Shopify's, and the billed one its share, within a cent
    const afterWebhook = await receivable(gid);
    expect(afterWebhook.shopOutstandingAmount.toFixed(2)).toBe(shopMoney(orderOutstanding(usd)));
    expect(Math.abs(Number(afterWebhook.outstandingAmount) * 100 - orderOutstanding(usd))).toBeLessThanOrEqual(1);

    // AND the order is read again, in a job, for Shopify's own billed figure, which is not a change in what is owed
    const reread = await runJobs({ graphqlFor: async () => graphql }, { only: ["refresh-order"] });
    expect(reread.map((j) => [j.name, j.state])).toEqual([["refresh-order", "completed"]]);
    expect(await figures()).toEqual([
      "USD",
      toDecimal(orderTotal(usd)),
      toDecimal(orderOutstanding(usd)),
      "BRL",
      shopMoney(orderTotal(usd)),
      shopMoney(orderOutstanding(usd)),
    ]);
    // AND reconciliation finds nothing to correct
    await reconcile();
    expect(await figures()).toEqual([
      "USD",
      toDecimal(orderTotal(usd)),
      toDecimal(orderOutstanding(usd)),
      "BRL",
      shopMoney(orderTotal(usd)),
      shopMoney(orderOutstanding(usd)),
    ]);
    await reconcile();
    expect((await events(gid)).slice(before.length)).toEqual(["partly_paid"]);
  });

  it("keeps an authorized payment apart: secured, not chased, and paid when captured", async () => {
    await install();
    await backfill();
    const seeded = [...state().orders.values()].find((o) => o.transactions.some((t) => t.kind === "AUTHORIZATION"))!;
    expect((await receivable(`gid://shopify/Order/${seeded.id}`)).status).toBe("authorized");

    const contact = [...state().contacts.values()][2]!;
    const order = double.controls.createOrder({ customer: contact.customerId, amount: "800.00", paymentTerms: "Net 15" });
    const gid = `gid://shopify/Order/${order.id}`;
    await settle();
    double.controls.authorizePayment({ order: order.id });
    await settle();
    expect((await receivable(gid)).status).toBe("authorized");
    const { findOpenReceivables } = await import("../../app/.server/ledger/overview.server");
    const { summarizeReceivables } = await import("../../app/domain/overview");
    const overview = summarizeReceivables(await findOpenReceivables(shop), double.clock.now(), "America/Sao_Paulo", {
      shopCurrency: "BRL",
      readAllOrders: true,
    });
    expect(overview.authorized[0]).toMatchObject({ currency: "BRL", count: 2 });
    // Nothing authorized is in what orders owe, nor in any customer's debt.
    const openOrders = await prisma.receivable.count({ where: { shopDomain: shop, kind: "order", status: "open" } });
    expect(overview.orders[0]!.receivables).toBe(openOrders);
    expect(overview.debtors.reduce((n, d) => n + d.receivables, 0)).toBe(
      openOrders + (await prisma.receivable.count({ where: { shopDomain: shop, kind: "draft_order", status: "open" } })),
    );

    double.controls.capturePayment({ order: order.id });
    await settle();
    expect((await receivable(gid)).status).toBe("paid");
    expect(await events(gid)).toEqual(["created", "authorized", "paid"]);
  });

  it("lets a late, older orders/updated never bring back a due date that new terms replaced", async () => {
    await install();
    const contact = [...state().contacts.values()][0]!;
    const order = double.controls.createOrder({ customer: contact.customerId, amount: "500.00", paymentTerms: "Net 30" });
    const gid = `gid://shopify/Order/${order.id}`;
    await settle();
    const firstDue = (await receivable(gid)).dueAt!;

    // A part payment whose orders/updated is delayed…
    double.controls.advanceClock({ minutes: 10 });
    double.controls.dropNextWebhook({ topic: "orders/updated" });
    double.controls.payOrder({ order: order.id, amount: "100.00" });
    await settle();
    const late = double.webhooks.log.filter((d) => d.topic === "orders/updated" && d.status === "dropped").at(-1)!;
    // …then the merchant extends the terms; only payment_terms/update gets through.
    double.controls.advanceClock({ minutes: 10 });
    const newDue = new Date(Math.floor((double.clock.now().getTime() + 60 * DAY) / 1000) * 1000); // REST times have whole seconds
    double.controls.dropNextWebhook({ topic: "orders/updated" });
    double.controls.changePaymentTerms({ order: order.id, paymentTerms: "Fixed", dueAt: newDue.toISOString() });
    await settle();
    expect((await receivable(gid)).dueAt).toEqual(newDue);

    // WHEN the delayed orders/updated (older, with the old terms) finally arrives
    const response = await fetch(late.url, { method: "POST", body: late.body, headers: { ...late.headers, "X-Shopify-Hmac-Sha256": sign(late.body) } });
    expect(response.status).toBe(200);
    await applyWebhooks();
    // THEN the due date stays the new one
    const after = await receivable(gid);
    expect(after.dueAt).toEqual(newDue);
    expect(after.dueAt).not.toEqual(firstDue);
  });

  it("lets a late, older orders/updated never bring back terms the merchant deleted", async () => {
    await install();
    const contact = [...state().contacts.values()][0]!;
    const order = double.controls.createOrder({ customer: contact.customerId, amount: "500.00", paymentTerms: "Net 30" });
    const gid = `gid://shopify/Order/${order.id}`;
    await settle();
    expect((await receivable(gid)).dueAt).not.toBeNull();

    // A part payment whose orders/updated (still with the terms) is delayed…
    double.controls.advanceClock({ minutes: 10 });
    double.controls.dropNextWebhook({ topic: "orders/updated" });
    double.controls.payOrder({ order: order.id, amount: "100.00" });
    await settle();
    const late = double.webhooks.log.filter((d) => d.topic === "orders/updated" && d.status === "dropped").at(-1)!;
    // …then the merchant deletes the terms; only payment_terms/delete gets through.
    double.controls.advanceClock({ minutes: 10 });
    double.controls.dropNextWebhook({ topic: "orders/updated" });
    double.controls.removePaymentTerms({ order: order.id });
    await settle();
    const removed = await receivable(gid);
    expect([removed.dueAt, removed.paymentTermsId]).toEqual([null, null]);
    const eventsBefore = await events(gid);

    // WHEN the delayed orders/updated (older, with the deleted terms) finally arrives
    const response = await fetch(late.url, { method: "POST", body: late.body, headers: { ...late.headers, "X-Shopify-Hmac-Sha256": sign(late.body) } });
    expect(response.status).toBe(200);
    await applyWebhooks();
    // THEN the terms stay deleted: no due date comes back, and nothing happened to the debt
    const after = await receivable(gid);
    expect([after.status, after.dueAt, after.paymentTermsId, after.termsName]).toEqual([removed.status, null, null, null]);
    expect(await events(gid)).toEqual(eventsBefore);
  });

  it("without read_all_orders, says how many older owed orders it knows only from webhooks", async () => {
    await install(LIMITED_SCOPES);
    await backfill();
    const windowStart = double.clock.now().getTime() - 60 * DAY;
    const old = [...state().orders.values()].filter((o) => (o.paymentTerms || o.company) && orderOutstanding(o) > 0 && o.createdAt.getTime() < windowStart);
    expect(old.length).toBeGreaterThan(3);
    // Backfill could not read them: the API hides orders older than 60 days.
    expect(await prisma.receivable.count({ where: { resourceGid: { in: old.map((o) => `gid://shopify/Order/${o.id}`) } } })).toBe(0);

    // A part payment on one of them still arrives by webhook, and the ledger keeps it.
    double.controls.payOrder({ order: old[0]!.id, amount: "1.00" });
    await settle();
    expect((await receivable(`gid://shopify/Order/${old[0]!.id}`)).status).toBe("open");
    const { apiWindowFor } = await import("../../app/.server/ledger/overview.server");
    const limited = await prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(await apiWindowFor(limited)).toEqual({ count: 1, placedBefore: expect.any(Date) });

    // Once the store grants read_all_orders, a reload finds them all and nothing is hidden.
    await install();
    await backfill();
    expect(await prisma.receivable.count({ where: { resourceGid: { in: old.map((o) => `gid://shopify/Order/${o.id}`) } } })).toBe(old.length);
    expect(await apiWindowFor(await prisma.shop.findUniqueOrThrow({ where: { domain: shop } }))).toBeNull();
  });
});
