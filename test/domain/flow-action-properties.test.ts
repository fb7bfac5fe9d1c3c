import { describe, expect, it } from "vitest";
import { customerGidOf, parseFlowAction } from "../../app/domain/flow/action-properties";

// What Flow's action properties may look like (numbers as JSON numbers or typed text, dates as
// text) and what Quita makes of them, before the database is asked anything.

const TODAY = "2026-03-10";

describe("a Flow action's properties", () => {
  it("name a customer by numeric id or GID, never another resource", () => {
    expect(customerGidOf("1001")).toBe("gid://shopify/Customer/1001");
    expect(customerGidOf(1001)).toBe("gid://shopify/Customer/1001");
    expect(customerGidOf(" gid://shopify/Customer/1001 ")).toBe("gid://shopify/Customer/1001");
    for (const bad of ["gid://shopify/Order/1", "0", "-5", "", null, 1.5, "12abc"]) expect(customerGidOf(bad)).toBeNull();
  });

  it("pause for a number of days, or through a date, one of the two, within a year", () => {
    const pause = (props: Record<string, unknown>) => parseFlowAction("pause-collection", { customer_id: "7", ...props }, TODAY);
    expect(pause({ days: 7 })).toEqual({ ok: true, request: { handle: "pause-collection", customerGid: "gid://shopify/Customer/7", lastDay: "2026-03-17" } });
    expect(pause({ days: "2" })).toMatchObject({ ok: true, request: { lastDay: "2026-03-12" } });
    expect(pause({ until: "2026-03-10" })).toMatchObject({ ok: true, request: { lastDay: "2026-03-10" } });
    expect(pause({ days: 0 })).toMatchObject({ ok: false, problem: expect.stringMatching(/1 to 365/) });
    expect(pause({ days: 2.5 })).toMatchObject({ ok: false });
    expect(pause({ until: "2027-03-11" })).toMatchObject({ ok: false, problem: expect.stringMatching(/more than a year/) });
    expect(pause({ until: "2026-02-30" })).toMatchObject({ ok: false, problem: expect.stringMatching(/YYYY-MM-DD/) });
    expect(pause({})).toMatchObject({ ok: false, problem: "Fill exactly one of Days to pause and Pause until" });
  });

  it("promise an exact amount in an ISO currency by a date", () => {
    const promise = (props: Record<string, unknown>) =>
      parseFlowAction("record-promise-to-pay", { customer_id: "7", promised_date: "2026-03-20", amount: 1234.5, currency: "brl", ...props }, TODAY);
    expect(promise({})).toEqual({
      ok: true,
      request: { handle: "record-promise-to-pay", customerGid: "gid://shopify/Customer/7", lastDay: "2026-03-20", amount: "1234.5", currency: "BRL" },
    });
    expect(promise({ amount: "0099.90" })).toMatchObject({ ok: true, request: { amount: "99.90" } });
    for (const amount of [0, -3, "1,5", 1.234, "abc"]) expect(promise({ amount }), String(amount)).toMatchObject({ ok: false });
    expect(promise({ currency: "R$" })).toMatchObject({ ok: false, problem: expect.stringMatching(/ISO 4217/) });
    expect(promise({ promised_date: "2026-03-09" })).toMatchObject({ ok: false, problem: expect.stringMatching(/already passed/) });
  });

  it("without a customer are refused whatever the action", () => {
    expect(parseFlowAction("send-reminder-now", {}, TODAY)).toMatchObject({ ok: false, problem: expect.stringMatching(/customer_id/) });
    expect(parseFlowAction("send-reminder-now", null, TODAY)).toMatchObject({ ok: false });
  });
});

describe("the properties of the actions that make things in Shopify", () => {
  it("offer a percentage or an amount, exactly one, as typed (the shop's limits judge it later)", () => {
    expect(parseFlowAction("offer-settlement-discount", { customer_id: 7, percent: 5 }, TODAY)).toEqual({
      ok: true,
      request: { handle: "offer-settlement-discount", customerGid: "gid://shopify/Customer/7", discount: { kind: "percent", percent: "5" } },
    });
    expect(parseFlowAction("offer-settlement-discount", { customer_id: "7", amount: 25.5 }, TODAY)).toMatchObject({
      ok: true,
      request: { discount: { kind: "amount", amount: "25.5" } },
    });
    expect(parseFlowAction("offer-settlement-discount", { customer_id: "7" }, TODAY)).toEqual({
      ok: false,
      problem: "Fill exactly one of Percentage off and Amount off",
    });
  });

  it("extend an order's terms by days or to a date, exactly one, the order by numeric id or GID", () => {
    expect(parseFlowAction("extend-payment-terms", { order_id: 2002, days: 10 }, TODAY)).toEqual({
      ok: true,
      request: { handle: "extend-payment-terms", orderGid: "gid://shopify/Order/2002", change: { kind: "days", days: "10" } },
    });
    expect(parseFlowAction("extend-payment-terms", { order_id: "gid://shopify/Order/2002", new_due_date: "2026-04-01" }, TODAY)).toMatchObject({
      ok: true,
      request: { change: { kind: "date", date: "2026-04-01" } },
    });
    expect(parseFlowAction("extend-payment-terms", { order_id: "2002", days: 3, new_due_date: "2026-04-01" }, TODAY)).toMatchObject({ ok: false });
    expect(parseFlowAction("extend-payment-terms", { order_id: "2002", new_due_date: "2026-02-30" }, TODAY)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/YYYY-MM-DD/),
    });
    expect(parseFlowAction("extend-payment-terms", { order_id: "gid://shopify/Customer/1", days: 3 }, TODAY)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/order_id/),
    });
  });
});
