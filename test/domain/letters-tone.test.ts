import { describe, expect, it } from "vitest";
import { checkTone, type LetterTemplate, type ToneProblem, type ToneResult } from "../../app/domain/letters";

// A template that passes in every respect but the sentence under test.
const letter = (sentence: string, subject = "Pedido {{debt_numbers}}"): LetterTemplate => ({
  subject,
  body: `Olá{{#customer_name}}, {{customer_name}}{{/customer_name}},\n\n{{debts}}\n\n${sentence}\n\n{{merchant_identity}}`,
});

const problems = (result: ToneResult): ToneProblem[] => (result.ok ? [] : result.problems);
const words = (result: ToneResult, kind?: ToneProblem["kind"]) => problems(result).flatMap((p) => (!kind || p.kind === kind ? p.words : []));

describe("the tone check refuses threats, naming the words", () => {
  it("in Portuguese: negative listing, protest, legal action, the last warning", () => {
    // GIVEN a pt-BR template that threatens
    const template = letter(
      "ÚLTIMO AVISO: se o pagamento não for feito, seu nome será negativado no Serasa e no SPC, o título irá a protesto e entraremos com uma ação judicial.",
    );
    // WHEN the merchant saves it
    const result = checkTone(template, "pt-BR");
    // THEN it is refused, and the merchant sees each offending word as they wrote it
    expect(result.ok).toBe(false);
    expect(words(result, "threat")).toEqual(expect.arrayContaining(["Serasa", "SPC", "ÚLTIMO AVISO", "negativado", "protesto", "ação judicial"]));
    const message = problems(result).find((p) => p.words.includes("negativado"))!.message;
    expect(message).toContain("“negativado”");
    expect(message).toMatch(/proposal/);
  });

  it("in English: legal action, the credit bureau, the final notice", () => {
    const template = letter("Final notice: pay immediately or we will take legal action and report you to the credit bureau.", "Order {{debt_numbers}}");
    const result = checkTone(template, "en");
    expect(words(result, "threat")).toEqual(expect.arrayContaining(["Final notice", "pay immediately", "legal action", "credit bureau", "report you to"]));
  });

  it("in Spanish: legal action, the credit bureau, the police, the last warning", () => {
    const template = letter(
      "Último aviso: si no paga, iniciaremos acciones legales, lo reportaremos al Buró de Crédito y presentaremos una denuncia ante la policía.",
    );
    const result = checkTone(template, "es");
    expect(words(result, "threat")).toEqual(
      expect.arrayContaining(["Último aviso", "acciones legales", "lo reportaremos", "Buró de Crédito", "denuncia", "policía"]),
    );
  });

  it("in the subject too", () => {
    expect(words(checkTone(letter("Obrigado!", "Aviso final: pedido {{debt_numbers}}"), "pt-BR"))).toEqual(["Aviso final"]);
  });
});

describe("the tone check refuses shaming", () => {
  it.each([
    [
      "pt-BR",
      "Clientes caloteiros e maus pagadores como você terão o nome divulgado nas redes sociais e avisaremos seu empregador.",
      ["caloteiros", "maus pagadores", "redes sociais", "seu empregador"],
    ],
    [
      "en",
      "Deadbeats like you will be named publicly on social media, and we will tell your employer.",
      ["Deadbeats", "publicly", "social media", "your employer"],
    ],
    ["es", "Los clientes morosos como usted serán expuestos en redes sociales y le avisaremos a su jefe.", ["morosos", "redes sociales", "su jefe"]],
  ] as const)("in %s", (locale, sentence, offending) => {
    const result = checkTone(letter(sentence), locale);
    expect(problems(result).every((p) => p.kind === "shame")).toBe(true);
    expect(words(result, "shame")).toEqual(expect.arrayContaining([...offending]));
    expect(problems(result)[0].message).toMatch(/art\. 42/);
  });
});

describe("how words are matched", () => {
  it("ignores case and accents and follows common inflections", () => {
    for (const sentence of ["acao judicial", "AÇÕES JUDICIAIS", "vamos negativar", "será Negativada", "Protestaremos o título"]) {
      expect(checkTone(letter(sentence), "pt-BR").ok, sentence).toBe(false);
    }
    expect(checkTone(letter("We may be SUED"), "en").ok).toBe(false);
    expect(checkTone(letter("lo embargaremos"), "es").ok).toBe(false);
  });

  it("matches whole words only, and leaves everyday phrases alone", () => {
    const harmless: [string, "pt-BR" | "en" | "es"][] = [
      ["Seu pagamento foi processado, conforme exposto acima; somos uma pessoa jurídica e o saldo negativo foi ajustado.", "pt-BR"],
      ["Se já pagou, desconsidere; caso contrário, use o link. Não tenha vergonha de nos procurar.", "pt-BR"],
      ["Thank you for being so courteous; we suspect the payment was just stuck.", "en"],
      ["Sin embargo, a su juicio, ¿el monto es correcto?", "es"],
    ];
    for (const [sentence, locale] of harmless) expect(checkTone(letter(sentence), locale), sentence).toEqual({ ok: true });
  });

  it("checks a template's own language, plus the bureaus' names everywhere; without a language, every list", () => {
    const english = letter("We will take legal action.");
    expect(checkTone(english, "pt-BR").ok).toBe(true);
    expect(words(checkTone(english))).toEqual(["legal action"]);
    expect(words(checkTone(letter("We will tell Serasa."), "en"))).toEqual(["Serasa"]);
  });
});

describe("the tone check refuses a letter the customer cannot act on", () => {
  it("without a way to pay", () => {
    const result = checkTone({ subject: "Pedido {{debt_numbers}}", body: "Olá,\n\nVocê nos deve {{total}}.\n\n{{merchant_identity}}" });
    expect(problems(result).map((p) => p.kind)).toEqual(["missing_payment_link"]);
    expect(problems(result)[0].message).toContain("{{payment_link}}");
  });

  it("without the merchant's legal identity", () => {
    const result = checkTone({ subject: "Pedido {{debt_numbers}}", body: "Olá,\n\n{{debts}}\n\nEquipe {{shop_name}}" });
    expect(problems(result).map((p) => p.kind)).toEqual(["missing_identity"]);
    expect(problems(result)[0].message).toContain("{{merchant_identity}}");
  });

  it("when the link or the identity would only show with an offer", () => {
    const result = checkTone({ subject: "x", body: "Olá,\n\n{{total}}{{#offer}} {{offer}}: {{payment_link}}\n{{merchant_identity}}{{/offer}}" });
    expect(problems(result).map((p) => p.kind)).toEqual(["missing_payment_link", "missing_identity"]);
  });
});

describe("the tone check reads the template's placeholders", () => {
  it("names unknown placeholders and lists the known ones", () => {
    const result = checkTone(letter("Oi {{nome_cliente}}, veja {{ Link }}."));
    expect(problems(result)).toHaveLength(1);
    expect(problems(result)[0]).toMatchObject({ kind: "unknown_placeholder", words: ["{{nome_cliente}}", "{{Link}}"] });
    expect(problems(result)[0].message).toContain("{{customer_name}}");
  });

  it("says how to fix a broken section, a lone brace and a value that may be empty", () => {
    const kinds = (t: LetterTemplate) => problems(checkTone(t)).map((p) => [p.kind, p.words]);
    expect(kinds(letter("{{#offer}}Oferta: {{offer}}."))).toEqual([["malformed", ["{{#offer}}"]]]);
    expect(kinds(letter("{{#offer}}{{#several_debts}}x{{/offer}}{{/several_debts}}"))[0]).toEqual(["malformed", ["{{#several_debts}}", "{{/offer}}"]]);
    expect(kinds(letter("Oferta: {offer}}"))).toEqual([["malformed", ["}}"]]]);
    expect(kinds(letter("Nossa proposta: {{offer}}."))).toEqual([["malformed", ["{{offer}}"]]]);
    expect(kinds(letter("{{several_debts}}"))).toEqual([["malformed", ["{{several_debts}}"]]]);
    expect(kinds(letter("Obrigado!", "{{debts}}"))).toEqual([["malformed", ["{{debts}}"]]]);
    expect(problems(checkTone(letter("Nossa proposta: {{offer}}.")))[0].message).toContain("{{#offer}}…{{/offer}}");
  });
});
