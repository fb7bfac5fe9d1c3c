import { describe, expect, it } from "vitest";
import {
  DEFAULT_TEMPLATES,
  LINE_WIDTH,
  LetterContextError,
  LetterTemplateError,
  STAGE_KINDS,
  checkTone,
  renderLetter,
  type LetterContext,
  type LetterDebt,
  type LetterLocale,
} from "../../app/domain/letters";

// Amounts come out of Intl with a no-break space between symbol and number, so a
// mail app never splits them across lines: the expected strings say so.
const nb = (text: string) => text.replace(/ /g, "\u00a0");

const SHOP_ZONE = "America/Sao_Paulo";
const order1008: LetterDebt = {
  number: "#1008",
  amount: "1234.5",
  currency: "BRL",
  // 23:30 on 11 Dec in São Paulo: the due date is the 11th there, though it is already the 12th in UTC.
  dueDate: new Date("2026-12-12T02:30:00Z"),
  daysOverdue: 3,
  paymentUrl: "https://quita-demo.myshopify.com/84751106/invoices/5ac1e0b7c0a4d3f2",
};
const order1010: LetterDebt = {
  number: "#1010",
  amount: "99.99",
  currency: "USD",
  dueDate: new Date("2026-12-09T15:00:00Z"),
  daysOverdue: 5,
  paymentUrl: "https://quita-demo.myshopify.com/84751106/invoices/9e2b44d07f1c6a85",
};
const draftD3: LetterDebt = {
  number: "#D3",
  amount: "10",
  currency: "BRL",
  dueDate: new Date("2026-12-01T15:00:00Z"),
  daysOverdue: 13,
  installment: { n: 2, of: 5 },
  paymentUrl: "https://quita-demo.myshopify.com/84751106/invoices/0d7e9a3c55b81f26",
};

const merchant = {
  legalName: "Casa Aurora Comércio Atacadista Ltda",
  address: "Rua das Flores, 100, São Paulo - SP, 01000-000, BR",
  taxId: "12.345.678/0001-90",
  shopName: "Casa Aurora Atacado",
};

const context = (locale: LetterLocale, over: Partial<LetterContext> = {}): LetterContext => ({
  locale,
  timeZone: SHOP_ZONE,
  customerName: "Maria Oliveira",
  companyName: "Mercado Bom Preço",
  debts: [order1008],
  offer: null,
  merchant,
  ...over,
});

// What each language calls the figures a reader checks.
const EXPECTED: Record<LetterLocale, { hello: string; due1008: string; amount: Record<string, string>; taxId: string }> = {
  "pt-BR": {
    hello: "Olá",
    due1008: "11 de dezembro de 2026",
    amount: { "#1008": nb("R$ 1.234,50"), "#1010": nb("US$ 99,99"), "#D3": nb("R$ 10,00") },
    taxId: "CNPJ: 12.345.678/0001-90",
  },
  en: {
    hello: "Hello",
    due1008: "December 11, 2026",
    amount: { "#1008": "R$1,234.50", "#1010": "$99.99", "#D3": "R$10.00" },
    taxId: "Tax ID: 12.345.678/0001-90",
  },
  es: {
    hello: "Hola",
    due1008: "11 de diciembre de 2026",
    amount: { "#1008": nb("BRL 1,234.50"), "#1010": nb("USD 99.99"), "#D3": nb("BRL 10.00") },
    taxId: "Identificación fiscal: 12.345.678/0001-90",
  },
};

const OFFERS: Record<LetterLocale, string> = {
  "pt-BR": "quitando até 20 de dezembro, você ganha 5% de desconto",
  en: "settle by December 20 and get 5% off",
  es: "si paga antes del 20 de diciembre, obtiene un 5% de descuento",
};

const SCENARIOS: { name: string; over: (locale: LetterLocale) => Partial<LetterContext> }[] = [
  { name: "one debt, no offer", over: () => ({}) },
  { name: "one debt with an offer", over: (locale) => ({ offer: { text: OFFERS[locale] } }) },
  { name: "three debts in two currencies", over: () => ({ debts: [order1008, order1010, draftD3] }) },
  { name: "an installment of an agreement, with an offer", over: (locale) => ({ debts: [draftD3], offer: { text: OFFERS[locale] } }) },
  { name: "a customer whose name was erased, no company", over: () => ({ customerName: null, companyName: null }) },
];

const LOCALES: LetterLocale[] = ["pt-BR", "en", "es"];
const cases = LOCALES.flatMap((locale) => STAGE_KINDS.flatMap((kind) => SCENARIOS.map((s) => [locale, kind, s.name, s] as const)));

describe("every default letter, in every language", () => {
  it.each(LOCALES.flatMap((locale) => STAGE_KINDS.map((kind) => [locale, kind] as const)))("%s %s passes the tone check", (locale, kind) => {
    expect(checkTone(DEFAULT_TEMPLATES[locale][kind], locale)).toEqual({ ok: true });
    expect(checkTone(DEFAULT_TEMPLATES[locale][kind])).toEqual({ ok: true });
  });

  it.each(cases)("%s %s: %s", (locale, kind, _name, scenario) => {
    // GIVEN a customer's debts and the merchant's identity
    const ctx = context(locale, scenario.over(locale));
    // WHEN the stage's default letter is written for them
    const letter = renderLetter(DEFAULT_TEMPLATES[locale][kind], ctx);
    const lines = letter.body.split("\n");
    const expected = EXPECTED[locale];

    // THEN it opens with the customer's name, or a plain greeting when there is none
    expect(lines[0]).toBe(ctx.customerName ? `${expected.hello}${locale === "en" ? "" : ","} ${ctx.customerName},` : `${expected.hello},`);
    // each debt is there: its number with the exact amount in its currency, and its link alone on a line
    for (const debt of ctx.debts) {
      expect(letter.body).toContain(`${debt.number} — ${expected.amount[debt.number]}`);
      expect(lines).toContain(debt.paymentUrl);
      expect(letter.subject).toContain(debt.number);
    }
    if (ctx.debts.includes(order1008)) expect(letter.body).toContain(expected.due1008);
    if (ctx.debts.includes(draftD3)) expect(letter.body).toMatch(/(Parcela|Installment|Cuota) 2 (de|of) 5/);
    // the offer when there is one, and no trace of it when there is none
    if (ctx.offer) expect(letter.body.replace(/\s+/g, " ")).toContain(ctx.offer.text);
    else expect(letter.body).not.toContain("%");
    if (!ctx.companyName) expect(letter.body).not.toContain("Mercado Bom Preço");
    // the merchant's legal identity closes it
    expect(letter.body.endsWith([merchant.legalName, merchant.address, expected.taxId].join("\n"))).toBe(true);
    // plain text: no placeholder left, no HTML, short lines, one blank line at most
    expect(letter.subject + letter.body).not.toMatch(/\{\{|\}\}|<\/?[a-z]+[^>]*>/i);
    expect(lines.filter((line) => line.length > LINE_WIDTH && !line.startsWith("https://"))).toEqual([]);
    expect(letter.body).not.toContain("\n\n\n");
    expect(letter.subject).not.toContain("\n");
  });

  it("writes the same bytes every time, so the preview is what is sent", () => {
    const ctx = context("pt-BR", { debts: [order1008, order1010, draftD3], offer: { text: OFFERS["pt-BR"] } });
    const first = renderLetter(DEFAULT_TEMPLATES["pt-BR"].proposal, ctx);
    const second = renderLetter(DEFAULT_TEMPLATES["pt-BR"].proposal, structuredClone(ctx));
    expect(Buffer.from(second.body, "utf8").equals(Buffer.from(first.body, "utf8"))).toBe(true);
    expect(second.subject).toBe(first.subject);
  });
});

describe("what the renderer writes", () => {
  const template = (body: string, subject = "{{debt_numbers}}") => ({ subject, body: `${body}\n\n{{merchant_identity}}` });

  it("prints amounts exactly as owed, however large or finely divided, and totals each currency apart", () => {
    const big: LetterDebt = { ...order1008, number: "#2001", amount: "12345678901234567.89" };
    const fine: LetterDebt = { ...order1008, number: "#2002", amount: "10.125" };
    const letter = renderLetter(template("{{debts}}\n\nTotal: {{total}}"), context("pt-BR", { debts: [big, fine, order1010] }));
    expect(letter.body).toContain(nb("R$ 12.345.678.901.234.567,89"));
    expect(letter.body).toContain(nb("R$ 10,125"));
    // BRL 12345678901234567.89 + 10.125 = 12345678901234578.015, apart from the dollars
    expect(letter.body).toContain(`Total: ${nb("R$ 12.345.678.901.234.578,015")} e ${nb("US$ 99,99")}`);
  });

  it("writes numbers and dates as the customer's own region does, in the letter's language", () => {
    const debt = { ...order1008, currency: "MXN" };
    const mexico = renderLetter(template("{{debts}}"), context("es", { formatLocale: "es-MX", debts: [debt] }));
    const argentina = renderLetter(template("{{debts}}"), context("es", { formatLocale: "es-AR", debts: [debt] }));
    const french = renderLetter(template("{{debts}}"), context("en", { formatLocale: "fr-FR", debts: [order1010] }));
    expect(mexico.body).toContain("$1,234.50");
    expect(argentina.body).toContain(nb("MXN 1.234,50"));
    expect(french.body).toContain("$99.99"); // an English letter for a French customer keeps English numbers
  });

  it("says when a debt is due, counted from today, or that it waits for fulfillment", () => {
    const courtesy = { ...order1008, daysOverdue: -3 };
    const today = { ...order1010, daysOverdue: 0 };
    const undated = { ...draftD3, dueDate: null, daysOverdue: 0, installment: null };
    const body = renderLetter(template("{{debts}}"), context("pt-BR", { debts: [courtesy, today, undated] })).body;
    expect(body).toContain("Vencimento: 11 de dezembro de 2026 (em 3 dias)");
    expect(body).toContain("Vencimento: 9 de dezembro de 2026 (hoje)");
    expect(body).toContain("Vencimento: na entrega do pedido");
  });

  it("moves a link written inside a sentence to a line of its own, and wraps long lines at word breaks", () => {
    const long = "Estamos à disposição para conversar sobre prazos, valores e formas de pagamento que funcionem bem para você e para a sua empresa.";
    const letter = renderLetter(template(`Pague por aqui: {{payment_link}}. Obrigado!\n\n${long}`), context("pt-BR"));
    expect(letter.body.split("\n").slice(0, 3)).toEqual(["Pague por aqui:", order1008.paymentUrl, "Obrigado!"]);
    const wrapped = letter.body.split("\n").slice(4, 6);
    expect(wrapped.every((line) => line.length <= LINE_WIDTH)).toBe(true);
    expect(wrapped.join(" ")).toBe(long);
  });

  it("lists each debt's link under {{payment_link}} when they differ, and one link when they share it", () => {
    const separate = renderLetter(template("{{payment_link}}"), context("en", { debts: [order1008, order1010] })).body.split("\n");
    expect(separate.slice(0, 5)).toEqual(["Order #1008:", order1008.paymentUrl, "", "Order #1010:", order1010.paymentUrl]);
    const shared = renderLetter(template("{{payment_link}}"), context("en", { debts: [order1008, { ...order1010, paymentUrl: order1008.paymentUrl }] }));
    expect(shared.body.split("\n")[0]).toBe(order1008.paymentUrl);
  });

  it("refuses a template it cannot read, saying what to fix", () => {
    expect(() => renderLetter(template("Olá {{nome}}, {{debts}}"), context("pt-BR"))).toThrow(/\{\{nome\}\}/);
    expect(() => renderLetter(template("{{#offer}}{{offer}} {{debts}}"), context("pt-BR"))).toThrow(LetterTemplateError);
  });

  it("refuses a context no letter can be written from", () => {
    expect(() => renderLetter(template("{{debts}}"), context("en", { debts: [] }))).toThrow(LetterContextError);
    expect(() => renderLetter(template("{{debts}}"), context("en", { debts: [{ ...order1008, amount: "1e3" }] }))).toThrow(/not a decimal amount/);
    expect(() => renderLetter(template("{{debts}}"), context("en", { debts: [{ ...order1008, amount: "0.00" }] }))).toThrow(/above zero/);
    expect(() => renderLetter(template("{{debts}}"), context("en", { debts: [{ ...order1008, paymentUrl: "ftp://quita-demo.myshopify.com/pay" }] }))).toThrow(
      /web address/,
    );
    expect(() => renderLetter(template("{{debts}}"), context("en", { merchant: { ...merchant, legalName: " " } }))).toThrow(/who is writing/);
  });

  it("keeps names from Shopify on one line, and prints the identity lines the merchant filled in", () => {
    const letter = renderLetter(
      template("Hello{{#customer_name}} {{customer_name}}{{/customer_name}},\n{{debts}}"),
      context("en", { customerName: "Ana\nMaria  Souza", merchant: { legalName: "Aurora LLC", address: null, taxId: null } }),
    );
    expect(letter.body.split("\n")[0]).toBe("Hello Ana Maria Souza,");
    expect(letter.body.endsWith("\nAurora LLC")).toBe(true);
  });
});
