import type { Receivable, Shop } from "../../generated/prisma/client";
import { settingsFrom, type Stage } from "../../domain/cadence/settings";
import { chooseLocale } from "../../domain/letters/locale";
import { daysOverdue } from "../../domain/ledger/aging";
import type { StageKind } from "../../domain/letters/types";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";
import { LetterNotWritable, writeLetter, type Letter } from "../reminders/letter.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";
import { previewDraftOrderInvoice } from "../shopify/draft-orders.server";

// What a letter about one of the customer's debts would say, for a stage of
// the shop's cadence and a language: written by the very renderer the sender
// uses (reminders/letter.server.ts), so in the customer's own language it is
// byte for byte what Shopify would be asked to send. For an invoiced draft,
// Shopify's own invoice email around it too (draftOrderInvoicePreview).

export interface LetterChoice {
  receivableId: string;
  stageId: string;
  locale: LetterLocale;
}

export type PreviewResult =
  | {
      ok: true;
      choice: LetterChoice;
      stages: Stage[];
      letter: Letter;
      /** The language the customer's letters are written in: previewed in it, the letter is byte for byte theirs. */
      customerLocale: LetterLocale;
      /** `error`: Shopify's own words when it refused; null when it did not answer (busy, unreachable). */
      shopifyEmail: { subject: string | null; html: string | null } | { error: string | null } | null;
    }
  | { ok: false; choice: LetterChoice; stages: Stage[]; problem: "no_open_debt" | "not_writable"; detail?: string };

const isLocale = (value: string | null): value is LetterLocale => (LETTER_LOCALES as readonly string[]).includes(value ?? "");

/**
 * The choice the page's query asks for, with defaults: the most overdue debt, the stage its age has
 * reached (a courtesy heads-up about a debt long overdue reads as nonsense), the customer's language.
 */
export function chooseLetter(
  shop: Pick<Shop, "locale" | "settings" | "ianaTimezone">,
  openDebts: Receivable[],
  query: URLSearchParams,
  now: Date,
): { choice: LetterChoice; stages: Stage[] } {
  const stages = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection).stages;
  const debt = openDebts.find((d) => d.id === query.get("debt")) ?? openDebts[0];
  const age = debt?.dueAt ? daysOverdue(debt.dueAt, now, shop.ianaTimezone) : null;
  const reached = age === null ? stages[0]! : (stages.findLast((s) => s.offsetDays <= age) ?? stages[0]!);
  const stage = stages.find((s) => s.id === query.get("stage")) ?? reached;
  const shopLocale = isLocale(shop.locale) ? shop.locale : "en";
  const lang = query.get("lang");
  const locale = isLocale(lang) ? lang : chooseLocale(debt?.customerLocale, shopLocale);
  return { choice: { receivableId: debt?.id ?? "", stageId: stage.id, locale }, stages };
}

export async function previewLetter(shop: Shop, openDebts: Receivable[], query: URLSearchParams, graphql: AdminGraphql, now: Date): Promise<PreviewResult> {
  const { choice, stages } = chooseLetter(shop, openDebts, query, now);
  const debt = openDebts.find((d) => d.id === choice.receivableId);
  if (!debt) return { ok: false, choice, stages, problem: "no_open_debt" };
  const stage = stages.find((s) => s.id === choice.stageId)!;
  const shopLocale = isLocale(shop.locale) ? shop.locale : "en";
  // In the customer's own language the debt goes to the renderer untouched (their exact locale decides how
  // numbers and dates look); in another, as if the customer read that language.
  const customerLocale = chooseLocale(debt.customerLocale, shopLocale);
  const asWritten = customerLocale === choice.locale ? debt : { ...debt, customerLocale: choice.locale };
  let letter: Letter;
  try {
    letter = writeLetter(shop, stage.kind as StageKind, [asWritten], now);
  } catch (error) {
    if (error instanceof LetterNotWritable) return { ok: false, choice, stages, problem: "not_writable", detail: error.message };
    throw error;
  }
  let shopifyEmail: Extract<PreviewResult, { ok: true }>["shopifyEmail"] = null;
  if (debt.kind === "draft_order") {
    try {
      const to = letter.recipient ? { to: letter.recipient } : {};
      shopifyEmail = await previewDraftOrderInvoice(graphql, debt.resourceGid, { ...to, subject: letter.subject, customMessage: letter.body });
    } catch (error) {
      if (error instanceof Response) throw error; // Shopify's library asks for a fresh session
      // Quita's own letter above is still exactly what would be sent: the page says Shopify's part is missing.
      if (!(error instanceof ShopifyUserError))
        console.warn(`letter preview: Shopify's draft invoice preview failed (${error instanceof Error ? error.message : String(error)})`);
      shopifyEmail = { error: error instanceof ShopifyUserError ? error.userErrors.map((e) => e.message).join("; ") : null };
    }
  }
  return { ok: true, choice, stages, letter, customerLocale, shopifyEmail };
}
