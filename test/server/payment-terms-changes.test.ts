import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { advanceToShopHour } from "../support/shop-time";
import { runJobs } from "../support/jobs";
import type { ShopifyDouble } from "../shopify-double/index";
import { planReminders } from "../../app/domain/cadence/plan";
import { addDays } from "../../app/domain/cadence/local-time";
import { localDate } from "../../app/domain/ledger/aging";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";

// New payment terms for a late customer's order on the local Shopify double (issue #10): the
// merchant moves the due date from the customer's page, Shopify's order gets terms due that day,
// the ledger has the new date at once (the webhooks after it change nothing), the cadence plans
// from it, and the timeline says so. Beyond the shop's limits nothing changes in Shopify; Shopify's
// own refusal reaches the merchant in its words.

const DAY = 86_400_000;
const LIMITS = { maxDiscountPercent: 10, maxFixedAmount: "50", minDaysOverdue: 15, offerExpiryDays: 7, maxExtensionDays: 30 };

const ORDER_TERMS = `query OrderTerms($id: ID!) {
  order(id: $id) { updatedAt paymentTerms { id paymentTermsType paymentSchedules(first: 2) { nodes { dueAt } } } }
}`;

describe.each(databaseKinds())("new payment terms on the Shopify double (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shopDomain: string;
  const used = new Set<string>();

  const shop = () => prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  /** A customer whose only open debt is an order on terms, 15 to 40 days overdue, not used by another test. */
  async function lateCustomer(): Promise<{ key: string; debt: Receivable }> {
    const now = double.clock.now();
    const debts = await prisma.receivable.findMany({ where: { shopDomain, status: "open", customerGid: { not: null } }, orderBy: { dueAt: "asc" } });
    const count = (key: string) => debts.filter((d) => d.customerGid === key).length;
    const debt = debts.find((d) => {
      const late = d.dueAt ? (now.getTime() - d.dueAt.getTime()) / DAY : 0;
      return d.kind === "order" && d.paymentTermsId && d.customerEmail && late >= 15 && late < 40 && count(d.customerGid!) === 1 && !used.has(d.customerGid!);
    });
    expect(debt, "the wholesale shop has a customer with one order 15-40 days late").toBeDefined();
    used.add(debt!.customerGid!);
    return { key: debt!.customerGid!, debt: debt! };
  }
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries({ intent: "change_terms", ...fields })) data.set(name, value);
    return data;
  };
  const change = async (key: string, fields: Record<string, string>) => {
    const { runTermsAction } = await import("../../app/.server/customers/terms-action.server");
    return runTermsAction(form(fields), { shopDomain, customerKey: key, graphql, now: double.clock.now() });
  };
  const termsInShopify = async (orderGid: string) => {
    const { runAdminOperation } = await import("../../app/.server/shopify/admin-graphql.server");
    const data = await runAdminOperation<{ order: { paymentTerms: { paymentTermsType: string; paymentSchedules: { nodes: { dueAt: string }[] } } } }>(
      graphql,
      "OrderTerms",
      ORDER_TERMS,
      { id: orderGid },
    );
    return data.order.paymentTerms;
  };
  /** The customer's letters the planner would write now. */
  const lettersNow = async (key: string) => {
    const { loadPlanInput } = await import("../../app/.server/reminders/collection-state.server");
    return planReminders(await loadPlanInput(prisma, await shop(), double.clock.now(), { customerKeys: [key] })).letters;
  };
  const nextContact = async (debt: Receivable) => {
    const { nextContactsOfReceivables } = await import("../../app/.server/collections/next-contacts.server");
    return (await nextContactsOfReceivables(await shop(), double.clock.now(), [debt.customerGid!])).get(debt.id) ?? null;
  };

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { backfill: false });
    ({ prisma, double, graphql, shopDomain } = setup);
    advanceToShopHour(double, 10);
    const { backfillShop } = await import("../../app/.server/ledger/sync.server");
    await backfillShop(shopDomain, graphql, double.clock.now());
    await double.webhooks.drain();
    await applyWebhooks();
    const current = await shop();
    await prisma.shop.update({ where: { domain: shopDomain }, data: { settings: { ...(current.settings as object), incentives: LIMITS } } });
  });
  afterAll(() => setup?.close());

  it("GIVEN a late order WHEN the merchant gives ten more days THEN Shopify's order is due that day, the ledger says so at once, and the next reminder moves past it", async () => {
    const { key, debt } = await lateCustomer();
    const zone = (await shop()).ianaTimezone;
    const today = localDate(double.clock.now(), zone);
    const newDate = addDays(today, 10);
    expect((await lettersNow(key)).length, "a late customer gets a letter today").toBe(1);
    const before = await nextContact(debt);
    expect(before).toBe(today);

    const sent = double.webhooks.log.length;
    expect(await change(key, { order: debt.resourceGid, date: newDate })).toEqual({
      intent: "change_terms",
      ok: true,
      change: { name: debt.name, dueDate: newDate },
    });

    const terms = await termsInShopify(debt.resourceGid);
    expect(terms.paymentTermsType).toBe("FIXED");
    expect(localDate(new Date(terms.paymentSchedules.nodes[0]!.dueAt), zone)).toBe(newDate);
    // Before any webhook is applied: the ledger already has the new date, the debt is no longer late.
    const moved = await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } });
    expect(localDate(moved.dueAt!, zone)).toBe(newDate);
    expect(moved.agingBucket).toBe("current");
    expect(await lettersNow(key)).toEqual([]);
    const after = await nextContact(debt);
    expect(after, "the next letter comes later, from the new due date").not.toBeNull();
    expect(after! > today).toBe(true);

    // Shopify's payment_terms/update and orders/updated then change nothing: same dates, no second event.
    await double.webhooks.drain();
    await applyWebhooks();
    const topics = double.webhooks.log.slice(sent).map((d) => d.topic);
    expect(topics).toEqual(["payment_terms/update", "orders/updated"]);
    const applied = await prisma.webhookDelivery.findMany({ where: { topic: { in: topics } }, orderBy: { seq: "desc" }, take: 2 });
    // (An order billed in another currency is also read again, "unchanged+reread": its REST body lacks the billed balance.)
    expect(applied.map((d) => d.outcome?.split("+")[0])).toEqual(["unchanged", "unchanged"]);
    await runJobs({ graphqlFor: async () => graphql });
    const settled = await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } });
    expect(settled.dueAt).toEqual(moved.dueAt);
    expect(settled.sourceUpdatedAt).toEqual(moved.sourceUpdatedAt);
    const events = await prisma.receivableEvent.findMany({ where: { receivableId: debt.id, type: "terms_changed" } });
    expect(events.map((e) => e.source)).toEqual(["terms-change:merchant"]);

    // The customer's timeline says the order is now due that day.
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shopDomain, key, [settled], double.clock.now());
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: "ledger", event: "terms_changed", newDueAt: settled.dueAt, previousDueAt: debt.dueAt, fromFlow: false }),
    );
  });

  it("GIVEN the shop's limit of 30 days WHEN the merchant asks for 45, or a day already gone THEN refused next to the date and nothing changes in Shopify", async () => {
    const { key, debt } = await lateCustomer();
    const zone = (await shop()).ianaTimezone;
    const today = localDate(double.clock.now(), zone);
    const termsBefore = await termsInShopify(debt.resourceGid);
    const webhooksBefore = double.webhooks.log.length;
    expect(await change(key, { order: debt.resourceGid, date: addDays(today, 45) })).toEqual({
      intent: "change_terms",
      ok: false,
      errors: { date: { code: "dueDateTooFar", params: { days: 30, latest: addDays(today, 30) } } },
    });
    expect(await change(key, { order: debt.resourceGid, date: today })).toMatchObject({ ok: false, errors: { date: { code: "dueDateNotAfterToday" } } });
    expect(await change(key, { order: "gid://shopify/Order/1", date: addDays(today, 5) })).toMatchObject({
      ok: false,
      errors: { order: { code: "orderNotOpen" } },
    });
    expect(await termsInShopify(debt.resourceGid)).toEqual(termsBefore);
    expect(double.webhooks.log.length).toBe(webhooksBefore);
    expect(await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } })).toMatchObject({ dueAt: debt.dueAt });
  });

  it("GIVEN a B2B order whose terms were removed in Shopify WHEN the merchant gives it a due date THEN Shopify's order gets fixed terms, and the ledger dates it", async () => {
    const debt = await prisma.receivable.findFirst({
      where: { shopDomain, status: "open", kind: "order", companyGid: { not: null }, paymentTermsId: { not: null }, customerGid: { notIn: [...used] } },
    });
    expect(debt, "the wholesale shop has a B2B order on terms").not.toBeNull();
    used.add(debt!.customerGid!);
    const { runAdminOperation } = await import("../../app/.server/shopify/admin-graphql.server");
    await runAdminOperation(
      graphql,
      "DeleteTerms",
      `mutation DeleteTerms($input: PaymentTermsDeleteInput!) { paymentTermsDelete(input: $input) { deletedId userErrors { message } } }`,
      {
        input: { paymentTermsId: `gid://shopify/PaymentTerms/${debt!.paymentTermsId}` },
      },
    );
    await double.webhooks.drain();
    await applyWebhooks();
    expect(await prisma.receivable.findUniqueOrThrow({ where: { id: debt!.id } })).toMatchObject({ status: "open", paymentTermsId: null, dueAt: null });

    const zone = (await shop()).ianaTimezone;
    const newDate = addDays(localDate(double.clock.now(), zone), 20);
    expect(await change(debt!.customerGid!, { order: debt!.resourceGid, date: newDate })).toMatchObject({ ok: true, change: { dueDate: newDate } });
    const terms = await termsInShopify(debt!.resourceGid);
    expect(terms.paymentTermsType).toBe("FIXED");
    const dated = await prisma.receivable.findUniqueOrThrow({ where: { id: debt!.id } });
    expect(dated.paymentTermsId).not.toBeNull();
    expect(localDate(dated.dueAt!, zone)).toBe(newDate);
    expect(dated.agingBucket).toBe("current");
  });

  it("GIVEN an order paid in Shopify that Quita has not heard of yet WHEN its terms are moved THEN Shopify's refusal in its words", async () => {
    const { key, debt } = await lateCustomer();
    double.controls.payOrder({ order: Number(debt.resourceGid.split("/").pop()) });
    const today = localDate(double.clock.now(), (await shop()).ianaTimezone);
    expect(await change(key, { order: debt.resourceGid, date: addDays(today, 5) })).toEqual({
      intent: "change_terms",
      ok: false,
      errors: { form: { code: "shopifyRefused", params: { message: "Cannot create payment terms on an Order that has already been paid in full." } } },
    });
  });
});
