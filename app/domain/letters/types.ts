// The shapes the letters share: stages, the context a letter is written from,
// templates and what the tone check says about them. A leaf module: every other
// letters module imports it, it imports nothing of theirs.
import type { LetterLocale } from "../letter-identity";

export type { LetterLocale };

// The cadence's stages, in the order a late debt meets them. The cadence engineer
// keys stages by these ids; each has a default letter in every locale.
export const STAGE_KINDS = [
  "courtesy", // 3 days before the due date: a heads-up
  "due_today", // on the due date
  "first_late", // 3 days late: "we could not identify your payment — did something go wrong?"
  "follow_up", // 7 days late
  "proposal", // 15 days late, with a proposal
  "final_notice", // 30 days late: the last friendly letter, with the best offer
  "installment_missed", // an installment of an agreement was not paid
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface LetterDebt {
  /** What the customer sees on the order or invoice, e.g. "#1008" or "#D12". */
  number: string;
  /** Exact decimal in the currency the customer was billed in (presentment), e.g. "1234.50". */
  amount: string;
  currency: string;
  /** null: due on fulfillment, not fulfilled yet. */
  dueDate: Date | null;
  /** Whole days past the due date in the shop's zone; negative before it. */
  daysOverdue: number;
  /** Set when the debt is an installment of an agreement. */
  installment?: { n: number; of: number } | null;
  /** Where the customer pays (checkout or invoice link). */
  paymentUrl: string;
}

export interface LetterMerchant {
  legalName: string;
  address: string | null;
  taxId: string | null;
  /** The name the customer knows the shop by, for the signature; the legal name when absent. */
  shopName?: string | null;
}

export interface LetterContext {
  locale: LetterLocale;
  /**
   * The customer's own BCP 47 tag (Shopify's customer locale, as is), for numbers
   * and dates when it is in the letter's language: "es-MX" writes 1,234.50 where
   * "es-AR" writes 1.234,50. Another language, an unknown tag or none: the letter
   * language's usual form (pt-BR, en-US, es-419). See `formatLocaleFor`.
   */
  formatLocale?: string | null;
  /** The shop's IANA time zone: due dates are calendar dates there. */
  timeZone: string;
  /** null when unknown or erased on the customer's request. */
  customerName: string | null;
  /** The customer's B2B company, if any. */
  companyName: string | null;
  /** One letter per customer: all of their debts due for this stage. */
  debts: LetterDebt[];
  /** Already phrased by the incentives code in the letter's language, as a clause: "settle by 12 Dec and get 5% off". */
  offer: { text: string } | null;
  merchant: LetterMerchant;
}

export interface LetterTemplate {
  subject: string;
  body: string;
}

export interface RenderedLetter {
  subject: string;
  body: string;
}

export type ToneProblemKind = "threat" | "shame" | "missing_payment_link" | "missing_identity" | "unknown_placeholder" | "malformed";

/** Which rule of the template language a malformed template breaks, for the page to say in the merchant's language. */
export type MalformedCode =
  | "missing_braces"
  | "stray_else"
  | "close_never_opened"
  | "closed_out_of_order"
  | "never_closed"
  | "condition_as_value"
  | "optional_outside_section"
  | "block_in_subject";

export interface ToneProblem {
  kind: ToneProblemKind;
  /** Set on "malformed" problems: which rule. */
  code?: MalformedCode;
  /** The offending words as the template writes them, or the placeholders at fault. */
  words: string[];
  /** What to change, for the merchant (English; the UI translates). */
  message: string;
}

export type ToneResult = { ok: true } | { ok: false; problems: ToneProblem[] };

/** Words a letter may not use, one family at a time (forbidden-words/). */
export interface WordFamily {
  id: string;
  kind: "threat" | "shame";
  /** The letter languages whose letters this family is checked in; "all" for names that read the same everywhere. */
  languages: readonly LetterLocale[] | "all";
  /** For the merchant: why these words cannot stay. */
  why: string;
  entries: readonly string[];
}
