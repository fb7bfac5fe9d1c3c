import type { Receivable, Shop } from "../../generated/prisma/client";
import { daysOverdue } from "../../domain/ledger/aging";
import { chooseLocale, formatLocaleFor } from "../../domain/letters/locale";
import { renderLetter } from "../../domain/letters/render";
import { letterTemplate } from "../../domain/letters/templates";
import type { LetterContext, RenderedLetter, StageKind } from "../../domain/letters/types";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";

// A letter from the ledger as it stands: the customer's debts at their billed
// amounts, each with where to pay, in the customer's language, signed with the
// merchant's legal identity. The preview renders with this too, so what the
// merchant reads is byte for byte what Shopify sends.

export interface Letter extends RenderedLetter {
  locale: LetterLocale;
  /** The customer's address, or null: no usable email, the letter goes to Flow instead. */
  recipient: string | null;
  /** The order or draft order Shopify's email goes through: the most overdue, an order before a draft. */
  resourceGid: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export type LetterShop = Pick<Shop, "name" | "legalName" | "legalAddress" | "taxId" | "locale" | "ianaTimezone" | "settings">;

/** The shop's own template for this kind and language (Settings), else Quita's default. */
export function templateFor(shop: LetterShop, kind: StageKind, locale: LetterLocale) {
  const saved = (shop.settings as { templates?: Record<string, Record<string, { subject: string; body: string }>> } | null)?.templates?.[kind]?.[locale];
  return saved ?? letterTemplate(kind, locale);
}

export class LetterNotWritable extends Error {
  override name = "LetterNotWritable";
}

/** The offer a letter carries, phrased once its language and the reader's way of writing are known. */
export type OfferPhrasing = (locale: LetterLocale, formatTag: string) => string;

/** `through`: the debt whose Shopify email carries the letter, when it is one of `debts` (a draft whose invoice changed). */
export function writeLetter(
  shop: LetterShop,
  kind: StageKind,
  debts: Receivable[],
  now: Date,
  offer: LetterContext["offer"] | OfferPhrasing = null,
  through?: string,
): Letter {
  if (debts.length === 0) throw new LetterNotWritable("a letter needs at least one debt");
  const missingLink = debts.find((d) => !d.paymentUrl);
  if (missingLink) throw new LetterNotWritable(`Shopify gave no payment link for ${missingLink.name}`);
  const tz = shop.ianaTimezone;
  const sorted = [...debts].sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.name.localeCompare(b.name));
  const first = sorted[0]!;
  const shopLocale = (LETTER_LOCALES as readonly string[]).includes(shop.locale) ? (shop.locale as LetterLocale) : "en";
  const locale = chooseLocale(first.customerLocale, shopLocale);
  const context: LetterContext = {
    locale,
    formatLocale: first.customerLocale,
    timeZone: tz,
    customerName: first.customerName,
    companyName: first.companyName,
    debts: sorted.map((d) => ({
      number: d.name,
      amount: d.outstandingAmount.toFixed(),
      currency: d.currency,
      dueDate: d.dueAt,
      daysOverdue: d.dueAt ? daysOverdue(d.dueAt, now, tz) : 0,
      paymentUrl: d.paymentUrl!,
    })),
    offer: typeof offer === "function" ? { text: offer(locale, formatLocaleFor(first.customerLocale, locale)) } : offer,
    merchant: { legalName: shop.legalName ?? shop.name ?? "", address: shop.legalAddress, taxId: shop.taxId, shopName: shop.name },
  };
  const rendered = renderLetter(templateFor(shop, kind, locale), context);
  const recipient = sorted.map((d) => d.customerEmail).find((e): e is string => Boolean(e && EMAIL.test(e))) ?? null;
  const via = sorted.find((d) => d.resourceGid === through) ?? sorted.find((d) => d.kind === "order") ?? first;
  return { ...rendered, locale, recipient, resourceGid: via.resourceGid };
}
