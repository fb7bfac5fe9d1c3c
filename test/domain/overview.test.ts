import { describe, expect, it } from "vitest";
import { summarizeReceivables, type OpenReceivable } from "../../app/domain/overview";

const NOW = new Date("2026-11-23T15:00:00Z");
const TZ = "America/Sao_Paulo";
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const open = (over: Partial<OpenReceivable>): OpenReceivable => ({
  customerKey: "gid://shopify/Customer/1",
  customerName: "Ana Lima",
  companyName: "Mercearia Lima",
  currency: "BRL",
  outstanding: "100.00",
  dueAt: daysAgo(5),
  ...over,
});

describe("the Collections overview", () => {
  it("totals each currency apart, to the cent, and splits what is overdue by age", () => {
    const overview = summarizeReceivables(
      [
        open({ outstanding: "0.10", dueAt: daysAgo(-3) }),
        open({ outstanding: "0.20", dueAt: daysAgo(10) }),
        open({ customerKey: "gid://shopify/Customer/2", outstanding: "1999.99", dueAt: daysAgo(95) }),
        open({ customerKey: "gid://shopify/Customer/3", currency: "USD", outstanding: "35.5", dueAt: daysAgo(45) }),
      ],
      NOW,
      TZ,
    );
    expect(overview.currencies.map((c) => [c.currency, c.outstanding, c.overdue, c.receivables])).toEqual([
      ["BRL", "2000.29", "2000.19", 3],
      ["USD", "35.50", "35.50", 1],
    ]);
    const brl = overview.currencies[0]!.buckets;
    expect(brl.current).toEqual({ amount: "0.10", count: 1 });
    expect(brl["1-30"]).toEqual({ amount: "0.20", count: 1 });
    expect(brl["90+"]).toEqual({ amount: "1999.99", count: 1 });
    expect(brl["31-60"]).toEqual({ amount: "0.00", count: 0 });
  });

  it("lists customers most overdue first, with what each owes per currency", () => {
    const overview = summarizeReceivables(
      [
        open({ customerKey: "a", customerName: "Recent", outstanding: "5000.00", dueAt: daysAgo(2) }),
        open({ customerKey: "b", customerName: "Oldest", outstanding: "10.00", dueAt: daysAgo(40) }),
        open({ customerKey: "b", customerName: "Oldest", currency: "EUR", outstanding: "7.00", dueAt: daysAgo(1) }),
        open({ customerKey: "c", customerName: null, outstanding: "1.00", dueAt: null }),
      ],
      NOW,
      TZ,
    );
    expect(overview.debtors.map((d) => [d.customerName, d.maxDaysOverdue, d.owed])).toEqual([
      ["Oldest", 40, [{ currency: "BRL", amount: "10.00" }, { currency: "EUR", amount: "7.00" }]],
      ["Recent", 2, [{ currency: "BRL", amount: "5000.00" }]],
      [null, 0, [{ currency: "BRL", amount: "1.00" }]],
    ]);
    expect(overview.overdueDebtors).toBe(2);
  });

  it("counts days in the shop's time zone: due at 23:00 on the 21st there, it is two days late on the 23rd", () => {
    // 02:00 UTC on the 23rd is still the 22nd in São Paulo.
    const overview = summarizeReceivables([open({ dueAt: new Date("2026-11-22T02:00:00Z") })], NOW, TZ);
    expect(overview.debtors[0]!.maxDaysOverdue).toBe(2);
  });

  it("is empty when nothing is owed", () => {
    expect(summarizeReceivables([], NOW, TZ)).toEqual({ currencies: [], debtors: [], overdueDebtors: 0 });
  });
});
