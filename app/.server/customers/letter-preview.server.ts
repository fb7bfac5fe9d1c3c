import type { Receivable, Shop } from "../../generated/prisma/client";
import { settingsFrom, type Stage } from "../../domain/cadence/settings";
import { chooseLocale } from "../../domain/letters/locale";
import { daysOverdue } from "../../domain/ledger/aging";
import type { StageKind } from "../../domain/letters/types";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";
import { LetterNotWritable, writeLetter, type Letter } from "../reminders/letter.server";
import { offerOfLetter } from "../reminders/letter-offer.server";
import { nextLetterOf } from "../reminders/next-letter.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";
import { previewDraftOrderInvoice } from "../shopify/draft-orders.server";

// The customer's next letter, as the sender will write it: the same debts
// grouped at the same stage (reminders/next-letter.server.ts), the same offer
// (reminders/letter-offer.server.ts, nothing made in Shopify), written by the
// sender's renderer (reminders/letter.server.ts). In the customer's own language
// its subject, recipient and body are byte for byte what Shopify will be asked
// to send — but for a code the policy makes only on sending, shown as
// CODE_TO_COME. Another stage or language may be chosen to read it as that.
// For a letter through an invoiced draft, Shopify's own invoice email around
// it too (draftOrderInvoicePreview).

export interface LetterChoice {
  stageId: string;
  locale: LetterLocale;
}

export type PreviewResult =
  | {
      ok: true;
      choice: LetterChoice;
      stages: Stage[];
      letter: Letter;
      /** The stage of the letter the customer gets next, null when none is coming. */
      nextStageId: string | null;
      /** The language the customer's letters are written in: previewed in it, the letter is byte for byte theirs. */
      customerLocale: LetterLocale;
      /** The offer's code is made by the policy when the letter is sent: the letter shows CODE_TO_COME in its place. */
      codeToCome: boolean;
      /** `error`: Shopify's own words when it refused; null when it did not answer (busy, unreachable). */
      shopifyEmail: { subject: string | null; html: string | null } | { error: string | null } | null;
    }
  | { ok: false; choice: LetterChoice; stages: Stage[]; problem: "no_open_debt" | "not_writable"; detail?: string };

const isLocale = (value: string | null): value is LetterLocale => (LETTER_LOCALES as readonly string[]).includes(value ?? "");

/**
 * The choice the page's query asks for, with defaults: the stage of the customer's next letter, else
 * the one the oldest debt's age has reached; the customer's language.
 */
export function chooseLetter(
  shop: Pick<Shop, "locale" | "settings" | "ianaTimezone">,
  debts: Receivable[],
  nextStageId: string | null,
  query: URLSearchParams,
  now: Date,
): { choice: LetterChoice; stages: Stage[] } {
  const stages = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection).stages;
  const oldest = debts.find((d) => d.dueAt);
  const age = oldest?.dueAt ? daysOverdue(oldest.dueAt, now, shop.ianaTimezone) : null;
  const reached = age === null ? stages[0]! : (stages.findLast((s) => s.offsetDays <= age) ?? stages[0]!);
  const stage = stages.find((s) => s.id === query.get("stage")) ?? stages.find((s) => s.id === nextStageId) ?? reached;
  const shopLocale = isLocale(shop.locale) ? shop.locale : "en";
  const lang = query.get("lang");
  const locale = isLocale(lang) ? lang : chooseLocale(oldest?.customerLocale ?? debts[0]?.customerLocale, shopLocale);
  return { choice: { stageId: stage.id, locale }, stages };
}

/** `openDebts`: the customer's open debts, the most overdue first. */
export async function previewLetter(
  shop: Shop,
  customerKey: string,
  openDebts: Receivable[],
  query: URLSearchParams,
  graphql: AdminGraphql,
  now: Date,
): Promise<PreviewResult> {
  const next = openDebts.length ? await nextLetterOf(shop, customerKey, openDebts, now) : null;
  const debts = next?.debts ?? openDebts;
  const { choice, stages } = chooseLetter(shop, debts, next?.stageId ?? null, query, now);
  if (debts.length === 0) return { ok: false, choice, stages, problem: "no_open_debt" };
  const stage = stages.find((s) => s.id === choice.stageId)!;
  const offer = await offerOfLetter(shop, customerKey, stage.id, debts, now, "preview");
  let letter: Letter;
  let customerLocale: LetterLocale;
  try {
    letter = writeLetter(shop, stage.kind as StageKind, debts, now, offer.phrasing, offer.through);
    customerLocale = letter.locale;
    // In the customer's own language the debts go to the renderer untouched (their exact locale decides
    // how numbers and dates look); in another, as if the customer read that language.
    if (customerLocale !== choice.locale) {
      const asRead = debts.map((d) => ({ ...d, customerLocale: choice.locale }));
      letter = writeLetter(shop, stage.kind as StageKind, asRead, now, offer.phrasing, offer.through);
    }
  } catch (error) {
    if (error instanceof LetterNotWritable) return { ok: false, choice, stages, problem: "not_writable", detail: error.message };
    throw error;
  }
  let shopifyEmail: Extract<PreviewResult, { ok: true }>["shopifyEmail"] = null;
  if (letter.resourceGid.includes("/DraftOrder/")) {
    try {
      const to = letter.recipient ? { to: letter.recipient } : {};
      shopifyEmail = await previewDraftOrderInvoice(graphql, letter.resourceGid, { ...to, subject: letter.subject, customMessage: letter.body });
    } catch (error) {
      if (error instanceof Response) throw error; // Shopify's library asks for a fresh session
      // Quita's own letter above is still exactly what would be sent: the page says Shopify's part is missing.
      if (!(error instanceof ShopifyUserError))
        console.warn(`letter preview: Shopify's draft invoice preview failed (${error instanceof Error ? error.message : String(error)})`);
      shopifyEmail = { error: error instanceof ShopifyUserError ? error.userErrors.map((e) => e.message).join("; ") : null };
    }
  }
  return { ok: true, choice, stages, letter, nextStageId: next?.stageId ?? null, customerLocale, codeToCome: offer.codeToCome, shopifyEmail };
}
