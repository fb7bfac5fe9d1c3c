import { describe, expect, it } from "vitest";
import { appliedDiscountInput, checkInvoiceDiscount, invoiceOfferClause } from "../../app/domain/incentives/invoice-discount";
import type { IncentiveLimits } from "../../app/domain/incentives/limits";
import { checkTone } from "../../app/domain/letters";

// A settlement discount off an open invoice: the shop's limits judged on that invoice, the discount
// Shopify's draftOrderUpdate takes, and how a letter says it in each language.

const NOW = new Date("2026-11-23T13:00:00Z"); // 10:00 in São Paulo
const limits: IncentiveLimits = {
  maxDiscountPercent: 10,
  maxFixedAmount: "150",
  minDaysOverdue: 15,
  offerExpiryDays: 7,
  maxExtensionDays: 30,
  automaticOffers: false,
};
const invoice = { daysOverdue: 20, owed: "120.00", billedInShopCurrency: true, timeZone: "America/Sao_Paulo" };

describe("a discount off an open invoice", () => {
  it("GIVEN the invoice's own lateness and balance WHEN checked THEN the same limits as a code, judged on it", () => {
    expect(checkInvoiceDiscount(limits, invoice, { kind: "percent", percent: "5" }, NOW)).toMatchObject({ ok: true, discount: { percentage: "0.05" } });
    expect(checkInvoiceDiscount(limits, { ...invoice, daysOverdue: 3 }, { kind: "percent", percent: "5" }, NOW)).toMatchObject({
      ok: false,
      problem: { code: "offerTooEarly" },
    });
    // 130 is within the shop's limit (150) but not below what this invoice owes.
    expect(checkInvoiceDiscount(limits, invoice, { kind: "amount", amount: "130" }, NOW)).toMatchObject({ ok: false, problem: { code: "amountNotBelowDebt" } });
  });

  it("GIVEN an invoice billed in another currency WHEN a fixed amount is asked THEN refused (Shopify's fixed draft discount is in the shop's currency); a percentage is fine", () => {
    const foreign = { ...invoice, billedInShopCurrency: false };
    expect(checkInvoiceDiscount(limits, foreign, { kind: "amount", amount: "10" }, NOW)).toEqual({
      ok: false,
      field: "amount",
      problem: { code: "amountNeedsShopCurrency" },
    });
    expect(checkInvoiceDiscount(limits, foreign, { kind: "percent", percent: "10" }, NOW).ok).toBe(true);
  });

  it("WHEN turned into Shopify's input THEN a whole percentage as 5, an amount exact in the shop's currency", () => {
    const endsAt = new Date("2026-11-30T13:00:00Z");
    expect(appliedDiscountInput({ percentage: "0.05", amount: null, endsAt }, "BRL", "until 2026-11-30")).toEqual({
      title: "Settlement discount",
      description: "until 2026-11-30",
      valueType: "PERCENTAGE",
      value: 5,
    });
    expect(appliedDiscountInput({ percentage: null, amount: "25.50", endsAt }, "BRL", "d")).toMatchObject({
      valueType: "FIXED_AMOUNT",
      value: 25.5,
      amountWithCurrency: { amount: "25.50", currencyCode: "BRL" },
    });
  });

  it("WHEN a letter says it THEN in the reader's language, with the invoice, the value and the last day, and in a friendly tone", () => {
    const wording = {
      discount: { percentage: "0.05", amount: null, endsAt: new Date("2026-11-30T13:00:00Z") },
      invoice: "#D9",
      currency: "BRL",
      timeZone: "America/Sao_Paulo",
    };
    const clauses = {
      en: invoiceOfferClause("en", { ...wording, formatTag: "en-US" }),
      "pt-BR": invoiceOfferClause("pt-BR", { ...wording, formatTag: "pt-BR" }),
      es: invoiceOfferClause("es", { ...wording, formatTag: "es-ES" }),
    };
    expect(clauses.en).toBe("we have taken 5% off invoice #D9 if it is settled by November 30, and the amount above already includes it");
    expect(clauses["pt-BR"]).toBe("tiramos 5% da fatura #D9 para pagamento até 30 de novembro, e o valor acima já tem o desconto");
    expect(clauses.es).toBe("te descontamos un 5 % de la factura #D9 si la pagas hasta el 30 de noviembre, y el importe de arriba ya lo incluye");
    const amount = invoiceOfferClause("pt-BR", { ...wording, discount: { ...wording.discount, percentage: null, amount: "25.5" }, formatTag: "pt-BR" });
    expect(amount).toContain("R$\u00a025,50");
    for (const [locale, text] of Object.entries(clauses)) {
      const body = `${text}.\n\n{{payment_link}}\n\n{{merchant_identity}}`;
      expect(checkTone({ subject: "Pedido", body }, locale as "en"), `${locale}: ${text}`).toMatchObject({ ok: true });
    }
  });
});
