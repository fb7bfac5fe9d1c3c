// How the merchant signs collection letters. Pure validation: the route turns
// form fields into this, the repository stores it.

import type { FieldProblem } from "./field-problem";

export const LETTER_LOCALES = ["pt-BR", "en", "es"] as const;
export type LetterLocale = (typeof LETTER_LOCALES)[number];

export interface LetterIdentityInput {
  legalName: string;
  legalAddress: string;
  taxId: string;
  locale: string;
}

export type LetterIdentityResult =
  | { ok: true; value: { legalName: string; legalAddress: string | null; taxId: string | null; locale: LetterLocale } }
  | { ok: false; errors: Partial<Record<keyof LetterIdentityInput, FieldProblem>> };

const MAX_LENGTH = { legalName: 120, legalAddress: 300, taxId: 40 } as const;

export function validateLetterIdentity(input: LetterIdentityInput): LetterIdentityResult {
  const legalName = input.legalName.trim();
  const legalAddress = input.legalAddress.trim();
  const taxId = input.taxId.trim();
  // Codes, said in the merchant's language by the page.
  const errors: Partial<Record<keyof LetterIdentityInput, FieldProblem>> = {};
  if (!legalName) errors.legalName = { code: "legalNameMissing" };
  for (const [field, max] of Object.entries(MAX_LENGTH) as [keyof typeof MAX_LENGTH, number][]) {
    if ({ legalName, legalAddress, taxId }[field].length > max) errors[field] = { code: "tooLong", params: { max } };
  }
  if (taxId && !/^[\p{L}\p{N} ./-]+$/u.test(taxId)) errors.taxId = { code: "taxIdCharacters" };
  if (!(LETTER_LOCALES as readonly string[]).includes(input.locale)) errors.locale = { code: "letterLocaleUnknown" };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { legalName, legalAddress: legalAddress || null, taxId: taxId || null, locale: input.locale as LetterLocale },
  };
}

export type IdentityField = "legalName" | "legalAddress" | "taxId";

export interface SignatoryShop {
  /** The shop's country (ISO 3166-1 alpha-2, from its billing address); null when not known yet. */
  countryCode: string | null;
  name: string | null;
  legalName: string | null;
  legalAddress: string | null;
  taxId: string | null;
}

/**
 * What a collection letter of this shop must still carry before any may go out. In Brazil the
 * consumer code (CDC, art. 42-A) asks every document that collects a debt for the supplier's name,
 * address and CPF/CNPJ: letters wait rather than go out without them, and Settings and the overview
 * say so. Elsewhere nothing holds them: the shop's name, which Shopify always gives, signs a letter
 * when no legal name was set.
 */
export function missingLetterIdentity(shop: SignatoryShop): IdentityField[] {
  if (!inBrazil(shop.countryCode)) return [];
  const filled = (value: string | null) => Boolean(value?.trim());
  const given: Record<IdentityField, boolean> = {
    legalName: filled(shop.legalName) || filled(shop.name),
    legalAddress: filled(shop.legalAddress),
    taxId: filled(shop.taxId),
  };
  return requiredIdentityFields(shop.countryCode).filter((field) => !given[field]);
}

const inBrazil = (countryCode: string | null) => countryCode?.toUpperCase() === "BR";

/** The fields Settings asks of a shop in this country: a legal name everywhere, in Brazil the address and tax id too. */
export function requiredIdentityFields(countryCode: string | null): IdentityField[] {
  return inBrazil(countryCode) ? ["legalName", "legalAddress", "taxId"] : ["legalName"];
}

/** The notice's facts, or null when letters may be written. */
export function lettersOnHold(shop: SignatoryShop): { missing: IdentityField[]; brazil: boolean } | null {
  const missing = missingLetterIdentity(shop);
  return missing.length > 0 ? { missing, brazil: inBrazil(shop.countryCode) } : null;
}
