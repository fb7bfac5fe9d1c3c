import { describe, expect, it } from "vitest";
import { agingCutoffs, daysSalesOutstanding, summarizeReceivables, type OpenReceivable } from "../../app/domain/overview";
import { agingBucket } from "../../app/domain/ledger/aging";

const NOW = new Date("2026-11-23T15:00:00Z");
const TZ = "America/Sao_Paulo";
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const SHOP = { shopCurrency: "BRL", readAllOrders: true };

const open = (over: Partial<OpenReceivable>): OpenReceivable => ({
  customerKey: "gid://shopify/Customer/1",
  customerName: "Ana Lima",
  companyName: "Mercearia Lima",
  kind: "order",
  status: "open",
  currency: "BRL",
  outstanding: "100.00",
  dueAt: daysAgo(5),
  placedAt: daysAgo(35),
  ...over,
});

describe("the Collections overview", () => {
  it("totals each currency apart, the shop's first, to the cent, and splits what is overdue by age", () => {
    const overview = summarizeReceivables(
      [
        open({ customerKey: "gid://shopify/Customer/3", currency: "USD", outstanding: "35.5", dueAt: daysAgo(45) }),
        open({ outstanding: "0.10", dueAt: daysAgo(-3) }),
        open({ outstanding: "0.20", dueAt: daysAgo(10) }),
        open({ customerKey: "gid://shopify/Customer/2", outstanding: "1999.99", dueAt: daysAgo(95) }),
        open({ customerKey: "gid://shopify/Customer/4", outstanding: "40.00", dueAt: null }),
      ],
      NOW,
      TZ,
      SHOP,
    );
    expect(overview.orders.map((c) => [c.currency, c.outstanding, c.overdue, c.receivables])).toEqual([
      ["BRL", "2040.29", "2000.19", 4],
      ["USD", "35.50", "35.50", 1],
    ]);
    const brl = overview.orders[0]!.buckets;
    expect(brl.current).toEqual({ amount: "0.10", count: 1 });
    expect(brl["1-30"]).toEqual({ amount: "0.20", count: 1 });
    expect(brl["90+"]).toEqual({ amount: "1999.99", count: 1 });
    expect(brl["31-60"]).toEqual({ amount: "0.00", count: 0 });
    // Due on fulfillment, not fulfilled yet: owed, but neither "not yet due" nor late.
    expect(brl.undated).toEqual({ amount: "40.00", count: 1 });
  });

  it("keeps invoiced drafts apart from what orders owe, and authorized payments apart from both", () => {
    const overview = summarizeReceivables(
      [
        open({ outstanding: "100.00" }),
        open({ kind: "draft_order", outstanding: "250.00", dueAt: daysAgo(12) }),
        open({ customerKey: "gid://shopify/Customer/9", status: "authorized", outstanding: "900.00", dueAt: daysAgo(30) }),
      ],
      NOW,
      TZ,
      SHOP,
    );
    expect(overview.orders.map((c) => [c.currency, c.outstanding])).toEqual([["BRL", "100.00"]]);
    expect(overview.drafts.map((c) => [c.currency, c.outstanding, c.overdue, c.receivables])).toEqual([["BRL", "250.00", "250.00", 1]]);
    expect(overview.authorized).toEqual([{ currency: "BRL", amount: "900.00", count: 1 }]);
    // The authorized customer is not a debtor to chase.
    expect(overview.debtors.map((d) => d.customerKey)).toEqual(["gid://shopify/Customer/1"]);
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
      SHOP,
    );
    expect(overview.debtors.map((d) => [d.customerName, d.maxDaysOverdue, d.owed])).toEqual([
      [
        "Oldest",
        40,
        [
          { currency: "BRL", amount: "10.00" },
          { currency: "EUR", amount: "7.00" },
        ],
      ],
      ["Recent", 2, [{ currency: "BRL", amount: "5000.00" }]],
      [null, 0, [{ currency: "BRL", amount: "1.00" }]],
    ]);
    expect(overview.overdueDebtors).toBe(2);
  });

  it("counts days in the shop's time zone: due at 23:00 on the 21st there, it is two days late on the 23rd", () => {
    // 02:00 UTC on the 23rd is still the 22nd in São Paulo.
    const overview = summarizeReceivables([open({ dueAt: new Date("2026-11-22T02:00:00Z") })], NOW, TZ, SHOP);
    expect(overview.debtors[0]!.maxDaysOverdue).toBe(2);
  });

  it("says how many owed orders lie beyond the API's 60 days when the shop has not granted read_all_orders", () => {
    const owed = [
      open({ placedAt: daysAgo(75) }),
      open({ placedAt: daysAgo(61) }),
      open({ placedAt: daysAgo(59) }),
      open({ kind: "draft_order", placedAt: daysAgo(90) }),
    ];
    const limited = summarizeReceivables(owed, NOW, TZ, { ...SHOP, readAllOrders: false });
    expect(limited.beyondApiWindow).toEqual({ count: 2, placedBefore: daysAgo(60) });
    expect(summarizeReceivables(owed, NOW, TZ, SHOP).beyondApiWindow).toBeNull();
  });

  it("is empty when nothing is owed", () => {
    expect(summarizeReceivables([], NOW, TZ, SHOP)).toEqual({ orders: [], drafts: [], authorized: [], debtors: [], overdueDebtors: 0, beyondApiWindow: null });
  });
});

describe("the aging cutoffs computed once per request", () => {
  it("are the shop's local midnights, and a due instant compared with them lands in agingBucket's bucket", () => {
    const cutoffs = agingCutoffs(NOW, TZ);
    expect(cutoffs.localToday).toBe("2026-11-23");
    expect(cutoffs.today).toEqual(new Date("2026-11-23T03:00:00Z"));
    expect(cutoffs.minus30).toEqual(new Date("2026-10-24T03:00:00Z"));
    expect(cutoffs.tomorrow).toEqual(new Date("2026-11-24T03:00:00Z"));
    const bucketByCutoffs = (due: Date) =>
      due >= cutoffs.today ? "current" : due >= cutoffs.minus30 ? "1-30" : due >= cutoffs.minus60 ? "31-60" : due >= cutoffs.minus90 ? "61-90" : "90+";
    for (let minutes = -100 * 1440; minutes <= 5 * 1440; minutes += 97) {
      const due = new Date(NOW.getTime() + minutes * 60_000);
      expect(bucketByCutoffs(due), due.toISOString()).toBe(agingBucket(due, NOW, TZ));
    }
  });

  it("follow a clock change: London's midnights 30 days apart are 30 days less an hour apart across October's change", () => {
    const cutoffs = agingCutoffs(new Date("2026-11-10T12:00:00Z"), "Europe/London");
    expect(cutoffs.today).toEqual(new Date("2026-11-10T00:00:00Z"));
    expect(cutoffs.minus30).toEqual(new Date("2026-10-10T23:00:00Z"));
  });
});

describe("days sales outstanding", () => {
  it("is open ÷ sales × 90 in whole days, half up, and none without sales", () => {
    expect(daysSalesOutstanding("1500.00", "1550.00")).toBe(87);
    expect(daysSalesOutstanding("1000.00", "1000.00")).toBe(90);
    expect(daysSalesOutstanding("0.05", "9.00")).toBe(1); // 0.5 days rounds up
    expect(daysSalesOutstanding("0.00", "100.00")).toBe(0);
    expect(daysSalesOutstanding("100.00", "0.00")).toBeNull();
  });
});
