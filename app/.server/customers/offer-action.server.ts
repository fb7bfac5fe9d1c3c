import prisma from "../../db.server";
import type { FieldProblem } from "../../domain/field-problem";
import type { Receivable, Shop } from "../../generated/prisma/client";
import type { DiscountRequest, SettlementDiscount } from "../../domain/incentives/settlement-discount";
import { offerSettlementDiscount } from "../incentives/settlement-discounts.server";
import { offerInvoiceDiscount } from "../incentives/invoice-discounts.server";
import { sendNextReminderNow, type SendNowResult } from "../reminders/send-now.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";
import { ofCustomer } from "./customer-debts.server";

// "Offer a settlement discount" on a customer's page: the merchant picks a percentage or an
// amount, as a code for the next order or off one of the customer's open invoices; beyond the shop's limits the problem is said next to the field and nothing is made in
// Shopify; Shopify's own refusal is quoted in its words.

export interface OfferMade {
  /** A code for the next order, or null for a discount taken off `invoice`. */
  code: string | null;
  invoice: string | null;
  /** The invoice's letter asked for now (a discount on an invoice only). */
  resend: SendNowResult | null;
  percentage: string | null;
  amount: string | null;
  currency: string;
  endsAt: string;
}

export type OfferActionResult =
  | { intent: "offer_discount"; ok: true; offer: OfferMade }
  | { intent: "offer_discount"; ok: false; errors: Partial<Record<"percent" | "amount" | "target" | "form", FieldProblem>> };

export interface OfferActionContext {
  shopDomain: string;
  customerKey: string;
  graphql: AdminGraphql;
  now: Date;
}

export async function runOfferAction(form: FormData, ctx: OfferActionContext): Promise<OfferActionResult> {
  const intent = "offer_discount" as const;
  const kind = form.get("kind") === "amount" ? "amount" : "percent";
  const value = String(form.get("value") ?? "");
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: ctx.shopDomain } });
  const openDebts = await prisma.receivable.findMany({
    where: { shopDomain: ctx.shopDomain, status: "open", ...ofCustomer(ctx.customerKey) },
  });
  const request: DiscountRequest = kind === "amount" ? { kind: "amount", amount: value } : { kind: "percent", percent: value };
  const target = String(form.get("target") ?? "code");
  try {
    if (target !== "code") return await offerOnInvoice(ctx, shop, openDebts, target, request);
    const result = await offerSettlementDiscount(shop, ctx.customerKey, openDebts, request, ctx.graphql, ctx.now, "merchant");
    if (!result.ok) return { intent, ok: false, errors: { [result.field === "customer" ? "form" : result.field]: result.problem } };
    const { code, discount, currency } = result.offer;
    return { intent, ok: true, offer: { code, invoice: null, resend: null, ...valueOf(discount), currency } };
  } catch (error) {
    if (error instanceof ShopifyUserError) {
      return { intent, ok: false, errors: { form: { code: "shopifyRefused", params: { message: error.userErrors.map((e) => e.message).join("; ") } } } };
    }
    throw error;
  }
}

const valueOf = (discount: SettlementDiscount) => ({ percentage: discount.percentage, amount: discount.amount, endsAt: discount.endsAt.toISOString() });

/** A discount off one of the customer's open invoices, then the customer's next letter asked for now: it says so and carries that invoice again. */
async function offerOnInvoice(
  ctx: OfferActionContext,
  shop: Shop,
  openDebts: Receivable[],
  draftOrderGid: string,
  request: DiscountRequest,
): Promise<OfferActionResult> {
  const intent = "offer_discount" as const;
  const debt = openDebts.find((d) => d.resourceGid === draftOrderGid && d.kind === "draft_order");
  if (!debt) return { intent, ok: false, errors: { target: { code: "invoiceNotOpen" } } };
  const result = await offerInvoiceDiscount(shop, ctx.customerKey, debt, request, ctx.graphql, ctx.now, "merchant");
  if (!result.ok) return { intent, ok: false, errors: { [result.field === "invoice" ? "target" : result.field]: result.problem } };
  const [resend] = await sendNextReminderNow(ctx.shopDomain, [ctx.customerKey], ctx.now);
  const { invoice, discount, currency } = result.offer;
  return { intent, ok: true, offer: { code: null, invoice, resend: resend ?? null, ...valueOf(discount), currency } };
}
