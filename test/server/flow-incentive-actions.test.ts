import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { TEST_APP } from "../support/app-env";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import type { ShopifyDouble } from "../shopify-double/index";
import { addDays } from "../../app/domain/cadence/local-time";
import { localDate } from "../../app/domain/ledger/aging";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";

// "Offer settlement discount" and "Extend payment terms" as Flow delivers them (signed POSTs to the
// extension's runtime_url, docs/decisions/015 and 017), against the local Shopify double: what they
// make in Shopify is read back from it, and a refusal or a repeated delivery makes nothing more.

const DAY = 86_400_000;
const LIMITS = { maxDiscountPercent: 10, maxFixedAmount: "50", minDaysOverdue: 15, offerExpiryDays: 7, maxExtensionDays: 30 };
const sign = (body: string, secret: string = TEST_APP.apiSecret) => createHmac("sha256", secret).update(body, "utf8").digest("base64");

describe.each(databaseKinds())("Flow actions that make things in Shopify (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let shopDomain: string;
  const used = new Set<string>();

  const deliver = async (handle: string, properties: Record<string, unknown>, options: { runId?: string; secret?: string } = {}) => {
    const body = JSON.stringify({
      shop_id: "1",
      shopify_domain: shopDomain,
      action_run_id: options.runId ?? randomUUID(),
      action_definition_id: handle,
      handle,
      properties,
    });
    const headers = new Headers({ "content-type": "application/json", "x-shopify-hmac-sha256": sign(body, options.secret) });
    const request = new Request(`${TEST_APP.appUrl}/flow/actions/${handle}`, { method: "POST", headers, body });
    const { action } = await import("../../app/routes/flow.actions.$handle");
    const response = await action({ request, params: { handle }, context: {} }).catch((thrown) => {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  };
  /** A customer whose only open debt is an order on terms, 15 to 40 days overdue (or as asked), not used by another test. */
  async function lateDebt(least = 15, most = 40): Promise<Receivable> {
    const now = double.clock.now();
    const debts = await prisma.receivable.findMany({ where: { shopDomain, status: "open", customerGid: { not: null } }, orderBy: { dueAt: "asc" } });
    const debt = debts.find((d) => {
      const late = d.dueAt ? (now.getTime() - d.dueAt.getTime()) / DAY : 0;
      const single = debts.filter((o) => o.customerGid === d.customerGid).length === 1;
      return d.kind === "order" && d.paymentTermsId && late >= least && late < most && single && !used.has(d.customerGid!);
    });
    expect(debt, `the wholesale shop has a customer with one order ${least} to ${most} days late`).toBeDefined();
    used.add(debt!.customerGid!);
    return debt!;
  }
  const numeric = (gid: string) => gid.split("/").pop()!;
  const discountsInShopify = () => double.store.shop(shopDomain)!.discounts.size;
  const termsUpdates = () => double.webhooks.log.filter((d) => d.topic === "payment_terms/update").length;
  const today = async () => localDate(double.clock.now(), (await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } })).ianaTimezone);

  beforeAll(async () => {
    setup = await startShopOnDouble(kind);
    ({ prisma, double, shopDomain } = setup);
    await double.webhooks.drain();
    await applyWebhooks();
    const { setClockForTests } = await import("../../app/.server/clock.server");
    setClockForTests(async () => double.clock.now());
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    await prisma.shop.update({ where: { domain: shopDomain }, data: { settings: { ...(shop.settings as object), incentives: LIMITS } } });
  });
  afterAll(async () => {
    const { setClockForTests } = await import("../../app/.server/clock.server");
    setClockForTests(null);
    await setup?.close();
  });

  it("Offer settlement discount: a signed run makes one code for that customer; delivered twice it still makes one", async () => {
    const debt = await lateDebt();
    const before = discountsInShopify();
    const runId = randomUUID();
    const first = await deliver("offer-settlement-discount", { customer_id: numeric(debt.customerGid!), percent: 5 }, { runId });
    expect(first).toMatchObject({ status: 200, body: { outcome: "offered", percentage: "0.05", amount: null } });
    const again = await deliver("offer-settlement-discount", { customer_id: numeric(debt.customerGid!), percent: 5 }, { runId });
    expect(again).toEqual(first);
    expect(discountsInShopify()).toBe(before + 1);
    const offers = await prisma.settlementOffer.findMany({ where: { shopDomain, customerKey: debt.customerGid! } });
    expect(offers).toMatchObject([{ code: first.body!.code, source: "flow" }]);
  });

  it("Offer settlement discount: a bad signature, an offer beyond the limits, both fields or an unknown customer make nothing, each with a clear answer", async () => {
    const debt = await lateDebt();
    const before = discountsInShopify();
    const customer = numeric(debt.customerGid!);
    expect(await deliver("offer-settlement-discount", { customer_id: customer, percent: 5 }, { secret: "not-the-app-secret" })).toMatchObject({ status: 401 });
    expect(await deliver("offer-settlement-discount", { customer_id: customer, percent: 40 })).toEqual({
      status: 422,
      body: { message: "No discount offered: Enter a whole number from 1 to 10." },
    });
    expect(await deliver("offer-settlement-discount", { customer_id: customer, amount: 80 })).toEqual({
      status: 422,
      body: { message: "No discount offered: Your limit for a fixed discount is 50 (Settings)." },
    });
    expect(await deliver("offer-settlement-discount", { customer_id: customer, percent: 5, amount: 10 })).toEqual({
      status: 422,
      body: { message: "Fill exactly one of Percentage off and Amount off" },
    });
    expect(await deliver("offer-settlement-discount", { customer_id: "999999999", percent: 5 })).toEqual({
      status: 422,
      body: { message: "Quita has no open debt for customer gid://shopify/Customer/999999999 in this shop" },
    });
    expect(discountsInShopify()).toBe(before);
  });

  it("Extend payment terms: a signed run moves the order's due date in Shopify and in Quita; delivered twice it changes the terms once", async () => {
    const debt = await lateDebt();
    const newDate = addDays(await today(), 12);
    const before = termsUpdates();
    const runId = randomUUID();
    const first = await deliver("extend-payment-terms", { order_id: numeric(debt.resourceGid), new_due_date: newDate }, { runId });
    expect(first).toEqual({ status: 200, body: { outcome: "terms_changed", order: debt.name, due_date: newDate } });
    expect(await deliver("extend-payment-terms", { order_id: numeric(debt.resourceGid), new_due_date: newDate }, { runId })).toEqual(first);
    expect(termsUpdates()).toBe(before + 1);
    const moved = await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } });
    expect(localDate(moved.dueAt!, (await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } })).ianaTimezone)).toBe(newDate);
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shopDomain, debt.customerGid!, [moved], double.clock.now());
    expect(timeline).toContainEqual(expect.objectContaining({ kind: "ledger", event: "terms_changed", fromFlow: true, newDueAt: moved.dueAt }));
  });

  it("Extend payment terms: a bad signature, more days than the limit, an unknown order or a date badly written change nothing, each with a clear answer", async () => {
    const debt = await lateDebt(-90, 1_000);
    const before = termsUpdates();
    const order = numeric(debt.resourceGid);
    expect(await deliver("extend-payment-terms", { order_id: order, days: 5 }, { secret: "not-the-app-secret" })).toMatchObject({ status: 401 });
    expect(await deliver("extend-payment-terms", { order_id: order, days: 45 })).toEqual({
      status: 422,
      body: { message: `Payment terms of ${debt.name} not changed: Enter a whole number of days from 1 to 30.` },
    });
    expect(await deliver("extend-payment-terms", { order_id: "999999999", days: 5 })).toEqual({
      status: 422,
      body: { message: "Quita has no open debt for order gid://shopify/Order/999999999 in this shop" },
    });
    expect((await deliver("extend-payment-terms", { order_id: order, new_due_date: "12/01/2027" })).body!.message).toMatch(/YYYY-MM-DD/);
    expect(termsUpdates()).toBe(before);
    expect(await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } })).toMatchObject({ dueAt: debt.dueAt });
  });
});
