import prisma from "../../db.server";
import type { DiscountRequest } from "../../domain/incentives/settlement-discount";
import type { TermsChangeRequest } from "../../domain/incentives/payment-terms-change";
import type { FieldProblem } from "../../domain/field-problem";
import { translate } from "../../i18n/translate";
import { offerDiscountMessages } from "../../i18n/messages/offer-discount";
import { changeTermsMessages } from "../../i18n/messages/change-terms";
import { offerSettlementDiscount } from "../incentives/settlement-discounts.server";
import { changePaymentTerms } from "../incentives/payment-terms-changes.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";
import type { FlowAnswer } from "./action-runs.server";

// The Flow actions that make something in Shopify (docs/decisions/015, 017): a settlement discount
// for a customer, new payment terms for an order. Each goes through what the customer page uses,
// within the shop's limits; a refusal is a 422 whose message is the page's own English sentence,
// and Shopify's userErrors are quoted. One Admin API read and one or two mutations: well within
// Flow's time limit.

type Catalog = typeof offerDiscountMessages | typeof changeTermsMessages;

const refused = (status: number, lead: string, catalog: Catalog, problem: FieldProblem): FlowAnswer => ({
  status,
  body: { message: `${lead}: ${translate(catalog as typeof offerDiscountMessages, "en", problem.code as never, problem.params)}` },
});

const shopifyRefusal = (lead: string, catalog: Catalog, error: ShopifyUserError): FlowAnswer =>
  refused(422, lead, catalog, { code: "shopifyRefused", params: { message: error.userErrors.map((e) => e.message).join(" ") } });

export async function offerDiscountFromFlow(
  shopDomain: string,
  customerKey: string,
  request: DiscountRequest,
  graphql: AdminGraphql,
  at: Date,
): Promise<FlowAnswer> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  const openDebts = await prisma.receivable.findMany({ where: { shopDomain, status: "open", customerGid: customerKey } });
  const lead = "No discount offered";
  try {
    const result = await offerSettlementDiscount(shop, customerKey, openDebts, request, graphql, at, "flow");
    if (!result.ok) return refused(422, lead, offerDiscountMessages, result.problem);
    const { code, discount, currency } = result.offer;
    return {
      status: 200,
      body: { outcome: "offered", code, percentage: discount.percentage, amount: discount.amount, currency, ends_at: discount.endsAt.toISOString() },
    };
  } catch (error) {
    if (error instanceof ShopifyUserError) return shopifyRefusal(lead, offerDiscountMessages, error);
    throw error;
  }
}

export async function extendTermsFromFlow(
  shopDomain: string,
  orderGid: string,
  request: TermsChangeRequest,
  graphql: AdminGraphql,
  at: Date,
  actionRunId: string,
): Promise<{ answer: FlowAnswer; customerKey: string | null }> {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  const debt = await prisma.receivable.findFirst({ where: { shopDomain, resourceGid: orderGid, status: "open" } });
  if (!debt) return { answer: { status: 422, body: { message: `Quita has no open debt for order ${orderGid} in this shop` } }, customerKey: null };
  const customerKey = debt.customerGid ?? debt.resourceGid;
  const lead = `Payment terms of ${debt.name} not changed`;
  try {
    const result = await changePaymentTerms(shop, debt, request, graphql, at, "flow", actionRunId);
    if (!result.ok) return { answer: refused(422, lead, changeTermsMessages, result.problem), customerKey };
    return { answer: { status: 200, body: { outcome: "terms_changed", order: debt.name, due_date: result.dueDate } }, customerKey };
  } catch (error) {
    if (error instanceof ShopifyUserError) return { answer: shopifyRefusal(lead, changeTermsMessages, error), customerKey };
    throw error;
  }
}
