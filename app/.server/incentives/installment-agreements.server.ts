import prisma from "../../db.server";
import type { Shop } from "../../generated/prisma/client";
import type { FieldProblem } from "../../domain/field-problem";
import {
  checkSchedule,
  INSTALLMENT_TAG,
  installmentTitle,
  planInstallments,
  type InstallmentField,
  type InstallmentRequest,
} from "../../domain/incentives/installments";
import { localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { createCustomLineDraftOrder, deleteDraftOrder } from "../shopify/draft-orders.server";
import { orderPurchaser } from "../shopify/orders.server";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import type { TimelineEntry } from "../../domain/customers/timeline";

// An installment agreement offered on one open order (issue #10, docs/decisions/016): the plan is
// checked first (pure, domain/incentives/installments.ts) and nothing is made in Shopify when it is
// refused; then one draft order per installment, for the order's buyer (the B2B company's contact
// at its location, or the customer), a custom line for the exact amount in the currency billed;
// then the agreement is recorded with a hold on the original debt, so the cadence stays quiet
// while the agreement runs. Invoices go out on their days (installment-progress.server.ts).

export type AgreementSource = "merchant" | "policy" | "flow";

export type InstallmentOfferResult =
  | { ok: true; agreementId: string; installments: { number: number; amount: string; dueOn: string; draftOrderName: string }[]; currency: string }
  | { ok: false; field: InstallmentField | "form"; problem: FieldProblem };

/** A day after the last installment could be missed: the hold outlives every date the cadence must keep quiet for. */
const HOLD_MARGIN_MS = 86_400_000;

export async function offerInstallmentPlan(
  shop: Shop,
  customerKey: string,
  receivableId: string,
  request: InstallmentRequest,
  graphql: AdminGraphql,
  now: Date,
  source: AgreementSource = "merchant",
): Promise<InstallmentOfferResult> {
  const zone = zoneOrUtc(shop.ianaTimezone);
  // The form's own fields first: their problems are said whatever the order chosen.
  const schedule = checkSchedule(request, localDate(now, zone));
  if (!schedule.ok) return schedule;
  const debt = await prisma.receivable.findFirst({
    where: { id: receivableId, shopDomain: shop.domain, status: "open", kind: "order", customerGid: customerKey },
  });
  if (!debt) return { ok: false, field: "debt", problem: { code: "debtNotOpen" } };
  const running = await prisma.installmentAgreement.count({ where: { shopDomain: shop.domain, receivableId, status: "active" } });
  if (running) return { ok: false, field: "debt", problem: { code: "alreadyInAgreement" } };
  const plan = planInstallments(request, { outstanding: debt.outstandingAmount.toFixed(), currency: debt.currency }, localDate(now, zone), zone);
  if (!plan.ok) return plan;

  const purchaser = await orderPurchaser(graphql, debt.resourceGid);
  if (!purchaser) return { ok: false, field: "form", problem: { code: "offerNeedsCustomer" } };
  const count = plan.installments.length;
  const drafts: Awaited<ReturnType<typeof createCustomLineDraftOrder>>[] = [];
  // One after another: a refusal (ShopifyUserError, in Shopify's words) stops before the next is made,
  // and the drafts already made are deleted, so a plan Shopify refused leaves nothing behind.
  try {
    for (const inst of plan.installments) {
      const title = installmentTitle(inst.number, count, debt.name);
      drafts.push(
        await createCustomLineDraftOrder(graphql, {
          purchaser,
          title,
          amount: inst.amount,
          currency: debt.currency,
          note: `${title}, due ${inst.dueOn}. Quita installment agreement on order ${debt.name}.`,
          tags: [INSTALLMENT_TAG, `quita-order-${debt.name.replace(/^#/, "")}`],
        }),
      );
    }
  } catch (error) {
    for (const draft of drafts) {
      await deleteDraftOrder(graphql, draft.id).catch((cause) =>
        console.warn(`installment plan refused: ${draft.name} could not be deleted (${String(cause)})`),
      );
    }
    throw error;
  }

  const last = plan.installments[count - 1]!;
  const agreementId = await prisma.$transaction(async (tx) => {
    const hold = await tx.collectionHold.create({
      data: { shopDomain: shop.domain, kind: "agreement", receivableId, until: new Date(last.missedAt.getTime() + HOLD_MARGIN_MS), source, createdAt: now },
    });
    const agreement = await tx.installmentAgreement.create({
      data: {
        shopDomain: shop.domain,
        customerKey,
        receivableId,
        orderGid: debt.resourceGid,
        orderName: debt.name,
        currency: debt.currency,
        totalAmount: debt.outstandingAmount,
        count,
        intervalDays: Number(request.intervalDays.trim()),
        holdId: hold.id,
        source,
        createdAt: now,
        installments: {
          create: plan.installments.map((inst, i) => ({
            shopDomain: shop.domain,
            number: inst.number,
            amount: inst.amount,
            dueOn: inst.dueOn,
            sendAt: inst.sendAt,
            missedAt: inst.missedAt,
            draftOrderGid: drafts[i]!.id,
            draftOrderName: drafts[i]!.name,
            invoiceUrl: drafts[i]!.invoiceUrl,
          })),
        },
      },
    });
    return agreement.id;
  });
  return {
    ok: true,
    agreementId,
    currency: debt.currency,
    installments: plan.installments.map((inst, i) => ({ number: inst.number, amount: inst.amount, dueOn: inst.dueOn, draftOrderName: drafts[i]!.name })),
  };
}

/** The customer's agreements, newest first, with their installments: the customer page and the timeline read them. */
export function agreementsOf(shopDomain: string, customerKey: string) {
  return prisma.installmentAgreement.findMany({
    where: { shopDomain, customerKey },
    include: { installments: { orderBy: { number: "asc" } } },
    orderBy: { createdAt: "desc" },
  });
}

/**
 * Every agreement event as a timeline entry: offered, each installment invoiced, paid or missed,
 * completed or broken. Events of one instant are listed newest first by id, so the ids rank them
 * (an agreement offered and its first invoice sent at once read in that order).
 */
export function agreementTimeline(agreements: Awaited<ReturnType<typeof agreementsOf>>): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const a of agreements) {
    const whole = { order: a.orderName, count: a.count, currency: a.currency };
    const first = a.installments[0]?.dueOn ?? "";
    entries.push({
      kind: "agreement",
      id: `agreement:5:${a.id}`,
      at: a.createdAt,
      event: "offered",
      ...whole,
      number: null,
      amount: a.totalAmount.toFixed(),
      dueOn: first,
    });
    for (const i of a.installments) {
      const one = { ...whole, number: i.number, amount: i.amount.toFixed(), dueOn: i.dueOn };
      if (i.invoicedAt) entries.push({ kind: "agreement", id: `agreement:4:${i.id}`, at: i.invoicedAt, event: "invoiced", ...one });
      if (i.paidAt) entries.push({ kind: "agreement", id: `agreement:3:${i.id}`, at: i.paidAt, event: "paid", ...one });
      if (i.missedOn) entries.push({ kind: "agreement", id: `agreement:2:${i.id}`, at: i.missedOn, event: "missed", ...one });
    }
    if (a.endedAt && (a.status === "completed" || a.status === "broken")) {
      entries.push({
        kind: "agreement",
        id: `agreement:1:${a.id}`,
        at: a.endedAt,
        event: a.status,
        ...whole,
        number: null,
        amount: a.totalAmount.toFixed(),
        dueOn: first,
      });
    }
  }
  return entries;
}
