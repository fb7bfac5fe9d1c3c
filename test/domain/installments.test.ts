import { describe, expect, it } from "vitest";
import { isInstallmentDraft, planInstallments, splitAmount, INSTALLMENT_BOUNDS } from "../../app/domain/incentives/installments";
import { fromUnits, toUnits } from "../../app/domain/ledger/money";

// An installment plan as the merchant asks it on a customer's page: the debt split exactly in the
// currency's smallest coin, the remainder on the last installment, dates a fixed number of days
// apart in the shop's calendar, and every bound refused next to its field.

const TZ = "America/Sao_Paulo";
const TODAY = "2026-11-26";
const debt = { outstanding: "1000.00", currency: "BRL" };
const ask = (over: Partial<{ count: string; firstDate: string; intervalDays: string }> = {}) => ({
  count: "3",
  firstDate: "2026-12-01",
  intervalDays: "30",
  ...over,
});
const sum = (amounts: string[]) => fromUnits(amounts.reduce((n, a) => n + toUnits(a), 0n));

describe("splitting what is owed", () => {
  it("GIVEN R$ 1.000,00 in 3 THEN 333,33 twice and 333,34 last, adding up to exactly the debt", () => {
    expect(splitAmount("1000.00", "BRL", 3)).toEqual(["333.33", "333.33", "333.34"]);
  });

  it("keeps every split exact whatever the count, in the currency's own coins", () => {
    for (const [total, currency] of [
      ["1234.57", "BRL"],
      ["0.12", "USD"],
      ["100001", "JPY"],
      ["10.005", "KWD"],
    ] as const) {
      for (let count = INSTALLMENT_BOUNDS.minCount; count <= INSTALLMENT_BOUNDS.maxCount; count++) {
        const parts = splitAmount(total, currency, count);
        if (!parts) continue;
        expect(sum(parts), `${total} ${currency} in ${count}`).toBe(fromUnits(toUnits(total)));
        const [first, ...rest] = parts.map((p) => toUnits(p));
        expect(rest.slice(0, -1).every((p) => p === first)).toBe(true);
        expect(rest.at(-1)! >= first!).toBe(true);
      }
    }
    expect(splitAmount("100001", "JPY", 3)).toEqual(["33333.00", "33333.00", "33335.00"]);
  });

  it("refuses a split where an installment would be nothing, or an amount finer than the currency's coin", () => {
    expect(splitAmount("0.05", "BRL", 6)).toBeNull();
    expect(splitAmount("0", "BRL", 2)).toBeNull();
    expect(splitAmount("10.5", "JPY", 2)).toBeNull();
  });
});

describe("an installment plan", () => {
  it("GIVEN 3 every 30 days from 1 December THEN the days, the invoice at 09:00 in the shop and missed 3 days later", () => {
    const plan = planInstallments(ask(), debt, TODAY, TZ);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.installments.map((i) => [i.number, i.amount, i.dueOn])).toEqual([
      [1, "333.33", "2026-12-01"],
      [2, "333.33", "2026-12-31"],
      [3, "333.34", "2027-01-30"],
    ]);
    expect(plan.installments[0]!.sendAt).toEqual(new Date("2026-12-01T12:00:00Z")); // 09:00 in São Paulo
    expect(plan.installments[0]!.missedAt).toEqual(new Date("2026-12-04T12:00:00Z"));
  });

  it("starts today at the earliest", () => {
    expect(planInstallments(ask({ firstDate: TODAY }), debt, TODAY, TZ).ok).toBe(true);
  });

  it.each([
    [{ count: "1" }, "count", "countBetween"],
    [{ count: "13" }, "count", "countBetween"],
    [{ count: "2.5" }, "count", "countBetween"],
    [{ count: "" }, "count", "countBetween"],
    [{ firstDate: "2026-11-25" }, "firstDate", "firstDateInPast"],
    [{ firstDate: "2026-02-30" }, "firstDate", "dateFormat"],
    [{ firstDate: "1/12/2026" }, "firstDate", "dateFormat"],
    [{ firstDate: "2027-02-25" }, "firstDate", "firstDateTooFar"],
    [{ intervalDays: "6" }, "intervalDays", "intervalBetween"],
    [{ intervalDays: "93" }, "intervalDays", "intervalBetween"],
  ])("refuses %j next to its field", (over, field, code) => {
    expect(planInstallments(ask(over), debt, TODAY, TZ)).toMatchObject({ ok: false, field, problem: { code } });
  });

  it("refuses a debt with nothing left to split", () => {
    expect(planInstallments(ask(), { outstanding: "0.00", currency: "BRL" }, TODAY, TZ)).toMatchObject({
      ok: false,
      field: "debt",
      problem: { code: "nothingToSplit" },
    });
  });
});

describe("an installment's draft order", () => {
  it("is known by its tag, whether Shopify lists the tags or a webhook body joins them", () => {
    expect(isInstallmentDraft(["quita-installment", "quita-order-1008"])).toBe(true);
    expect(isInstallmentDraft("vip, quita-installment")).toBe(true);
    expect(isInstallmentDraft("vip, wholesale")).toBe(false);
    expect(isInstallmentDraft(undefined)).toBe(false);
  });
});
