import { describe, expect, it } from "vitest";
import { promiseOutcome, type PromisedDebt } from "../../app/domain/cadence/promise-outcome";

// When a promise to pay is kept, broken or still running (app/domain/cadence/promise-outcome.ts).
describe("a promise to pay's outcome", () => {
  const until = new Date("2026-12-11T03:00:00Z"); // the start of 11 Dec in São Paulo: promised by 10 Dec
  const before = new Date("2026-12-10T20:00:00Z");
  const after = new Date("2026-12-11T13:00:00Z");
  const debt = (owedThen: string, owedNow: string, open = true, currency = "BRL"): PromisedDebt => ({ owedThen, owedNow, currency, open });

  it("is running before its date while nothing was paid", () => {
    expect(promiseOutcome({ amount: "500.00", currency: "BRL", until, debts: [debt("800.00", "800.00")] }, before)).toEqual({ outcome: "running" });
  });

  it("is kept as soon as the amount promised is paid, even across two debts and before the date", () => {
    const debts = [debt("300.00", "0", false), debt("800.00", "599.99")];
    expect(promiseOutcome({ amount: "500.00", currency: "BRL", until, debts }, before)).toEqual({ outcome: "kept", paid: "500.01" });
  });

  it("is kept when every debt it covered is settled, whatever the amount said", () => {
    expect(promiseOutcome({ amount: null, currency: null, until, debts: [debt("800.00", "0", false)] }, after)).toEqual({ outcome: "kept", paid: "800.00" });
  });

  it("is broken when its date comes with less than promised paid, and says what was paid", () => {
    expect(promiseOutcome({ amount: "500.00", currency: "BRL", until, debts: [debt("800.00", "700.50")] }, after)).toEqual({
      outcome: "broken",
      paid: "99.50",
    });
    expect(promiseOutcome({ amount: null, currency: null, until, debts: [debt("800.00", "800.00")] }, until)).toEqual({ outcome: "broken", paid: "0.00" });
  });

  it("counts only payments in the promise's currency, and never a debt that grew", () => {
    const debts = [debt("100.00", "0.00", true, "USD"), debt("800.00", "900.00")];
    expect(promiseOutcome({ amount: "50.00", currency: "BRL", until, debts }, after)).toEqual({ outcome: "broken", paid: "0.00" });
  });
});
