import prisma from "../../db.server";
import type { Receivable, Shop } from "../../generated/prisma/client";
import { instantAt } from "../../domain/cadence/local-time";
import { localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { incentiveLimitsFrom } from "../../domain/incentives/limits";
import { checkTermsChange, type TermsChangeRequest } from "../../domain/incentives/payment-terms-change";
import type { FieldProblem } from "../../domain/field-problem";
import { applySnapshot } from "../ledger/receivables.server";
import { setPaymentTermsDueDate } from "../shopify/payment-terms.server";
import { fetchOrder } from "../shopify/orders.server";
import { fetchDraftOrder } from "../shopify/draft-orders.server";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { ofCustomer } from "../customers/customer-debts.server";

// New payment terms for one of a customer's debts (issue #10): checked against the shop's limits
// first — a change beyond them is refused and nothing changes in Shopify —, then the order's terms
// moved in Shopify, and the order read back and applied to the ledger at once, so the customer
// page, the aging and the cadence plan from the new date without waiting for the webhook. The
// payment_terms/update and orders/updated webhooks that follow carry the same updated_at the
// ledger already holds, and change nothing (newest updated_at wins, docs/decisions/008).

export type TermsChangeSource = "merchant" | "flow";

export type TermsChangeResult = { ok: true; receivable: Receivable; dueDate: string } | { ok: false; field: "order" | "date" | "days"; problem: FieldProblem };

/** The debt's change events say who moved it: the timeline shows a move from Flow as such. */
export const TERMS_CHANGE_SOURCES: Record<TermsChangeSource, string> = { merchant: "terms-change:merchant", flow: "terms-change:flow" };

/** The customer's open debt `resourceGid` in Quita's ledger, or null (paid, another customer's, unknown). */
export function openDebtOf(shopDomain: string, customerKey: string, resourceGid: string): Promise<Receivable | null> {
  return prisma.receivable.findFirst({
    where: { shopDomain, resourceGid, status: "open", ...ofCustomer(customerKey) },
  });
}

/**
 * Gives `debt` a new due date. The date is the start of that day in the shop's time zone, so the
 * shop's calendar (aging, the cadence) reads that very day.
 */
export async function changePaymentTerms(
  shop: Shop,
  debt: Receivable,
  request: TermsChangeRequest,
  graphql: AdminGraphql,
  now: Date,
  source: TermsChangeSource,
  sourceId: string | null = null,
): Promise<TermsChangeResult> {
  const zone = zoneOrUtc(shop.ianaTimezone);
  const facts = { today: localDate(now, zone), currentDueDate: debt.dueAt ? localDate(debt.dueAt, zone) : null };
  const checked = checkTermsChange(incentiveLimitsFrom((shop.settings as { incentives?: unknown }).incentives), facts, request);
  if (!checked.ok) return checked;
  await setPaymentTermsDueDate(graphql, {
    ownerGid: debt.resourceGid,
    paymentTermsId: debt.paymentTermsId,
    dueAt: instantAt(checked.dueDate, 0, zone),
  });
  const snapshot = debt.kind === "draft_order" ? await fetchDraftOrder(graphql, debt.resourceGid) : await fetchOrder(graphql, debt.resourceGid);
  const clock = { domain: shop.domain, ianaTimezone: shop.ianaTimezone, currency: shop.currencyCode, now };
  if (snapshot) await prisma.$transaction((tx) => applySnapshot(tx, clock, snapshot, { source: TERMS_CHANGE_SOURCES[source], sourceId }));
  const receivable = await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id } });
  return { ok: true, receivable, dueDate: checked.dueDate };
}
