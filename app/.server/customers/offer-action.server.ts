import prisma from "../../db.server";
import type { FieldProblem } from "../../domain/field-problem";
import type { DiscountRequest } from "../../domain/incentives/settlement-discount";
import { offerSettlementDiscount } from "../incentives/settlement-discounts.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";

// "Offer a settlement discount" on a customer's page: the merchant picks a percentage or an
// amount; beyond the shop's limits the problem is said next to the field and nothing is made in
// Shopify; Shopify's own refusal is quoted in its words.

export interface OfferMade {
  code: string;
  percentage: string | null;
  amount: string | null;
  currency: string;
  endsAt: string;
}

export type OfferActionResult =
  | { intent: "offer_discount"; ok: true; offer: OfferMade }
  | { intent: "offer_discount"; ok: false; errors: Partial<Record<"percent" | "amount" | "form", FieldProblem>> };

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
    where: { shopDomain: ctx.shopDomain, status: "open", OR: [{ customerGid: ctx.customerKey }, { customerGid: null, resourceGid: ctx.customerKey }] },
  });
  const request: DiscountRequest = kind === "amount" ? { kind: "amount", amount: value } : { kind: "percent", percent: value };
  try {
    const result = await offerSettlementDiscount(shop, ctx.customerKey, openDebts, request, ctx.graphql, ctx.now, "merchant");
    if (!result.ok) return { intent, ok: false, errors: { [result.field === "customer" ? "form" : result.field]: result.problem } };
    const { code, discount, currency } = result.offer;
    return { intent, ok: true, offer: { code, percentage: discount.percentage, amount: discount.amount, currency, endsAt: discount.endsAt.toISOString() } };
  } catch (error) {
    if (error instanceof ShopifyUserError) {
      return { intent, ok: false, errors: { form: { code: "shopifyRefused", params: { message: error.userErrors.map((e) => e.message).join("; ") } } } };
    }
    throw error;
  }
}
