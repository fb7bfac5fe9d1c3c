import { describe, expect, it } from "vitest";
import { agreementProgress, shareOfShopAmount, type InstallmentState } from "../../app/domain/incentives/agreement-progress";

// Where a running installment agreement stands, as the customer's page says it: paid n of m, what is
// left of the plan to the cent, and the next installment due, overdue within the grace days, or missed.

const TODAY = "2026-12-26";
const NOW = new Date("2026-12-26T15:00:00Z"); // 12:00 in São Paulo
const plan = (paid: number[], over: Partial<Record<number, Partial<InstallmentState>>> = {}): InstallmentState[] =>
  [
    { number: 1, amount: "333.3300", dueOn: "2026-11-26", missedAt: new Date("2026-11-29T12:00:00Z") },
    { number: 2, amount: "333.3300", dueOn: "2026-12-26", missedAt: new Date("2026-12-29T12:00:00Z") },
    { number: 3, amount: "333.3400", dueOn: "2027-01-25", missedAt: new Date("2027-01-28T12:00:00Z") },
  ].map((i) => ({ ...i, paid: paid.includes(i.number), ...over[i.number] }));

describe("an installment agreement's progress", () => {
  it("GIVEN installment 1 paid and 2 due today THEN 1 of 3 paid, the exact rest left, installment 2 next, due", () => {
    expect(agreementProgress(plan([1]), TODAY, NOW)).toEqual({
      count: 3,
      paid: 1,
      left: "666.67",
      next: { number: 2, amount: "333.33", dueOn: "2026-12-26", state: "due" },
    });
  });

  it("GIVEN installment 2's day passed unpaid THEN it is overdue within the grace days, then missed", () => {
    expect(agreementProgress(plan([1]), "2026-12-27", new Date("2026-12-27T15:00:00Z")).next?.state).toBe("overdue");
    expect(agreementProgress(plan([1]), "2026-12-29", new Date("2026-12-29T12:00:00Z")).next?.state).toBe("missed");
  });

  it("GIVEN an installment paid ahead of an earlier one THEN the earliest unpaid is next and only unpaid ones are left", () => {
    expect(agreementProgress(plan([2]), "2026-11-26", new Date("2026-11-26T15:00:00Z"))).toMatchObject({
      paid: 1,
      left: "666.67",
      next: { number: 1, state: "due" },
    });
  });

  it("GIVEN every installment paid THEN nothing is left and none is next", () => {
    expect(agreementProgress(plan([1, 2, 3]), TODAY, NOW)).toMatchObject({ paid: 3, left: "0.00", next: null });
  });
});

describe("what is left of a plan in the shop's currency", () => {
  it("GIVEN an order billed in USD THEN the plan's share of its BRL balance, in whole centavos", () => {
    expect(shareOfShopAmount({ amount: "5000.00", currency: "BRL" }, { amount: "1000.00", currency: "USD" }, { amount: "666.67", currency: "USD" })).toBe(
      "3333.35",
    );
  });

  it("GIVEN the plan asks more than the order still owes THEN never more than the order's balance", () => {
    expect(shareOfShopAmount({ amount: "5000.00", currency: "BRL" }, { amount: "900.00", currency: "USD" }, { amount: "1000.00", currency: "USD" })).toBe(
      "5000.00",
    );
  });
});
