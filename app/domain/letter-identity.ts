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
