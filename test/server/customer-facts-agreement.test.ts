import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";
import { isOverdueBucket, localDate } from "../../app/domain/ledger/aging";
import { fromUnits, toUnits } from "../../app/domain/ledger/money";
import { shareOfShopAmount } from "../../app/domain/incentives/agreement-progress";

// The customer's page while an installment agreement runs on an overdue order (issue #10): the
// order's row says where the plan stands (paid n of m, what is left, the next installment or the
// one overdue or missed), and the summary counts the order at what is left of the plan, not as
// overdue. The ledger is untouched: the order still owes its whole balance in Shopify.

const TZ = "America/Sao_Paulo";

describe.each(databaseKinds())("a customer's page during an installment agreement (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shopDomain: string;

  const factsOf = async (debt: Receivable) => {
    const { loadCustomerFacts } = await import("../../app/.server/customers/customer-facts.server");
    const facts = await loadCustomerFacts({ domain: shopDomain, ianaTimezone: TZ, locale: "en" }, debt.customerGid!, double.clock.now());
    return { facts: facts!, row: facts!.openDebts.find((d) => d.id === debt.id)! };
  };
  const sum = (amounts: string[]) => fromUnits(amounts.reduce((n, a) => n + toUnits(a), 0n));

  beforeEach(async () => {
    setup = await startShopOnDouble(kind);
    ({ prisma, double, graphql, shopDomain } = setup);
    advanceToShopHour(double, 7);
  });
  afterEach(() => setup?.close());

  it("GIVEN an overdue order in 3 installments, the first paid WHEN the page is read THEN its row shows the plan, the summary counts what is left of it, not overdue", async () => {
    const debt = await prisma.receivable.findFirstOrThrow({
      where: {
        shopDomain,
        status: "open",
        kind: "order",
        companyGid: { not: null },
        customerEmail: { not: null },
        dueAt: { lt: new Date(double.clock.now().getTime() - 7 * 86_400_000) },
      },
      orderBy: { dueAt: "desc" }, // as the demo chooses: a week or more overdue
    });
    const before = await factsOf(debt);
    expect(isOverdueBucket(debt.agingBucket)).toBe(true);
    expect(before.facts.statuses).toContain("overdue");
    expect(before.row.agreement).toBeNull();

    const { offerInstallmentPlan } = await import("../../app/.server/incentives/installment-agreements.server");
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    const request = { count: "3", firstDate: localDate(double.clock.now(), TZ), intervalDays: "30" };
    const result = await offerInstallmentPlan(shop, debt.customerGid!, debt.id, request, graphql, double.clock.now());
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    const rows = await prisma.installment.findMany({ where: { agreementId: result.agreementId }, orderBy: { number: "asc" } });
    double.controls.completeDraftOrder({ draftOrder: rows[0]!.draftOrderGid });
    await double.webhooks.drain();
    await applyWebhooks(); // draft_orders/update: installment 1 paid

    const { facts, row } = await factsOf(debt);
    const left = sum(rows.slice(1).map((r) => r.amount.toFixed()));
    expect(row.agreement).toEqual({
      id: result.agreementId,
      currency: debt.currency,
      count: 3,
      paid: 1,
      left,
      next: { number: 2, amount: fromUnits(toUnits(rows[1]!.amount.toFixed())), dueOn: rows[1]!.dueOn, state: "due" },
    });
    // The ledger follows Shopify: the order still owes its whole balance until the plan is paid.
    expect(row.outstanding).toBe(debt.outstandingAmount.toFixed());
    expect((await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } })).outstandingAmount.toFixed()).toBe(debt.outstandingAmount.toFixed());

    // The summary: the order counted at what is left of the plan, as "in agreement", never as overdue.
    const others = facts.openDebts.filter((d) => d.id !== debt.id);
    // Overdue as the ledger's aging says (refreshed by its own job), as the page reads it.
    const overdueIds = new Set(
      (await prisma.receivable.findMany({ where: { id: { in: others.map((d) => d.id) } } })).filter((d) => isOverdueBucket(d.agingBucket)).map((d) => d.id),
    );
    const othersOverdue = others.filter((d) => overdueIds.has(d.id));
    const billed = sum([...others.filter((d) => d.currency === debt.currency).map((d) => d.outstanding), left]);
    expect(facts.owed.billed.find((o) => o.currency === debt.currency)?.amount).toBe(billed);
    expect(facts.owed.inAgreement).toEqual([{ currency: debt.currency, amount: left }]);
    const shopLeft = shareOfShopAmount(
      { amount: debt.shopOutstandingAmount.toFixed(), currency: debt.shopCurrency },
      { amount: debt.outstandingAmount.toFixed(), currency: debt.currency },
      { amount: left, currency: debt.currency },
    );
    const inShop = sum([...others.filter((d) => d.shopCurrency === debt.shopCurrency).map((d) => d.shopOutstanding), shopLeft]);
    expect(facts.owed.shop.find((o) => o.currency === debt.shopCurrency)?.amount).toBe(inShop);
    expect(facts.owed.overdue.find((o) => o.currency === debt.currency)?.amount ?? "0.00").toBe(
      sum(othersOverdue.filter((d) => d.currency === debt.currency).map((d) => d.outstanding)),
    );
    expect(facts.statuses).toContain("in_agreement");
    expect(facts.statuses.includes("overdue")).toBe(othersOverdue.length > 0);

    // Installment 2's day passes unpaid: overdue within the grace days, then missed (until the pass breaks the plan).
    const dayAfter = new Date(rows[1]!.sendAt.getTime() + 86_400_000);
    double.controls.advanceClock({ minutes: Math.ceil((dayAfter.getTime() - double.clock.now().getTime()) / 60_000) });
    expect((await factsOf(debt)).row.agreement?.next).toMatchObject({ number: 2, state: "overdue" });
    double.controls.advanceClock({ minutes: Math.ceil((rows[1]!.missedAt.getTime() - double.clock.now().getTime()) / 60_000) });
    expect((await factsOf(debt)).row.agreement?.next).toMatchObject({ number: 2, state: "missed" });
  });
});
