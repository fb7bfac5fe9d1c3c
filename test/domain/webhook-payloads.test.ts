import { describe, expect, it } from "vitest";
import { draftOrderSnapshot, orderSnapshot } from "../../app/domain/ledger/webhook-payloads";
import { settleAmounts } from "../../app/domain/ledger/amounts";
import { money, proportion } from "../../app/domain/ledger/money";
import { PayloadError } from "../../app/domain/ledger/snapshot";

// Shopify's REST webhook bodies carry order amounts in the shop's currency
// (`currency`, `total_outstanding`, `current_total_price`) with the presentment
// money beside them (shopify.dev, REST Order resource).
const usdOrderInBrlShop = (over: Record<string, unknown> = {}) => ({
  admin_graphql_api_id: "gid://shopify/Order/42",
  name: "#1042",
  currency: "BRL",
  presentment_currency: "USD",
  financial_status: "pending",
  created_at: "2026-10-01T10:00:00-03:00",
  updated_at: "2026-10-05T10:00:00-03:00",
  current_total_price: "540.00",
  total_outstanding: "540.00",
  current_total_price_set: { shop_money: { amount: "540.00", currency_code: "BRL" }, presentment_money: { amount: "100.00", currency_code: "USD" } },
  payment_terms: {
    id: 7,
    payment_terms_name: "Net 30",
    payment_terms_type: "net",
    due_in_days: 30,
    payment_schedules: [{ due_at: "2026-10-31T10:00:00-03:00", completed_at: null }],
  },
  company: { id: 5501, location_id: 5502 },
  ...over,
});

describe("order webhook bodies", () => {
  it("reads the shop-currency amounts as such and the billed ones beside them", () => {
    const s = orderSnapshot(usdOrderInBrlShop());
    expect(s.shop).toEqual({ total: money("540", "BRL"), outstanding: money("540", "BRL") });
    expect(s.billed).toEqual({ total: money("100", "USD"), outstanding: money("100", "USD") });
    expect(s.billedOutstandingExact).toBe(true);
    expect(s.placedAt).toEqual(new Date("2026-10-01T13:00:00Z"));
    expect(s.dueAt).toEqual(new Date("2026-10-31T13:00:00Z"));
  });

  it("works out the billed balance of a part-paid foreign order as a share, and says it is not Shopify's own figure", () => {
    const s = orderSnapshot(usdOrderInBrlShop({ financial_status: "partially_paid", total_outstanding: "216.00" }));
    expect(s.shop!.outstanding).toEqual(money("216", "BRL"));
    expect(s.billed.outstanding).toEqual(money("40", "USD"));
    expect(s.billedOutstandingExact).toBe(false);
  });

  it("refuses a foreign-currency body without its presentment amounts rather than mixing currencies", () => {
    expect(() => orderSnapshot(usdOrderInBrlShop({ current_total_price_set: undefined }))).toThrow(PayloadError);
  });

  it("reads an authorized payment as secured, not owed", () => {
    expect(orderSnapshot(usdOrderInBrlShop({ financial_status: "authorized" })).status).toBe("authorized");
    expect(orderSnapshot(usdOrderInBrlShop({ financial_status: "expired" })).status).toBe("open");
  });
});

describe("draft order webhook bodies", () => {
  const draft = (over: Record<string, unknown> = {}) => ({
    admin_graphql_api_id: "gid://shopify/DraftOrder/9",
    name: "#D9",
    currency: "BRL",
    status: "invoice_sent",
    total_price: "300.00",
    invoice_sent_at: "2026-10-02T09:00:00-03:00",
    created_at: "2026-10-01T09:00:00-03:00",
    updated_at: "2026-10-02T09:00:00-03:00",
    payment_terms: null,
    ...over,
  });

  it("makes an invoiced draft without terms due when its invoice went out, and one with terms due on their schedule", () => {
    expect(draftOrderSnapshot(draft()).dueAt).toEqual(new Date("2026-10-02T12:00:00Z"));
    const withTerms = draftOrderSnapshot(
      draft({ payment_terms: { id: 3, payment_terms_type: "net", payment_schedules: [{ due_at: "2026-10-17T09:00:00-03:00" }] } }),
    );
    expect(withTerms.dueAt).toEqual(new Date("2026-10-17T12:00:00Z"));
    const onFulfillment = draftOrderSnapshot(draft({ payment_terms: { id: 3, payment_terms_type: "fulfillment", payment_schedules: [] } }));
    expect(onFulfillment.dueAt).toBeNull();
  });

  it("values a draft in another currency at the ledger's last known rate until it is read again", () => {
    const s = draftOrderSnapshot(draft({ currency: "EUR", total_price: "50.00" }));
    const prev = {
      billed: { total: money("100", "EUR"), outstanding: money("100", "EUR") },
      shop: { total: money("590", "BRL"), outstanding: money("590", "BRL") },
    };
    expect(settleAmounts(s, prev, "BRL")).toEqual({ billed: s.billed, shop: { total: money("295", "BRL"), outstanding: money("295", "BRL") }, exact: false });
    expect(settleAmounts(draftOrderSnapshot(draft()), null, "BRL")).toMatchObject({ shop: { total: money("300", "BRL") }, exact: true });
  });
});

describe("proportions of money", () => {
  it("rounds half up to the currency's minor unit, exactly", () => {
    expect(proportion(money("40", "BRL"), money("18.52", "USD"), money("100", "BRL"), "USD")).toEqual(money("7.41", "USD"));
    expect(proportion(money("1", "BRL"), money("1000", "JPY"), money("3", "BRL"), "JPY")).toEqual(money("333", "JPY"));
    expect(proportion(money("1", "BRL"), money("1", "USD"), money("0", "BRL"), "USD")).toEqual(money("0", "USD"));
  });
});
