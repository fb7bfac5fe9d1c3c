import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";

// A settlement discount taken off an open invoiced draft order on the local Shopify double (issue
// #10): within the shop's limits Shopify's draft carries it and owes less at once, the customer's
// next letter says so and goes through that draft's invoice again; beyond them, or over a discount
// of the merchant's own, nothing changes in Shopify. Unpaid by its end it comes off the draft; paid
// with it, the offer was used at what it took off.

// Offers from the due date on (how late a debt must be is the code offers' test's concern).
const LIMITS = { maxDiscountPercent: 10, maxFixedAmount: "50", minDaysOverdue: 0, offerExpiryDays: 7, automaticOffers: false };

describe.each(databaseKinds())("discounts on open invoices on the Shopify double (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shopDomain: string;

  const jobs = () => runJobs({ graphqlFor: async () => graphql });
  const draftInShopify = (debt: Receivable) => double.store.shop(shopDomain)!.draftOrders.get(Number(debt.resourceGid.split("/").pop()))!;
  const used = new Set<number>();
  /**
   * A new invoiced draft order (no terms: due when invoiced) for a customer of the shop with an email
   * and no other debt, in Quita's ledger as a reconciliation reads it.
   */
  async function invoicedDraft(amount: string): Promise<Receivable> {
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    // Someone who owes nothing else and was never written to: no letter of another test's pass is theirs.
    const customers = [...double.store.shop(shopDomain)!.customers.values()].filter((c) => c.email && !used.has(c.id));
    let customer = customers[0]!;
    for (const candidate of customers) {
      const key = `gid://shopify/Customer/${candidate.id}`;
      const busy =
        (await prisma.receivable.count({ where: { shopDomain, customerGid: key } })) + (await prisma.reminder.count({ where: { customerKey: key } }));
      if (busy === 0) {
        customer = candidate;
        break;
      }
    }
    used.add(customer.id);
    const draft = double.controls.createDraftOrder({ customer: customer.id, amount });
    const { sendDraftOrderInvoice } = await import("../../app/.server/shopify/draft-orders.server");
    await sendDraftOrderInvoice(graphql, `gid://shopify/DraftOrder/${draft.id}`, { to: customer.email!, subject: "Your invoice", customMessage: "" });
    // As a reconciliation reads it (the webhook may be retried later under load: the same updated_at is then a no-op).
    const gid = `gid://shopify/DraftOrder/${draft.id}`;
    const { fetchDraftOrder } = await import("../../app/.server/shopify/draft-orders.server");
    const { applySnapshot } = await import("../../app/.server/ledger/receivables.server");
    const snapshot = (await fetchDraftOrder(graphql, gid))!;
    const clock = { domain: shopDomain, ianaTimezone: shop.ianaTimezone, currency: shop.currencyCode, now: double.clock.now() };
    await prisma.$transaction((tx) => applySnapshot(tx, clock, snapshot, { source: "reconcile", sourceId: null }));
    return prisma.receivable.findFirstOrThrow({ where: { shopDomain, resourceGid: gid, status: "open" } });
  }
  async function offerOn(debt: Receivable, kindOf: "percent" | "amount", value: string) {
    const { runOfferAction } = await import("../../app/.server/customers/offer-action.server");
    const form = new FormData();
    form.set("intent", "offer_discount");
    form.set("target", debt.resourceGid);
    form.set("kind", kindOf);
    form.set("value", value);
    return runOfferAction(form, { shopDomain, customerKey: debt.customerGid!, graphql, now: double.clock.now() });
  }
  const ledgerRow = (debt: Receivable) => prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } });

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain } = setup);
    const current = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    await prisma.shop.update({ where: { domain: shopDomain }, data: { settings: { ...(current.settings as object), incentives: LIMITS } } });
  });
  afterAll(() => setup?.close());

  it("GIVEN an invoice due today WHEN 5% is taken off it THEN Shopify's draft carries it, Quita owes 5% less at once, and the letter asked for now says so through that invoice", async () => {
    // Letters go in the shop's hours: a weekday morning in São Paulo.
    advanceToShopHour(double, 10);
    const debt = await invoicedDraft("1234.50");
    const before = debt!.outstandingAmount;

    const answer = await offerOn(debt!, "percent", "5");
    expect(answer).toMatchObject({ ok: true, offer: { code: null, invoice: debt!.name, percentage: "0.05", resend: { outcome: "queued" } } });
    expect(draftInShopify(debt!).appliedDiscount).toMatchObject({ valueType: "PERCENTAGE", value: 5, title: "Settlement discount" });
    const row = await ledgerRow(debt!);
    expect(row.outstandingAmount.toFixed(2)).toBe("1172.77"); // 1234.50 less 61.73 (5%, rounded as Shopify does)
    expect(before.toFixed(2)).toBe("1234.50");
    const event = await prisma.receivableEvent.findFirstOrThrow({ where: { receivableId: debt!.id, type: "amount_reduced" } });
    expect(event.source).toBe("invoice-discount");
    // The timeline still says what the invoice came to, then what the discount took off.
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shopDomain, debt.customerGid!, [row], double.clock.now());
    expect(timeline.find((e) => e.kind === "order_placed")).toMatchObject({ amount: "1234.5", currency: "BRL" });
    expect(timeline.find((e) => e.kind === "ledger" && e.event === "amount_reduced")).toMatchObject({ change: { amount: "61.73" } });

    await jobs();
    const reminder = await prisma.reminder.findFirstOrThrow({ where: { shopDomain, status: "sent", items: { some: { receivableId: debt!.id } } } });
    expect(reminder.resourceGid, "the letter goes through the discounted invoice").toBe(debt!.resourceGid);
    const mail = double.mailbox.list().find((m) => m.kind === "draft_order_invoice" && m.customMessage === reminder.body);
    expect(mail, "Shopify sent the draft's invoice with the letter").toBeDefined();
    const body = reminder.body!.replace(/\s+/g, " ");
    expect(body).toContain(reminder.locale === "es" ? "5 %" : "5%");
    expect(body).toContain(debt!.name);

    // The same invoice again: one discount at a time.
    const again = await offerOn(debt!, "percent", "5");
    expect(again).toMatchObject({ ok: false, errors: { target: { code: "invoiceAlreadyDiscounted" } } });
  });

  it("GIVEN the shop's limits or the merchant's own discount WHEN a discount is asked beyond them THEN it is refused by the field and Shopify's draft is unchanged", async () => {
    const debt = await invoicedDraft("40.00");
    const other = await invoicedDraft("300.00");
    const tooMuch = await offerOn(debt!, "percent", "20");
    expect(tooMuch).toMatchObject({ ok: false, errors: { percent: { code: "wholeNumberBetween", params: { most: 10 } } } });
    const aboveDebt = await offerOn(debt!, "amount", "45");
    expect(aboveDebt).toMatchObject({ ok: false, errors: { amount: { code: "amountNotBelowDebt" } } });
    expect(draftInShopify(debt!).appliedDiscount).toBeNull();

    draftInShopify(other!).appliedDiscount = { title: "Loyal customer", valueType: "PERCENTAGE", value: 3 };
    const ownDiscount = await offerOn(other!, "percent", "5");
    expect(ownDiscount).toMatchObject({ ok: false, errors: { target: { code: "invoiceHasDiscount" } } });
    expect(draftInShopify(other!).appliedDiscount).toMatchObject({ title: "Loyal customer", value: 3 });
    expect(await prisma.settlementOffer.count({ where: { draftOrderGid: other!.resourceGid } })).toBe(0);
  });

  it("GIVEN invoice discounts WHEN one is paid and the other's end passes unpaid THEN the first was used at its cost, the second came off its draft and Quita owes the full amount again", async () => {
    const paid = await invoicedDraft("500.00");
    const unpaid = await invoicedDraft("200.00");
    expect((await offerOn(paid, "amount", "25")).ok).toBe(true);
    expect((await offerOn(unpaid, "percent", "10")).ok).toBe(true);
    expect((await ledgerRow(unpaid)).outstandingAmount.toFixed(2)).toBe("180.00");
    const offer = await prisma.settlementOffer.findFirstOrThrow({ where: { draftOrderGid: paid.resourceGid } });

    double.controls.completeDraftOrder({ draftOrder: paid.resourceGid });
    await double.webhooks.drain();
    await applyWebhooks();
    double.controls.advanceClock({ days: 8 });
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(shopDomain);
    await jobs();

    const used = await prisma.settlementOffer.findUniqueOrThrow({ where: { id: offer.id } });
    expect(used).toMatchObject({ status: "used", usedOrderName: paid.name });
    expect(used.discountAmount!.toFixed(2)).toBe("25.00");

    const ended = await prisma.settlementOffer.findFirstOrThrow({ where: { draftOrderGid: unpaid!.resourceGid } });
    expect(ended.status).toBe("expired");
    expect(draftInShopify(unpaid!).appliedDiscount).toBeNull();
    expect((await ledgerRow(unpaid!)).outstandingAmount.toFixed(2)).toBe("200.00");

    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shopDomain, unpaid!.customerGid!, [await ledgerRow(unpaid!)], double.clock.now());
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["offer", "offer_ended"]));
  });
});
