import prisma from "../../db.server";
import type { FieldProblem } from "../../domain/field-problem";
import { changePaymentTerms, openDebtOf } from "../incentives/payment-terms-changes.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";

// "Give more time" on a customer's page: the merchant picks one of the customer's open debts and
// its new due date; beyond the shop's limits the problem is said next to the field and nothing
// changes in Shopify; Shopify's own refusal is quoted in its words.

export type TermsActionResult =
  | { intent: "change_terms"; ok: true; change: { name: string; dueDate: string } }
  | { intent: "change_terms"; ok: false; errors: Partial<Record<"order" | "date" | "form", FieldProblem>> };

export interface TermsActionContext {
  shopDomain: string;
  customerKey: string;
  graphql: AdminGraphql;
  now: Date;
}

export async function runTermsAction(form: FormData, ctx: TermsActionContext): Promise<TermsActionResult> {
  const intent = "change_terms" as const;
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: ctx.shopDomain } });
  const debt = await openDebtOf(ctx.shopDomain, ctx.customerKey, String(form.get("order") ?? ""));
  if (!debt) return { intent, ok: false, errors: { order: { code: "orderNotOpen" } } };
  try {
    const result = await changePaymentTerms(shop, debt, { kind: "date", date: String(form.get("date") ?? "") }, ctx.graphql, ctx.now, "merchant");
    if (!result.ok) return { intent, ok: false, errors: { [result.field === "order" ? "order" : "date"]: result.problem } };
    return { intent, ok: true, change: { name: result.receivable.name, dueDate: result.dueDate } };
  } catch (error) {
    if (error instanceof ShopifyUserError) {
      return { intent, ok: false, errors: { form: { code: "shopifyRefused", params: { message: error.userErrors.map((e) => e.message).join(" ") } } } };
    }
    throw error;
  }
}
