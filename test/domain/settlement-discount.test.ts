import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkSettlementDiscount, discountCode, offerClause, type SettlementDiscount } from "../../app/domain/incentives/settlement-discount";
import { DEFAULT_INCENTIVE_LIMITS, type IncentiveLimits } from "../../app/domain/incentives/limits";
import { checkTone } from "../../app/domain/letters";

// What a shop's limits let Quita offer a late customer to settle, the code it gives them, and how a
// letter says it in each language.

const NOW = new Date("2026-11-23T13:00:00Z"); // 10:00 in São Paulo
const limits: IncentiveLimits = {
  maxDiscountPercent: 10,
  maxFixedAmount: "150",
  minDaysOverdue: 15,
  offerExpiryDays: 7,
  maxExtensionDays: 30,
  automaticOffers: false,
};
const late = { daysOverdue: 20, owedInShopCurrency: "1200.50", timeZone: "America/Sao_Paulo" };

describe("a settlement discount within the shop's limits", () => {
  it("GIVEN a debt late enough WHEN a percentage within the limit is asked THEN Shopify's fraction, open to the end of the shop's expiry day", () => {
    // Made at 10:00 on 23 November in São Paulo, 7 days: all of 30 November there (23:59:59 is 02:59:59Z on 1 December).
    expect(checkSettlementDiscount(limits, late, { kind: "percent", percent: " 5 " }, NOW)).toEqual({
      ok: true,
      discount: { percentage: "0.05", amount: null, endsAt: new Date("2026-12-01T02:59:59Z") },
    });
    // The shop's calendar, not the server's: the same instant on Kiritimati (UTC+14) is already the 24th there.
    expect(checkSettlementDiscount(limits, { ...late, timeZone: "Pacific/Kiritimati" }, { kind: "percent", percent: "5" }, NOW)).toMatchObject({
      discount: { endsAt: new Date("2026-12-01T09:59:59Z") },
    });
    expect(checkSettlementDiscount(limits, late, { kind: "percent", percent: "10" }, NOW)).toMatchObject({ ok: true, discount: { percentage: "0.10" } });
  });

  it("WHEN a fixed amount is asked THEN it is kept exact, below the limit and below what is owed", () => {
    expect(checkSettlementDiscount(limits, late, { kind: "amount", amount: "99,90" }, NOW)).toMatchObject({
      ok: true,
      discount: { percentage: null, amount: "99.90" },
    });
    expect(checkSettlementDiscount(limits, late, { kind: "amount", amount: "150.01" }, NOW)).toEqual({
      ok: false,
      field: "amount",
      problem: { code: "amountAboveLimit", params: { most: "150" } },
    });
    const small = { ...late, owedInShopCurrency: "80.00" };
    expect(checkSettlementDiscount(limits, small, { kind: "amount", amount: "80" }, NOW)).toMatchObject({ ok: false, problem: { code: "amountNotBelowDebt" } });
    expect(checkSettlementDiscount(limits, late, { kind: "amount", amount: "0.00" }, NOW)).toMatchObject({ ok: false, problem: { code: "amountFormat" } });
    expect(checkSettlementDiscount(limits, late, { kind: "amount", amount: "12.345" }, NOW)).toMatchObject({ ok: false, problem: { code: "amountFormat" } });
  });

  it("refuses what the shop does not allow: too early, above the percentage, a kind of offer switched off", () => {
    const early = { ...late, daysOverdue: 14 };
    expect(checkSettlementDiscount(limits, early, { kind: "percent", percent: "5" }, NOW)).toEqual({
      ok: false,
      field: "percent",
      problem: { code: "offerTooEarly", params: { days: 15 } },
    });
    expect(checkSettlementDiscount(limits, late, { kind: "percent", percent: "11" }, NOW)).toMatchObject({
      ok: false,
      problem: { code: "wholeNumberBetween", params: { least: 1, most: 10 } },
    });
    expect(checkSettlementDiscount(limits, late, { kind: "percent", percent: "2.5" }, NOW)).toMatchObject({ ok: false });
    expect(checkSettlementDiscount({ ...limits, maxDiscountPercent: 0 }, late, { kind: "percent", percent: "5" }, NOW)).toMatchObject({
      ok: false,
      problem: { code: "percentOffersOff" },
    });
    expect(checkSettlementDiscount(DEFAULT_INCENTIVE_LIMITS, late, { kind: "amount", amount: "10" }, NOW)).toMatchObject({
      ok: false,
      problem: { code: "amountOffersOff" },
    });
  });
});

describe("the discount code", () => {
  it("is 60 random bits in letters a customer cannot misread, and no two are alike", () => {
    const codes = Array.from({ length: 2_000 }, () => discountCode(randomBytes(12)));
    for (const code of codes) expect(code).toMatch(/^QUITA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(() => discountCode(randomBytes(8))).toThrow(/12 random bytes/);
  });
});

describe("the offer in a letter", () => {
  const percent: SettlementDiscount = { percentage: "0.05", amount: null, endsAt: new Date("2026-11-30T13:00:00Z") };
  const fixed: SettlementDiscount = { percentage: null, amount: "99.9", endsAt: new Date("2026-12-01T02:30:00Z") }; // still 30 Nov in São Paulo
  const wording = (discount: SettlementDiscount, formatTag: string) => ({
    discount,
    code: "QUITA-7K2M-9XQ4-TV3D",
    currency: "BRL",
    timeZone: "America/Sao_Paulo",
    formatTag,
  });

  it("says the last day in the shop's calendar, the discount and the code, in each language", () => {
    expect(offerClause("pt-BR", wording(percent, "pt-BR"))).toBe(
      "quitando até 30 de novembro, você ganha 5% de desconto no próximo pedido com o código QUITA-7K2M-9XQ4-TV3D",
    );
    expect(offerClause("en", wording(fixed, "en-US"))).toBe("settle by November 30 and get R$99.90 off your next order with the code QUITA-7K2M-9XQ4-TV3D");
    expect(offerClause("es", wording(percent, "es-419"))).toBe(
      "si pagas hasta el 30 de noviembre, tienes un 5 % de descuento en tu próximo pedido con el código QUITA-7K2M-9XQ4-TV3D",
    );
    expect(offerClause("pt-BR", wording(fixed, "pt-BR"))).toContain("R$\u00a099,90 de desconto");
  });

  it("never threatens or shames: the tone check finds nothing in it, in any language", () => {
    for (const locale of ["pt-BR", "en", "es"] as const) {
      const body = `${offerClause(locale, wording(percent, locale))}.\n\n{{payment_link}}\n\n{{merchant_identity}}`;
      expect(checkTone({ subject: "Pedido", body }, locale)).toMatchObject({ ok: true });
    }
  });
});
