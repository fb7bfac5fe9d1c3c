// Which language a customer's letter is written in, and how its numbers and dates
// look. Shopify gives a customer's locale as a BCP 47 tag ("pt-BR", "es-MX", "en",
// "fr"...); the shop's default (app/domain/letter-locale.ts) covers everyone else.
import { LETTER_LOCALES, type LetterLocale } from "../letter-identity";

// The letters are written once per language: every Portuguese reader gets the
// Brazilian text (pt-PT reads it without trouble), every Spanish reader the
// Latin-American neutral one.
const BY_LANGUAGE: Record<string, LetterLocale> = { pt: "pt-BR", en: "en", es: "es" };

// How each letter language writes numbers and dates when the customer's own
// region is unknown: Latin-American Spanish (es-419) rather than Spain's.
const USUAL_FORMAT: Record<LetterLocale, string> = { "pt-BR": "pt-BR", en: "en-US", es: "es-419" };

function canonical(tag: string | null | undefined): string | null {
  const trimmed = (tag ?? "").trim().replace(/_/g, "-");
  if (!trimmed) return null;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? null;
  } catch {
    return null; // not a language tag at all
  }
}

const languageOf = (tag: string) => tag.split("-")[0].toLowerCase();

/** The letter language for a customer: theirs when Quita writes it, else the shop's default. */
export function chooseLocale(customerLocale: string | null | undefined, shopDefault: LetterLocale): LetterLocale {
  const tag = canonical(customerLocale);
  const chosen = tag ? BY_LANGUAGE[languageOf(tag)] : undefined;
  return chosen ?? (LETTER_LOCALES.includes(shopDefault) ? shopDefault : "en");
}

/**
 * The tag a letter formats numbers and dates with: the customer's own when it is
 * the letter's language and the runtime knows it (a Mexican customer reads
 * "MXN 1,234.50", an Argentine one "ARS 1.234,50"), else the language's usual form.
 */
export function formatLocaleFor(customerLocale: string | null | undefined, letterLocale: LetterLocale): string {
  const tag = canonical(customerLocale);
  if (tag && BY_LANGUAGE[languageOf(tag)] === letterLocale && tag.includes("-") && Intl.NumberFormat.supportedLocalesOf([tag]).length > 0) return tag;
  return USUAL_FORMAT[letterLocale];
}
