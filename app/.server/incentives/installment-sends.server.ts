import prisma from "../../db.server";
import type { Installment, InstallmentAgreement, Receivable, Shop } from "../../generated/prisma/client";
import { daysOverdue } from "../../domain/ledger/aging";
import { chooseLocale } from "../../domain/letters/locale";
import { renderLetter } from "../../domain/letters/render";
import type { LetterContext, StageKind } from "../../domain/letters/types";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";
import { instantAt } from "../../domain/cadence/local-time";
import { templateFor, type LetterShop } from "../reminders/letter.server";
import { shopifyDidNotProcess } from "../reminders/send-errors.server";
import { sendDraftOrderInvoice } from "../shopify/draft-orders.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";

// An installment's two emails, each Shopify's draft-order invoice (its checkout link) with a letter
// of Quita's as the custom message, in the customer's language: the invoice on its day (the
// "due today" letter, the line "Installment 1 of 3 of our agreement"), and the friendly notice
// when it was missed (the "installment missed" letter, tone-checked like every letter).
//
// Sent exactly once, as the reminders' outbox (docs/decisions/010): the send is claimed
// (pending → sending) in its own statement before Shopify is asked; a refusal is `failed` with
// Shopify's words; an answer that says Shopify did nothing puts it back to `pending`; anything else
// is `unknown`, shown and never sent again by itself.

export type SendKind = "invoice" | "notice";

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const STATUS_FIELD = { invoice: "invoiceStatus", notice: "noticeStatus" } as const;
const STAGE: Record<SendKind, StageKind> = { invoice: "due_today", notice: "installment_missed" };

/** The letter for one installment, written from the original debt's customer and the installment's own invoice. */
export function installmentLetter(shop: LetterShop, kind: SendKind, agreement: InstallmentAgreement, inst: Installment, debt: Receivable, now: Date) {
  if (!inst.invoiceUrl) throw new Error(`Shopify gave no invoice link for ${inst.draftOrderName}`);
  const tz = shop.ianaTimezone;
  const shopLocale = (LETTER_LOCALES as readonly string[]).includes(shop.locale) ? (shop.locale as LetterLocale) : "en";
  const locale = chooseLocale(debt.customerLocale, shopLocale);
  const dueDate = instantAt(inst.dueOn, 12 * 60, tz);
  const context: LetterContext = {
    locale,
    formatLocale: debt.customerLocale,
    timeZone: tz,
    customerName: debt.customerName,
    companyName: debt.companyName,
    debts: [
      {
        number: inst.draftOrderName,
        amount: inst.amount.toFixed(),
        currency: agreement.currency,
        dueDate,
        daysOverdue: daysOverdue(dueDate, now, tz),
        installment: { n: inst.number, of: agreement.count },
        paymentUrl: inst.invoiceUrl,
      },
    ],
    offer: null,
    merchant: { legalName: shop.legalName ?? shop.name ?? "", address: shop.legalAddress, taxId: shop.taxId, shopName: shop.name },
  };
  const letter = renderLetter(templateFor(shop, STAGE[kind], locale), context);
  const recipient = debt.customerEmail && EMAIL.test(debt.customerEmail) ? debt.customerEmail : null;
  return { ...letter, locale, recipient };
}

export type SendResult = "sent" | "failed" | "unknown" | "not-claimed";

async function claim(inst: Installment, kind: SendKind): Promise<boolean> {
  const field = STATUS_FIELD[kind];
  const { count } = await prisma.installment.updateMany({ where: { id: inst.id, [field]: "pending" }, data: { [field]: "sending" } });
  return count === 1;
}

async function settle(inst: Installment, kind: SendKind, status: "sent" | "failed" | "unknown" | "pending", now: Date, reason: string | null) {
  const field = STATUS_FIELD[kind];
  const at = kind === "invoice" ? { invoicedAt: status === "sent" ? now : null } : {};
  await prisma.installment.update({ where: { id: inst.id }, data: { [field]: status, reason, ...at } });
}

/** Sends one installment's invoice or missed notice, once. */
export async function sendInstallmentEmail(
  kind: SendKind,
  shop: Shop,
  agreement: InstallmentAgreement,
  inst: Installment,
  debt: Receivable,
  graphql: AdminGraphql,
  now: Date,
): Promise<SendResult> {
  if (!(await claim(inst, kind))) return "not-claimed";
  let letter;
  try {
    letter = installmentLetter(shop, kind, agreement, inst, debt, now);
  } catch (error) {
    await settle(inst, kind, "failed", now, error instanceof Error ? error.message : String(error));
    return "failed";
  }
  if (!letter.recipient) {
    await settle(inst, kind, "failed", now, "no usable email address");
    return "failed";
  }
  try {
    await sendDraftOrderInvoice(graphql, inst.draftOrderGid, { to: letter.recipient, subject: letter.subject, customMessage: letter.body });
  } catch (error) {
    if (error instanceof ShopifyUserError) {
      await settle(inst, kind, "failed", now, error.userErrors.map((e) => e.message).join("; "));
      return "failed";
    }
    if (shopifyDidNotProcess(error)) {
      await settle(inst, kind, "pending", now, null); // nothing was sent: the next pass tries again
      throw error;
    }
    await settle(
      inst,
      kind,
      "unknown",
      now,
      `Shopify's answer was lost (${error instanceof Error ? error.message : String(error)}): check before sending again`,
    );
    return "unknown";
  }
  await settle(inst, kind, "sent", now, null);
  return "sent";
}
