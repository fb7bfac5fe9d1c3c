import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";

// A settlement discount offered to a late customer on the local Shopify double (issue #10): within
// the shop's limits a code is made in Shopify for exactly that customer, usable once, ending when
// the offer does, and the customer's letter carries it; beyond them nothing is made in Shopify.

const DAY = 86_400_000;
const LIMITS = { maxDiscountPercent: 10, maxFixedAmount: "50", minDaysOverdue: 15, offerExpiryDays: 7, automaticOffers: false };

const DISCOUNT = `query Discount($id: ID!) {
  codeDiscountNode(id: $id) {
    codeDiscount {
      ... on DiscountCodeBasic {
        status startsAt endsAt usageLimit appliesOncePerCustomer
        codes(first: 1) { nodes { code } }
        context { __typename ... on DiscountCustomers { customers { id } } }
        customerGets { value { __typename ... on DiscountPercentage { percentage } ... on DiscountAmount { amount { amount currencyCode } } } }
      }
    }
  }
}`;

describe.each(databaseKinds())("settlement discounts on the Shopify double (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shopDomain: string;

  const shop = () => prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  const discountsInShopify = () => double.store.shop(shopDomain)!.discounts.size;
  /** A customer's open debts, the oldest `minDays` or more overdue. */
  async function lateCustomer(minDays: number, maxDays = 1_000): Promise<{ key: string; debts: Receivable[] }> {
    const now = double.clock.now();
    const debts = await prisma.receivable.findMany({ where: { shopDomain, status: "open", customerGid: { not: null } }, orderBy: { dueAt: "asc" } });
    const late = debts.find((d) => d.dueAt && now.getTime() - d.dueAt.getTime() >= (minDays + 1) * DAY && now.getTime() - d.dueAt.getTime() < maxDays * DAY);
    expect(late, `the wholesale shop has a customer ${minDays}+ days late`).toBeDefined();
    return { key: late!.customerGid!, debts: debts.filter((d) => d.customerGid === late!.customerGid) };
  }
  const offer = async (key: string, debts: Receivable[], request: { kind: "percent"; percent: string } | { kind: "amount"; amount: string }) => {
    const { offerSettlementDiscount } = await import("../../app/.server/incentives/settlement-discounts.server");
    return offerSettlementDiscount(await shop(), key, debts, request, graphql, double.clock.now(), "merchant");
  };

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain } = setup);
    const current = await shop();
    await prisma.shop.update({ where: { domain: shopDomain }, data: { settings: { ...(current.settings as object), incentives: LIMITS } } });
  });
  afterAll(() => setup?.close());

  it("GIVEN a customer 15+ days late WHEN offered 5% THEN Shopify has a code for them alone, used once, ending with the offer, and their letter carries it", async () => {
    const { key, debts } = await lateCustomer(15);
    const result = await offer(key, debts, { kind: "percent", percent: "5" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stored = await prisma.settlementOffer.findUniqueOrThrow({ where: { id: result.offer.id } });
    // The instant the offer was made (the double's clock runs on while the test reads it back).
    const now = stored.createdAt;
    // Open to the end of the seventh day after, where the shop is (domain test: settlement-discount.test.ts).
    const { offerEnd } = await import("../../app/domain/incentives/settlement-discount");
    expect(stored.endsAt).toEqual(offerEnd(now, 7, (await shop()).ianaTimezone));
    const { runAdminOperation } = await import("../../app/.server/shopify/admin-graphql.server");
    const read = await runAdminOperation<{ codeDiscountNode: { codeDiscount: Record<string, unknown> } }>(graphql, "Discount", DISCOUNT, {
      id: stored.discountGid,
    });
    expect(read.codeDiscountNode.codeDiscount).toEqual({
      status: "ACTIVE",
      startsAt: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
      endsAt: stored.endsAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      usageLimit: 1,
      appliesOncePerCustomer: true,
      codes: { nodes: [{ code: result.offer.code }] },
      context: { __typename: "DiscountCustomers", customers: [{ id: key }] },
      customerGets: { value: { __typename: "DiscountPercentage", percentage: 0.05 } },
    });

    // The customer's next letter with an offer says it, with the code, in their language.
    const { openSettlementOffer, phrasingOf } = await import("../../app/.server/incentives/settlement-discounts.server");
    const { writeLetter } = await import("../../app/.server/reminders/letter.server");
    const open = await openSettlementOffer(shopDomain, key, now);
    expect(open).toMatchObject({ code: result.offer.code, discount: { percentage: "0.05", amount: null } });
    // As the sender writes a letter of a stage with an offer: the offer phrased in the letter's language.
    const current = await shop();
    const letter = writeLetter(
      current,
      "proposal",
      debts.map((d) => ({ ...d, customerLocale: "pt-BR" })),
      now,
      phrasingOf(open!, current.ianaTimezone),
    );
    // (Letters wrap at 100 characters: read it as one line.)
    expect(letter.body.replace(/\s+/g, " ")).toContain(`5% de desconto no próximo pedido com o código ${result.offer.code}`);
    expect(await openSettlementOffer(shopDomain, key, new Date(now.getTime() + 8 * DAY))).toBeNull();
  });

  it("WHEN a fixed amount within the limit is offered THEN Shopify's discount is that amount in the shop's currency", async () => {
    const { key, debts } = await lateCustomer(15);
    const result = await offer(key, debts, { kind: "amount", amount: "25,50" });
    expect(result).toMatchObject({ ok: true, offer: { discount: { amount: "25.50", percentage: null } } });
    const stored = await prisma.settlementOffer.findFirstOrThrow({ where: { customerKey: key, amount: { not: null } } });
    const { runAdminOperation } = await import("../../app/.server/shopify/admin-graphql.server");
    const read = await runAdminOperation<{
      codeDiscountNode: { codeDiscount: { customerGets: { value: { amount: { amount: string; currencyCode: string } } } } };
    }>(graphql, "Discount", DISCOUNT, { id: stored.discountGid });
    const { amount } = read.codeDiscountNode.codeDiscount.customerGets.value;
    expect(Number(amount.amount)).toBe(25.5);
    expect(amount.currencyCode).toBe((await shop()).currencyCode);
  });

  it("WHEN the merchant offers from the customer's page THEN the code is said, the offer is on the timeline, and a refusal names the field", async () => {
    const { runOfferAction } = await import("../../app/.server/customers/offer-action.server");
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const { key, debts } = await lateCustomer(15);
    const form = (kind: string, value: string) => {
      const data = new FormData();
      for (const [name, v] of Object.entries({ intent: "offer_discount", kind, value })) data.set(name, v);
      return data;
    };
    const ctx = { shopDomain, customerKey: key, graphql, now: double.clock.now() };
    expect(await runOfferAction(form("percent", "12"), ctx)).toEqual({
      intent: "offer_discount",
      ok: false,
      errors: { percent: { code: "wholeNumberBetween", params: { least: 1, most: 10 } } },
    });
    const made = await runOfferAction(form("percent", "8"), ctx);
    expect(made).toMatchObject({ intent: "offer_discount", ok: true, offer: { percentage: "0.08", amount: null } });
    const code = made.ok ? made.offer.code : "";
    const timeline = await customerTimeline(shopDomain, key, debts, double.clock.now());
    expect(timeline.find((e) => e.kind === "offer")).toMatchObject({ kind: "offer", code, percentage: "0.08" });
  });

  it("WHEN an offer is beyond the shop's limits or too early THEN it is refused for the field and nothing is made in Shopify", async () => {
    const before = discountsInShopify();
    const offersBefore = await prisma.settlementOffer.count();
    const { key, debts } = await lateCustomer(15);
    expect(await offer(key, debts, { kind: "percent", percent: "15" })).toEqual({
      ok: false,
      field: "percent",
      problem: { code: "wholeNumberBetween", params: { least: 1, most: 10 } },
    });
    expect(await offer(key, debts, { kind: "amount", amount: "80" })).toMatchObject({ ok: false, field: "amount", problem: { code: "amountAboveLimit" } });
    const early = await lateCustomer(1, 14);
    expect(await offer(early.key, early.debts, { kind: "percent", percent: "5" })).toMatchObject({ ok: false, problem: { code: "offerTooEarly" } });
    expect(discountsInShopify()).toBe(before);
    expect(await prisma.settlementOffer.count()).toBe(offersBefore);
  });

  it("GIVEN a letter of a stage that carries an offer WHEN the merchant lets the policy make offers THEN it makes the best one the limits allow, once, and never before", async () => {
    const { offerForLetter } = await import("../../app/.server/incentives/settlement-discounts.server");
    const { key, debts } = await lateCustomer(15);
    await prisma.settlementOffer.deleteMany({ where: { customerKey: key } });
    const before = discountsInShopify();
    // Off (the default): the merchant approves each offer; the letter goes without.
    expect(await offerForLetter(await shop(), key, debts, graphql, double.clock.now())).toBeNull();
    expect(discountsInShopify()).toBe(before);

    const current = await shop();
    await prisma.shop.update({
      where: { domain: shopDomain },
      data: { settings: { ...(current.settings as object), incentives: { ...LIMITS, automaticOffers: true } } },
    });
    const made = await offerForLetter(await shop(), key, debts, graphql, double.clock.now());
    expect(made).toMatchObject({ discount: { percentage: "0.10", amount: null } });
    expect(await prisma.settlementOffer.findUniqueOrThrow({ where: { id: made!.id } })).toMatchObject({ source: "policy", customerKey: key, code: made!.code });
    expect(discountsInShopify()).toBe(before + 1);
    // The next letter carries the same offer while it is open: no second code.
    expect(await offerForLetter(await shop(), key, debts, graphql, double.clock.now())).toMatchObject({ id: made!.id, code: made!.code });
    expect(discountsInShopify()).toBe(before + 1);
    // Too early for the limits: nothing, even with the policy on.
    const early = await lateCustomer(1, 14);
    expect(await offerForLetter(await shop(), early.key, early.debts, graphql, double.clock.now())).toBeNull();
    expect(discountsInShopify()).toBe(before + 1);
    await prisma.shop.update({ where: { domain: shopDomain }, data: { settings: current.settings as object } });
  });

  it("GIVEN an open offer WHEN its end passes THEN the collections pass expires it, letters stop carrying it, and the timeline says it ended", async () => {
    const { key, debts } = await lateCustomer(15);
    const made = await offer(key, debts, { kind: "percent", percent: "5" });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const { expireSettlementOffers, openSettlementOffer } = await import("../../app/.server/incentives/settlement-discounts.server");
    expect(await expireSettlementOffers(shopDomain, double.clock.now())).toBe(0);
    // Still open on its last day, to that day's end where the shop is; ended a minute after.
    const stored = await prisma.settlementOffer.findUniqueOrThrow({ where: { id: made.offer.id } });
    double.controls.advanceClock({ minutes: Math.floor((stored.endsAt.getTime() - double.clock.now().getTime()) / 60_000) - 1 });
    expect(await expireSettlementOffers(shopDomain, double.clock.now())).toBe(0);
    double.controls.advanceClock({ minutes: 2 });
    const later = double.clock.now();
    expect(await expireSettlementOffers(shopDomain, later)).toBeGreaterThanOrEqual(1);
    expect(await prisma.settlementOffer.findUniqueOrThrow({ where: { id: made.offer.id } })).toMatchObject({ status: "expired" });
    expect(await openSettlementOffer(shopDomain, key, later)).toBeNull();
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shopDomain, key, debts, later);
    expect(timeline.filter((e) => e.kind === "offer_ended" && e.code === made.offer.code)).toHaveLength(1);
  });

  it("GIVEN an offer WHEN the customer's next order uses its code THEN Shopify takes it once, for them alone, and Quita records the offer used, on that order, at its cost", async () => {
    const { key, debts } = await lateCustomer(15);
    const made = await offer(key, debts, { kind: "percent", percent: "10" });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const customerId = key.split("/").pop()!;
    const other = [...double.store.shop(shopDomain)!.customers.values()].find((c) => String(c.id) !== customerId)!;
    // Another customer cannot use it; nor can a code that does not exist.
    expect(() => double.controls.createOrder({ customer: other.id, amount: "200.00", discountCode: made.offer.code })).toThrow("Discount code isn't valid");
    // The customer can, once: 10% of 200.00.
    const order = double.controls.createOrder({ customer: customerId, amount: "200.00", discountCode: made.offer.code.toLowerCase() });
    expect(order.discountCodes).toEqual([{ code: made.offer.code, amount: 2000, type: "percentage" }]);
    expect(() => double.controls.createOrder({ customer: customerId, amount: "200.00", discountCode: made.offer.code })).toThrow("Discount code isn't valid");
    await double.webhooks.drain();
    await applyWebhooks();

    expect(await prisma.settlementOffer.findUniqueOrThrow({ where: { id: made.offer.id } })).toMatchObject({
      status: "used",
      usedOrderGid: `gid://shopify/Order/${order.id}`,
      usedOrderName: order.name,
    });
    const used = await prisma.settlementOffer.findUniqueOrThrow({ where: { id: made.offer.id } });
    expect(used.discountAmount?.toFixed(2)).toBe("20.00");
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shopDomain, key, debts, double.clock.now());
    expect(timeline.filter((e) => e.kind === "offer_used")).toMatchObject([{ code: made.offer.code, order: order.name, amount: "20", currency: "BRL" }]);
    const { readCollectionsOverview } = await import("../../app/.server/collections/overview.server");
    const current = await shop();
    const overview = await readCollectionsOverview(
      { domain: shopDomain, ianaTimezone: current.ianaTimezone, currencyCode: current.currencyCode, readAllOrders: true },
      double.clock.now(),
    );
    expect(overview.incentiveCost).toEqual([{ currency: "BRL", amount: "20.00", offers: 1 }]);
  });
});
