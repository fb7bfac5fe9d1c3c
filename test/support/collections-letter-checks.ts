import { SHOP_ZONE, type ShopTruth, type TrackedDebt } from "./collections-truth";

// What one letter says, checked against the shop's own records: each debt
// listed with its number, exactly what is still owed in the currency billed
// (as a reader of the letter's language writes money), its due date, its
// payment link alone on a line; the customer greeted by name in their
// language; the merchant's legal identity. Independent of Quita's renderer:
// only Intl and the double.

export interface ObservedLetter {
  at: Date;
  /** The tick of the simulation it went out in (one collections pass, then the jobs it queued). */
  step: number;
  channel: "email" | "flow";
  customerId: number;
  to: string | null;
  subject: string;
  body: string;
  /** Each debt the letter is about, by name, and the stage Quita recorded for it. */
  stages: Map<string, string>;
}

type Language = "pt-BR" | "en" | "es";

/** What every default letter of each language says, whatever its stage: the greeting and the signature. */
const WORDS: Record<Language, { hello: (name: string) => string; team: (shop: string) => string; debt: string; tag: string }> = {
  "pt-BR": { hello: (n) => `Olá, ${n},`, team: (s) => `Equipe ${s}`, debt: "Pedido", tag: "pt-BR" },
  en: { hello: (n) => `Hello ${n},`, team: (s) => `The ${s} team`, debt: "Order", tag: "en-US" },
  es: { hello: (n) => `Hola, ${n},`, team: (s) => `El equipo de ${s}`, debt: "Pedido", tag: "es-419" },
};

export const languageOf = (locale: string): Language => (locale.startsWith("pt") ? "pt-BR" : locale.startsWith("es") ? "es" : "en");

/** Money as a reader of `tag` writes it, from the exact decimal string (no float on the way). */
export const money = (amount: string, currency: string, tag: string) =>
  new Intl.NumberFormat(tag, { style: "currency", currency }).format(amount as unknown as number);

const longDate = (at: Date, tag: string) => new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: SHOP_ZONE }).format(at);

/** The debts a letter lists, as its lines say them: "Pedido #1008 — R$ 1.234,50", then the due date on the next line. */
export function listedDebts(body: string): { name: string; amount: string; dueLine: string }[] {
  const lines = body.split("\n");
  return lines.flatMap((line, i) => {
    const m = /^(?:Pedido|Order) (#\S+) — (.+)$/.exec(line);
    return m ? [{ name: m[1]!, amount: m[2]!, dueLine: lines[i + 1] ?? "" }] : [];
  });
}

/** Every way this letter's text departs from the shop's records at the moment it went out. */
export function letterProblems(letter: ObservedLetter, truth: ShopTruth, merchant: { legalName: string; address1: string }): string[] {
  const problems: string[] = [];
  const where = `${letter.channel} letter to customer ${letter.customerId} at ${letter.at.toISOString()}`;
  const customer = truth.shop.customers.get(letter.customerId);
  if (!customer) return [`${where}: sent to ${letter.to}, who is none of the shop's customers`];
  const language = languageOf(customer.locale);
  const words = WORDS[language];
  const lines = letter.body.split("\n");
  if (letter.channel === "email" && letter.to !== customer.email) problems.push(`${where}: sent to ${letter.to}, not the customer's ${customer.email}`);
  if (lines[0] !== words.hello(`${customer.firstName} ${customer.lastName}`))
    problems.push(`${where}: does not open "${words.hello("…")}" with the name (${lines[0]})`);
  if (!lines.includes(words.team(truth.shop.info.name))) problems.push(`${where}: not signed "${words.team(truth.shop.info.name)}" (${language})`);
  if (!lines.includes(merchant.legalName) || !letter.body.includes(merchant.address1)) problems.push(`${where}: without the merchant's legal name and address`);
  const listed = listedDebts(letter.body);
  if (listed.length === 0) problems.push(`${where}: lists no debt`);
  for (const item of listed) {
    const debt = truth.debts.get(item.name);
    if (!debt || debt.customer.id !== letter.customerId) {
      problems.push(`${where}: lists ${item.name}, which this customer does not owe`);
      continue;
    }
    problems.push(...debtProblems(where, item, debt, letter, truth, words.tag, lines));
  }
  const names = new Set(listed.map((d) => d.name));
  for (const name of letter.stages.keys()) if (!names.has(name)) problems.push(`${where}: Quita recorded ${name} in it, the text does not list it`);
  for (const name of names) if (!letter.stages.has(name)) problems.push(`${where}: the text lists ${name}, Quita recorded no stage for it`);
  return problems;
}

function debtProblems(
  where: string,
  item: { name: string; amount: string; dueLine: string },
  debt: TrackedDebt,
  letter: ObservedLetter,
  truth: ShopTruth,
  tag: string,
  lines: string[],
): string[] {
  const problems: string[] = [];
  const owed = truth.owedAt(debt, letter.at);
  const expected = money(owed.amount, owed.currency, tag);
  if (item.amount !== expected)
    problems.push(`${where}: ${item.name} says ${item.amount}, the shop says ${expected} is owed (${owed.amount} ${owed.currency})`);
  if (debt.dueAt && !item.dueLine.includes(longDate(debt.dueAt, tag))) {
    problems.push(`${where}: ${item.name} is due ${longDate(debt.dueAt, tag)}, the letter says "${item.dueLine}"`);
  }
  if (!lines.includes(truth.paymentLink(debt))) problems.push(`${where}: ${item.name}'s payment link ${truth.paymentLink(debt)} is not alone on a line`);
  return problems;
}
