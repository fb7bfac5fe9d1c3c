import prisma from "../../db.server";
import type { FieldProblem } from "../../domain/field-problem";
import type { InstallmentField } from "../../domain/incentives/installments";
import { offerInstallmentPlan } from "../incentives/installment-agreements.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";

// "Offer an installment plan" on a customer's page: which debt, how many installments, the first
// day and the days between them. A plan beyond the bounds is refused next to its field and nothing
// is made in Shopify; Shopify's own refusal of a draft order is quoted in its words.

export interface PlanMade {
  currency: string;
  installments: { number: number; amount: string; dueOn: string; draftOrderName: string }[];
}

export type InstallmentActionResult =
  | { intent: "offer_installments"; ok: true; plan: PlanMade }
  | { intent: "offer_installments"; ok: false; errors: Partial<Record<InstallmentField | "form", FieldProblem>> };

export interface InstallmentActionContext {
  shopDomain: string;
  customerKey: string;
  graphql: AdminGraphql;
  now: Date;
}

export async function runInstallmentAction(form: FormData, ctx: InstallmentActionContext): Promise<InstallmentActionResult> {
  const intent = "offer_installments" as const;
  const text = (name: string) => String(form.get(name) ?? "");
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: ctx.shopDomain } });
  const request = { count: text("count"), firstDate: text("firstDate"), intervalDays: text("intervalDays") };
  try {
    const result = await offerInstallmentPlan(shop, ctx.customerKey, text("debt"), request, ctx.graphql, ctx.now, "merchant");
    if (!result.ok) return { intent, ok: false, errors: { [result.field]: result.problem } };
    return { intent, ok: true, plan: { currency: result.currency, installments: result.installments } };
  } catch (error) {
    if (error instanceof ShopifyUserError) {
      return { intent, ok: false, errors: { form: { code: "shopifyRefused", params: { message: error.userErrors.map((e) => e.message).join("; ") } } } };
    }
    throw error;
  }
}
