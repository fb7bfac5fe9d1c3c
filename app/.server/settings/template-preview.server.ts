import prisma from "../../db.server";
import { Prisma, type Receivable, type Shop } from "../../generated/prisma/client";
import { CADENCE_KINDS } from "../../domain/cadence/settings";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";
import { chooseLocale } from "../../domain/letters/locale";
import { checkTone } from "../../domain/letters/tone";
import type { LetterTemplate, StageKind, ToneProblem } from "../../domain/letters/types";
import { writeLetter } from "../reminders/letter.server";

// A letter the merchant is still writing, shown as a customer would read it:
// written by the sending's own writeLetter from one of the shop's real open debts
// (one still to fall due for the letters before it, else the longest overdue), or
// from a fixed example when the shop has none yet.

export type TemplatePreview = { ok: true; subject: string; body: string; sample: { debt: string; example: boolean } } | { ok: false; problems: ToneProblem[] };

// Each language's example customer, paying in a currency of that language's market.
const EXAMPLES: Record<LetterLocale, { customerName: string; currency: string; amount: string }> = {
  "pt-BR": { customerName: "Maria Souza", currency: "BRL", amount: "1234.50" },
  en: { customerName: "Jane Cooper", currency: "USD", amount: "1234.50" },
  es: { customerName: "Lucía Fernández", currency: "MXN", amount: "1234.50" },
};

function exampleDebt(shop: Shop, locale: LetterLocale, now: Date): Receivable {
  const example = EXAMPLES[locale];
  const amount = new Prisma.Decimal(example.amount);
  const dueAt = new Date(now.getTime() - 5 * 86_400_000);
  return {
    id: "example",
    shopDomain: shop.domain,
    resourceGid: "gid://shopify/Order/0",
    kind: "order",
    name: "#1001",
    status: "open",
    customerGid: null,
    customerName: example.customerName,
    customerEmail: null,
    customerPhone: null,
    customerLocale: locale,
    companyGid: null,
    companyName: null,
    companyLocationGid: null,
    companyLocationName: null,
    currency: example.currency,
    totalAmount: amount,
    outstandingAmount: amount,
    shopCurrency: example.currency,
    shopTotalAmount: amount,
    shopOutstandingAmount: amount,
    placedAt: null,
    paymentUrl: `https://${shop.domain}/orders/example`,
    dueAt,
    paymentTermsId: null,
    termsName: null,
    termsType: null,
    dueInDays: null,
    termsUpdatedAt: null,
    agingBucket: "1-30",
    sourceUpdatedAt: now,
    redactedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

// The letters before and on the due date read best with a debt still to fall due;
// the late letters with the longest overdue one.
const BEFORE_DUE: readonly StageKind[] = ["courtesy", "due_today"];

/** One of the shop's open debts with a payment link, fitting the letter, to preview with. */
async function sampleDebt(shopDomain: string, kind: StageKind, now: Date): Promise<Receivable | null> {
  const open = { shopDomain, status: "open", paymentUrl: { not: null }, redactedAt: null };
  const upcoming = BEFORE_DUE.includes(kind)
    ? await prisma.receivable.findFirst({ where: { ...open, dueAt: { gte: now } }, orderBy: [{ dueAt: "asc" }, { name: "asc" }] })
    : null;
  return upcoming ?? prisma.receivable.findFirst({ where: { ...open, dueAt: { not: null } }, orderBy: [{ dueAt: "asc" }, { name: "asc" }] });
}

export async function previewTemplate(shop: Shop, kind: StageKind, locale: LetterLocale, template: LetterTemplate, now: Date): Promise<TemplatePreview> {
  if (!CADENCE_KINDS.includes(kind) || !LETTER_LOCALES.includes(locale)) throw new Response("No such letter", { status: 400 });
  // A template the renderer cannot read is shown as what to mend, not as a letter.
  const tone = checkTone(template, locale);
  if (!tone.ok && tone.problems.some((p) => p.kind === "malformed" || p.kind === "unknown_placeholder")) return tone;
  const real = await sampleDebt(shop.domain, kind, now);
  // The letter is written in the language being edited: a customer of that language
  // (their own tag kept when it is one, so their numbers and dates read as theirs).
  const debt = real ?? exampleDebt(shop, locale, now);
  const customerLocale = chooseLocale(debt.customerLocale, "en") === locale && debt.customerLocale ? debt.customerLocale : locale;
  const settings = (shop.settings as { templates?: Record<string, unknown> } | null) ?? {};
  const withDraft = { ...shop, settings: { ...settings, templates: { ...settings.templates, [kind]: { [locale]: template } } } as Prisma.JsonObject };
  const letter = writeLetter(withDraft, kind, [{ ...debt, customerLocale }], now);
  return { ok: true, subject: letter.subject, body: letter.body, sample: { debt: debt.name, example: !real } };
}
