import prisma from "../../db.server";
import type { Receivable } from "../../generated/prisma/client";
import { daysOverdue, localDate } from "../../domain/ledger/aging";
import { instantAt } from "../../domain/cadence/local-time";
import { fromUnits, toUnits } from "../../domain/ledger/money";
import { ShopifyOutcomeUnknownError, ShopifyUserError } from "../shopify/admin-errors.server";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { fireFlowTrigger, FlowPayloadError, type FlowTriggerFields, type FlowTriggerHandle } from "../shopify/flow.server";
import { noteOnTimelines } from "./reminder-events.server";
import { debtsAtHoldStart } from "./promise-outcomes.server";

// Firing one recorded Flow trigger (FlowTriggerRun) with what it is about: a
// letter (sent, or not sent and why), a debt (overdue, settled) or a promise to
// pay not kept (the debts it covered that are still owed). Flow's
// fields reference an order and its customer, so a subject with neither (a
// letter about draft orders only) is recorded as not fired, with the reason.

interface Subject {
  debts: Receivable[];
  stage?: string;
  reason?: string | null;
  /** A promise's last day, YYYY-MM-DD in the shop's time zone. */
  promisedDate?: string;
  /** An installment of an agreement on the debt (installment-missed). */
  installment?: { number: number; of: number; amount: string; currency: string; dueOn: string; paymentLink: string };
}

async function subjectOf(run: { handle: string; subjectKey: string }, timeZone: string): Promise<Subject> {
  if (run.handle === "promise-broken") {
    const hold = await prisma.collectionHold.findUniqueOrThrow({ where: { id: run.subjectKey } });
    const started = await debtsAtHoldStart(hold.id);
    const debts = await prisma.receivable.findMany({ where: { id: { in: started.map((s) => s.receivableId) }, status: "open" } });
    // The hold runs to the start of the day after the one promised.
    return { debts, promisedDate: localDate(new Date(hold.until.getTime() - 1), timeZone) };
  }
  if (run.handle === "reminder-sent" || run.handle === "reminder-not-sent") {
    const reminder = await prisma.reminder.findUniqueOrThrow({ where: { id: run.subjectKey }, include: { items: true } });
    const debts = await prisma.receivable.findMany({ where: { id: { in: reminder.items.map((i) => i.receivableId) } } });
    return { debts, stage: reminder.stageId, reason: reminder.reason };
  }
  if (run.handle === "installment-missed") {
    const inst = await prisma.installment.findUniqueOrThrow({ where: { id: run.subjectKey }, include: { agreement: true } });
    const debts = await prisma.receivable.findMany({ where: { id: inst.agreement.receivableId } });
    const { agreement } = inst;
    const installment = { number: inst.number, of: agreement.count, amount: inst.amount.toFixed(), currency: agreement.currency, dueOn: inst.dueOn };
    return { debts, installment: { ...installment, paymentLink: inst.invoiceUrl ?? "" } };
  }
  return { debts: await prisma.receivable.findMany({ where: { id: run.subjectKey } }) };
}

/** What Flow is told: the oldest order of the subject, the shop-currency total of its debts. */
function fieldsFor(handle: FlowTriggerHandle, subject: Subject, now: Date, timeZone: string): FlowTriggerFields[FlowTriggerHandle] {
  const orders = subject.debts.filter((d) => d.kind === "order" && d.customerGid).sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
  const order = orders[0];
  if (!order) throw new FlowPayloadError("Flow's triggers name an order and its customer; this is only about draft orders or has no customer");
  const currency = order.shopCurrency;
  const sum = (pick: (d: Receivable) => string) =>
    fromUnits(subject.debts.filter((d) => d.shopCurrency === currency).reduce((n, d) => n + toUnits(pick(d)), 0n));
  const base = { customerGid: order.customerGid!, orderGid: order.resourceGid, daysOverdue: order.dueAt ? daysOverdue(order.dueAt, now, timeZone) : 0 };
  if (handle === "installment-missed" && subject.installment) {
    const i = subject.installment;
    const daysLate = daysOverdue(instantAt(i.dueOn, 0, timeZone), now, timeZone);
    return {
      ...base,
      daysOverdue: daysLate,
      amountDue: { amount: i.amount, currencyCode: i.currency },
      installment: i.number,
      installments: i.of,
      paymentLink: i.paymentLink,
    };
  }
  if (handle === "debt-settled") return { ...base, amountPaid: { amount: sum((d) => d.shopTotalAmount.toFixed()), currencyCode: currency } };
  const reminder = {
    ...base,
    amountDue: { amount: sum((d) => d.shopOutstandingAmount.toFixed()), currencyCode: currency },
    paymentLink: order.paymentUrl ?? "",
  };
  if (handle === "payment-overdue") return reminder;
  if (handle === "promise-broken") return { ...reminder, promisedDate: subject.promisedDate ?? "" };
  if (handle === "reminder-sent") return { ...reminder, stage: subject.stage ?? "" };
  return { ...reminder, stage: subject.stage ?? "", reason: subject.reason ?? "not sent" };
}

export async function fireFlowRun(runId: string, graphql: AdminGraphql, now: Date): Promise<{ status: string; reason?: string }> {
  const run = await prisma.flowTriggerRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== "pending") return { status: run?.status ?? "gone" };
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: run.shopDomain }, select: { ianaTimezone: true } });
  const subject = await subjectOf(run, shop.ianaTimezone);
  const handle = run.handle as FlowTriggerHandle;
  const settle = async (status: "fired" | "failed", error: string | null) => {
    await prisma.$transaction(async (tx) => {
      await tx.flowTriggerRun.update({ where: { id: run.id }, data: { status, error, firedAt: status === "fired" ? now : null } });
      await noteOnTimelines(
        tx,
        subject.debts.map((d) => d.id),
        "flow_triggered",
        now,
        { trigger: handle, status, ...(error ? { reason: error } : {}) },
        run.id,
      );
    });
    return { status, ...(error ? { reason: error } : {}) };
  };
  try {
    await fireFlowTrigger(graphql, handle, fieldsFor(handle, subject, now, shop.ianaTimezone) as never);
  } catch (error) {
    if (error instanceof FlowPayloadError || error instanceof ShopifyUserError) return settle("failed", error.message);
    // Fired twice would run the merchant's workflows twice: not repeated when unsure.
    if (error instanceof ShopifyOutcomeUnknownError) return settle("failed", error.message);
    throw error; // Shopify did not process it (busy, unavailable): the queue tries again.
  }
  return settle("fired", null);
}
