// How the merchant signs collection letters. Pure validation: the route turns
// form fields into this, the repository stores it.

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
  | { ok: false; errors: Partial<Record<keyof LetterIdentityInput, string>> };

const MAX_LENGTH = { legalName: 120, legalAddress: 300, taxId: 40 } as const;

export function validateLetterIdentity(input: LetterIdentityInput): LetterIdentityResult {
  const legalName = input.legalName.trim();
  const legalAddress = input.legalAddress.trim();
  const taxId = input.taxId.trim();
  const errors: Partial<Record<keyof LetterIdentityInput, string>> = {};
  if (!legalName) errors.legalName = "Letters must say who is writing: enter the business's legal name";
  for (const [field, max] of Object.entries(MAX_LENGTH) as [keyof typeof MAX_LENGTH, number][]) {
    if ({ legalName, legalAddress, taxId }[field].length > max) errors[field] = `Keep this under ${max} characters`;
  }
  if (taxId && !/^[\p{L}\p{N} ./-]+$/u.test(taxId)) errors.taxId = "Use only letters, digits, spaces, dots, slashes and dashes";
  if (!(LETTER_LOCALES as readonly string[]).includes(input.locale)) errors.locale = `Choose one of ${LETTER_LOCALES.join(", ")}`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { legalName, legalAddress: legalAddress || null, taxId: taxId || null, locale: input.locale as LetterLocale },
  };
}
