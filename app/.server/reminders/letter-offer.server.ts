import type { Receivable, Shop } from "../../generated/prisma/client";
import { settingsFrom } from "../../domain/cadence/settings";
import { CODE_TO_COME } from "../../domain/incentives/settlement-discount";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { offerForLetter, offerForLetterPreview, phrasingOf } from "../incentives/settlement-discounts.server";
import { invoicePhrasingOf, openInvoiceOffer } from "../incentives/invoice-discounts.server";
import type { OfferPhrasing } from "./letter.server";

// The offer a letter carries, decided in one place for the sender and the
// letter preview, so both write the same clause: a discount standing on one of
// the letter's invoices is said in every letter about it (which goes through
// that draft); otherwise a stage that carries an offer brings the customer's
// open settlement offer, or the one the policy makes. The preview makes
// nothing: a code the policy would make on sending is shown as CODE_TO_COME.

export interface LetterOffer {
  phrasing: OfferPhrasing | null;
  /** The draft whose invoice email carries the letter, when a discount stands on it. */
  through?: string;
  /** Preview only: the policy makes the code when the letter is sent; CODE_TO_COME stands in its place. */
  codeToCome: boolean;
}

/** `make`: the sender, which may have the policy make a code in Shopify; "preview" makes nothing. */
export async function offerOfLetter(
  shop: Shop,
  customerKey: string,
  stageId: string,
  debts: Receivable[],
  now: Date,
  make: { graphql: AdminGraphql } | "preview",
): Promise<LetterOffer> {
  const tz = shop.ianaTimezone;
  const onInvoice = await openInvoiceOffer(shop.domain, debts, now);
  if (onInvoice) return { phrasing: invoicePhrasingOf(onInvoice, tz), through: onInvoice.draftOrderGid, codeToCome: false };
  const stages = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection).stages;
  if (!(stages.find((s) => s.id === stageId)?.offer ?? false)) return { phrasing: null, codeToCome: false };
  if (make === "preview") {
    const offer = await offerForLetterPreview(shop, customerKey, debts, now);
    if (!offer) return { phrasing: null, codeToCome: false };
    return { phrasing: phrasingOf({ ...offer, code: offer.code ?? CODE_TO_COME }, tz), codeToCome: offer.code === null };
  }
  const offer = await offerForLetter(shop, customerKey, debts, make.graphql, now);
  return { phrasing: offer && phrasingOf(offer, tz), codeToCome: false };
}
