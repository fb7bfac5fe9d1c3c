import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";
import { localDate } from "../../app/domain/ledger/aging";

// An installment agreement on the local Shopify double (issue #10): an overdue B2B order split in
// three draft orders for the order's company, each invoiced on its day exactly once as the clock
// moves, each paid by the buyer at Shopify's checkout; all paid, the original order is marked paid.
// One that breaks at installment 2: one friendly notice, one Flow trigger, the cadence resumes.

const TZ = "America/Sao_Paulo";

describe.each(databaseKinds())("installment agreements on the Shopify double (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shopDomain: string;

  /** The invoices Shopify emailed the buyer for draft orders, oldest first (the mailbox lists the newest first). */
  const installmentMails = (debt: Receivable) =>
    double.mailbox
      .list({ kind: "draft_order_invoice" })
      .filter((m) => m.to === debt.customerEmail)
      .reverse();
  /** A day passes as the shop lives it: webhooks applied, then the collections pass and every job it queues. */
  const pass = async () => {
    await double.webhooks.drain();
    await applyWebhooks();
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(shopDomain);
    await runJobs({ graphqlFor: async () => graphql });
    await double.webhooks.drain();
    await applyWebhooks();
  };
  const lettersAbout = (debt: Receivable) => prisma.reminderItem.count({ where: { receivableId: debt.id, reminderId: { not: null } } });
  const payDraft = (gid: string) => double.controls.completeDraftOrder({ draftOrder: gid });
  /** The agreement's events on the customer's timeline, oldest first. */
  const timelineOf = async (debt: Receivable) => {
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const { debtsOf } = await import("../../app/.server/customers/customer-facts.server");
    const entries = await customerTimeline(shopDomain, debt.customerGid!, await debtsOf(shopDomain, debt.customerGid!), double.clock.now());
    return entries
      .flatMap((e) => (e.kind === "agreement" ? [`${e.event}${e.number ? ` ${e.number}` : ""}`] : e.kind === "flow" ? [`flow ${e.handle}`] : []))
      .reverse();
  };
  const installments = (agreementId: string) => prisma.installment.findMany({ where: { agreementId }, orderBy: { number: "asc" } });

  /** An overdue B2B order on terms whose buyer has an email, and an agreement of 3 every 30 days from today. */
  async function agreeOnThree(): Promise<{ debt: Receivable; agreementId: string }> {
    const debt = await prisma.receivable.findFirstOrThrow({
      where: { shopDomain, status: "open", kind: "order", companyGid: { not: null }, customerEmail: { not: null }, dueAt: { lt: double.clock.now() } },
      orderBy: { dueAt: "desc" },
    });
    const { offerInstallmentPlan } = await import("../../app/.server/incentives/installment-agreements.server");
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    const now = double.clock.now();
    const request = { count: "3", firstDate: localDate(now, TZ), intervalDays: "30" };
    const result = await offerInstallmentPlan(shop, debt.customerGid!, debt.id, request, graphql, now);
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return { debt, agreementId: result.agreementId };
  }

  beforeEach(async () => {
    setup = await startShopOnDouble(kind);
    ({ prisma, double, graphql, shopDomain } = setup);
    advanceToShopHour(double, 7);
  });
  afterEach(() => setup?.close());

  it("GIVEN 3 installments WHEN each is paid on its invoice THEN each invoice went once on its day, the order is marked paid, and no reminder came meanwhile", async () => {
    const { debt, agreementId } = await agreeOnThree();
    const shop = double.store.shop(shopDomain)!;
    const rows = await installments(agreementId);
    // Three drafts for the order's company, contact and location, one custom line each, adding up to what was owed.
    const order = shop.orders.get(Number(debt.resourceGid.split("/").pop()))!;
    const drafts = rows.map((r) => shop.draftOrders.get(Number(r.draftOrderGid.split("/").pop()))!);
    for (const [i, d] of drafts.entries()) {
      expect(d.company).toEqual(order.company);
      expect(d.currency).toBe(debt.currency);
      expect(d.lineItems.map((li) => li.title)).toEqual([`Installment ${i + 1} of 3 — order ${debt.name}`]);
    }
    const cents = drafts.map((d) => d.lineItems[0]!.unitPrice);
    expect(cents.reduce((a, b) => a + b, 0)).toBe(Math.round(Number(debt.outstandingAmount.toFixed(2)) * 100));
    expect(await prisma.receivable.count({ where: { resourceGid: { in: rows.map((r) => r.draftOrderGid) } } })).toBe(0);

    await pass(); // 07:00: not yet the hour
    expect(installmentMails(debt)).toHaveLength(0);
    for (let n = 0; n < 3; n++) {
      advanceToShopHour(double, 10);
      await pass();
      await pass(); // a second pass the same day sends nothing again
      const mails = installmentMails(debt);
      expect(mails, `installment ${n + 1}'s invoice, once`).toHaveLength(n + 1);
      expect(mails[n]!.resourceId).toBe(rows[n]!.draftOrderGid);
      expect(mails[n]!.customMessage).toContain(`${n + 1}`);
      expect(mails[n]!.customMessage).toContain(mails[n]!.link);
      payDraft(rows[n]!.draftOrderGid);
      await pass();
      if (n < 2) double.controls.advanceClock({ days: 29 });
    }
    const agreement = await prisma.installmentAgreement.findUniqueOrThrow({ where: { id: agreementId } });
    expect(agreement).toMatchObject({ status: "completed", settlement: "marked_paid" });
    expect((await installments(agreementId)).every((i) => i.paidAt && i.invoiceStatus === "sent")).toBe(true);
    expect(order.transactions.at(-1)).toMatchObject({ kind: "SALE", status: "SUCCESS" });
    expect((await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } })).status).toBe("paid");
    expect(await lettersAbout(debt)).toBe(0);
    expect(installmentMails(debt)).toHaveLength(3);
    const timeline = await timelineOf(debt);
    expect(timeline.filter((e) => !e.startsWith("flow"))).toEqual([
      "offered",
      "invoiced 1",
      "paid 1",
      "invoiced 2",
      "paid 2",
      "invoiced 3",
      "paid 3",
      "completed",
    ]);
  });

  it("GIVEN installment 1 paid WHEN installment 2 is not paid 3 days after its day THEN one notice, one Flow trigger, and the cadence writes about the order again", async () => {
    const { debt, agreementId } = await agreeOnThree();
    const rows = await installments(agreementId);
    advanceToShopHour(double, 10);
    await pass();
    payDraft(rows[0]!.draftOrderGid);
    await pass();
    double.controls.advanceClock({ days: 29 });
    advanceToShopHour(double, 10);
    await pass(); // installment 2 invoiced
    expect(installmentMails(debt)).toHaveLength(2);
    expect(await lettersAbout(debt)).toBe(0);
    // An hour before installment 2 counts as missed (its day + 3 days, 09:00 in the shop), whatever
    // weekday the run started on (a Sunday skipped to reach 10:00 would otherwise eat a grace day).
    const second = (await installments(agreementId))[1]!;
    const toGraceEnd = second.missedAt.getTime() - double.clock.now().getTime() - 3_600_000;
    double.controls.advanceClock({ minutes: Math.max(0, Math.floor(toGraceEnd / 60_000)) });
    await pass(); // within the grace days: nothing
    expect(installmentMails(debt)).toHaveLength(2);
    double.controls.advanceClock({ days: 1 });
    advanceToShopHour(double, 10);
    await pass();
    await pass();

    const agreement = await prisma.installmentAgreement.findUniqueOrThrow({ where: { id: agreementId } });
    expect(agreement.status).toBe("broken");
    const mails = installmentMails(debt);
    expect(mails, "installment 1 and 2's invoices and one notice").toHaveLength(3);
    expect(mails[2]!.resourceId).toBe(rows[1]!.draftOrderGid);
    expect(mails[2]!.subject).not.toBe(mails[1]!.subject);
    const triggers = double.store.shop(shopDomain)!.flowTriggers.filter((t) => t.handle === "installment-missed");
    expect(triggers).toHaveLength(1);
    expect(triggers[0]!.payload).toMatchObject({ order_id: debt.resourceGid, Installment: 2, "Installments in agreement": 3 });
    const timeline = await timelineOf(debt);
    expect(timeline.filter((e) => !e.startsWith("flow") || e.includes("installment"))).toEqual([
      "offered",
      "invoiced 1",
      "paid 1",
      "invoiced 2",
      "missed 2",
      "broken",
      "flow installment-missed",
    ]);
    // What was paid is recorded on the original order: what it still owes is the rest.
    expect(agreement.settlement).toBe(`paid_installments_recorded: ${rows[0]!.amount.toFixed(2)} ${debt.currency}`);
    const owed = await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } });
    expect(owed.status).toBe("open");
    expect(owed.outstandingAmount.toFixed(2)).toBe(debt.outstandingAmount.minus(rows[0]!.amount).toFixed(2));
    // Installment 3's invoice never goes out, and Quita's letters about the order resume.
    double.controls.advanceClock({ days: 30 });
    advanceToShopHour(double, 10);
    await pass();
    expect(installmentMails(debt)).toHaveLength(3);
    expect(await lettersAbout(debt)).toBeGreaterThan(0);
  });

  it("GIVEN an installment paid before its day WHEN its day comes THEN it is paid and its invoice never goes out", async () => {
    const { debt, agreementId } = await agreeOnThree();
    const rows = await installments(agreementId);
    payDraft(rows[0]!.draftOrderGid); // the buyer had the link from the merchant
    // Shopify's draft_orders/update says so: paid at once, before its day and any pass.
    await double.webhooks.drain();
    await applyWebhooks();
    expect((await installments(agreementId))[0]!.paidAt).not.toBeNull();
    advanceToShopHour(double, 10);
    await pass();
    const [first] = await installments(agreementId);
    expect(first!.paidAt).not.toBeNull();
    expect(first!.invoiceStatus).toBe("pending");
    expect(installmentMails(debt)).toHaveLength(0);
    expect((await timelineOf(debt)).filter((e) => !e.startsWith("flow"))).toEqual(["offered", "paid 1"]);
  });

  it("GIVEN an installment whose day is a Sunday WHEN its day comes THEN its invoice waits for Monday's sending hours, as every letter does", async () => {
    advanceToShopHour(double, 7, TZ, [0]);
    const { debt, agreementId } = await agreeOnThree();
    advanceToShopHour(double, 10, TZ, [0]);
    await pass();
    expect(installmentMails(debt), "nothing on a day the shop sends nothing").toHaveLength(0);
    expect((await installments(agreementId))[0]!.invoiceStatus).toBe("pending");
    advanceToShopHour(double, 9, TZ, [1]);
    await pass();
    expect(installmentMails(debt)).toHaveLength(1);
    expect((await installments(agreementId))[0]!.invoiceStatus).toBe("sent");
  });

  it("GIVEN a plan beyond the bounds THEN it is refused next to its field and nothing is made in Shopify", async () => {
    const debt = await prisma.receivable.findFirstOrThrow({ where: { shopDomain, status: "open", kind: "order", customerGid: { not: null } } });
    const { offerInstallmentPlan } = await import("../../app/.server/incentives/installment-agreements.server");
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    const drafts = () => double.store.shop(shopDomain)!.draftOrders.size;
    const before = drafts();
    const now = double.clock.now();
    const plan = (on: Receivable, count: string, firstDate: string) =>
      offerInstallmentPlan(shop, on.customerGid!, on.id, { count, firstDate, intervalDays: "30" }, graphql, now);
    expect(await plan(debt, "13", localDate(now, TZ))).toMatchObject({ ok: false, field: "count" });
    expect(await plan(debt, "1", localDate(now, TZ))).toMatchObject({ ok: false, field: "count" });
    expect(await plan(debt, "3", "2020-01-01")).toMatchObject({ ok: false, field: "firstDate" });
    expect(drafts()).toBe(before);
    expect(await prisma.installmentAgreement.count()).toBe(0);
    // An order already in a running plan gets no second one (the page no longer offers it either).
    const { debt: agreed } = await agreeOnThree();
    const withPlan = drafts();
    expect(await plan(agreed, "2", localDate(now, TZ))).toMatchObject({ ok: false, field: "debt", problem: { code: "alreadyInAgreement" } });
    expect(drafts()).toBe(withPlan);
    expect(await prisma.installmentAgreement.count()).toBe(1);
  });

  it("GIVEN Shopify refuses the second draft order THEN the merchant reads Shopify's words and the first draft is deleted", async () => {
    const debt = await prisma.receivable.findFirstOrThrow({ where: { shopDomain, status: "open", kind: "order", companyGid: { not: null } } });
    const { runInstallmentAction } = await import("../../app/.server/customers/installment-action.server");
    let creates = 0;
    // The second draft is asked with a quantity Shopify refuses: the double answers as Shopify does.
    const refusing: AdminGraphql = (query, options) => {
      if (!String(query).includes("CreateInstallmentDraftOrder") || ++creates !== 2) return graphql(query, options);
      const input = (options!.variables as { input: { lineItems: object[] } }).input;
      return graphql(query, { ...options, variables: { input: { ...input, lineItems: [{ ...input.lineItems[0], quantity: 0 }] } } });
    };
    const drafts = () => double.store.shop(shopDomain)!.draftOrders.size;
    const before = drafts();
    const form = new FormData();
    for (const [k, v] of Object.entries({ debt: debt.id, count: "3", firstDate: localDate(double.clock.now(), TZ), intervalDays: "30" })) form.set(k, v);
    const result = await runInstallmentAction(form, { shopDomain, customerKey: debt.customerGid!, graphql: refusing, now: double.clock.now() });
    expect(result).toEqual({
      intent: "offer_installments",
      ok: false,
      errors: { form: { code: "shopifyRefused", params: { message: "Quantity must be greater than or equal to 1" } } },
    });
    expect(creates).toBe(2);
    expect(drafts()).toBe(before);
    expect(await prisma.installmentAgreement.count()).toBe(0);
  });
});
