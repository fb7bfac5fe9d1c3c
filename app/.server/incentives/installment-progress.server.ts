import prisma from "../../db.server";
import type { Installment, InstallmentAgreement, Receivable, Shop } from "../../generated/prisma/client";
import { fetchDraftOrder } from "../shopify/draft-orders.server";
import { markOrderAsPaid, recordManualPayment } from "../shopify/orders.server";
import { fromUnits, toUnits } from "../../domain/ledger/money";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";
import { queueFlowTrigger } from "../reminders/flow-triggers.server";
import { shopifyDidNotProcess } from "../reminders/send-errors.server";
import { sendInstallmentEmail } from "./installment-sends.server";
import { settingsFrom } from "../../domain/cadence/settings";
import { withinQuietHours } from "../../domain/cadence/local-time";

// Following a shop's running installment agreements (docs/decisions/016), at each collections pass
// (every few minutes, and after webhooks): an installment whose draft order Shopify shows completed
// is paid; all paid completes the agreement and marks the original order paid in Shopify; an
// installment unpaid GRACE_DAYS after its day breaks the agreement — its friendly notice goes out
// once, the "Installment missed" Flow trigger fires once, and the hold on the original debt ends so
// the cadence resumes on it; an installment whose day came gets its invoice, once.

export interface InstallmentPass {
  paid: number;
  invoiced: number;
  missed: number;
  completed: number;
}

type Agreement = InstallmentAgreement & { installments: Installment[] };

async function endHold(db: Pick<typeof prisma, "collectionHold">, agreement: InstallmentAgreement, now: Date) {
  if (agreement.holdId) await db.collectionHold.updateMany({ where: { id: agreement.holdId, endedAt: null }, data: { endedAt: now } });
}

/** Installments invoiced or due and not known paid, read again from Shopify: a completed draft order is a paid installment. */
async function notePayments(agreement: Agreement, graphql: AdminGraphql, now: Date): Promise<number> {
  let paid = 0;
  for (const inst of agreement.installments) {
    // Not before its day unless invoiced: a due installment is read before its invoice goes, so a paid one is not invoiced.
    if (inst.paidAt || (inst.invoiceStatus === "pending" && inst.sendAt > now)) continue;
    const draft = await fetchDraftOrder(graphql, inst.draftOrderGid);
    if (draft?.status !== "completed") continue;
    const { count } = await prisma.installment.updateMany({ where: { id: inst.id, paidAt: null }, data: { paidAt: now } });
    if (count) {
      inst.paidAt = now;
      paid++;
    }
  }
  return paid;
}

/** Every installment paid: the agreement is complete and the original order is marked paid in Shopify, once. */
async function complete(agreement: Agreement, graphql: AdminGraphql, now: Date): Promise<boolean> {
  const { count } = await prisma.installmentAgreement.updateMany({
    where: { id: agreement.id, status: "active" },
    data: { status: "completed", endedAt: now },
  });
  if (!count) return false;
  let settlement: string;
  try {
    await markOrderAsPaid(graphql, agreement.orderGid);
    settlement = "marked_paid";
  } catch (error) {
    if (error instanceof ShopifyUserError) settlement = `refused: ${error.userErrors.map((e) => e.message).join("; ")}`;
    else if (shopifyDidNotProcess(error)) {
      await prisma.installmentAgreement.update({ where: { id: agreement.id }, data: { status: "active", endedAt: null } });
      throw error; // nothing happened in Shopify: the next pass tries again
    } else settlement = `unknown: ${error instanceof Error ? error.message : String(error)}`;
  }
  await prisma.$transaction(async (tx) => {
    await tx.installmentAgreement.update({ where: { id: agreement.id }, data: { settlement } });
    await endHold(tx, agreement, now);
  });
  return true;
}

/** The first installment missed breaks the agreement, once: its notice is queued, the Flow trigger too, the cadence resumes. */
async function breakOn(agreement: Agreement, inst: Installment, now: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.installmentAgreement.updateMany({ where: { id: agreement.id, status: "active" }, data: { status: "broken", endedAt: now } });
    if (!count) return false;
    await tx.installment.update({ where: { id: inst.id }, data: { noticeStatus: "pending", missedOn: now } });
    await endHold(tx, agreement, now);
    await queueFlowTrigger(tx, agreement.shopDomain, "installment-missed", inst.id, now);
    return true;
  });
}

/**
 * A broken agreement's installments already paid are recorded on the original order, once, as a
 * manual payment: the letters that resume ask only for what is still owed. Claimed (`settlement`
 * null → "recording") before Shopify is asked.
 */
async function recordPaidInstallments(agreement: Agreement, graphql: AdminGraphql): Promise<void> {
  const paid = agreement.installments.filter((i) => i.paidAt);
  const amount = fromUnits(paid.reduce((n, i) => n + toUnits(i.amount.toFixed()), 0n));
  const { count } = await prisma.installmentAgreement.updateMany({ where: { id: agreement.id, settlement: null }, data: { settlement: "recording" } });
  if (!count) return;
  let settlement = "no installment was paid";
  if (paid.length) {
    try {
      await recordManualPayment(
        graphql,
        agreement.orderGid,
        amount,
        agreement.currency,
        `Installments of a Quita agreement (${paid.map((i) => i.draftOrderName).join(", ")})`,
      );
      settlement = `paid_installments_recorded: ${amount} ${agreement.currency}`;
    } catch (error) {
      if (error instanceof ShopifyUserError) settlement = `refused: ${error.userErrors.map((e) => e.message).join("; ")}`;
      else if (shopifyDidNotProcess(error)) {
        await prisma.installmentAgreement.update({ where: { id: agreement.id }, data: { settlement: null } });
        throw error; // nothing happened in Shopify: the next pass tries again
      } else settlement = `unknown: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  await prisma.installmentAgreement.update({ where: { id: agreement.id }, data: { settlement } });
}

/** The original debt ended in Shopify otherwise (paid there, cancelled): the agreement has nothing left to follow. */
async function endWithDebt(agreement: Agreement, debt: Receivable | null, now: Date) {
  await prisma.$transaction(async (tx) => {
    await tx.installmentAgreement.updateMany({
      where: { id: agreement.id, status: "active" },
      data: { status: "completed", endedAt: now, settlement: `the order became ${debt?.status ?? "unknown"} in Shopify` },
    });
    await endHold(tx, agreement, now);
  });
}

/**
 * Whether the shop's sending hours and days allow an email now: an installment's invoice on a day the
 * shop sends nothing (a Sunday, by default) waits for the next allowed hour, as every letter does.
 */
function mayEmail(shop: Shop, now: Date): boolean {
  const settings = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection);
  return withinQuietHours(now, shop.ianaTimezone, settings.quietHours);
}

async function followAgreement(shop: Shop, agreement: Agreement, graphql: AdminGraphql, now: Date, pass: InstallmentPass) {
  const debt = await prisma.receivable.findUnique({ where: { id: agreement.receivableId } });
  pass.paid += await notePayments(agreement, graphql, now);
  if (agreement.installments.every((i) => i.paidAt)) {
    if (await complete(agreement, graphql, now)) pass.completed++;
    return;
  }
  if (!debt || debt.status !== "open") return endWithDebt(agreement, debt, now);
  const missed = agreement.installments.find((i) => !i.paidAt && i.missedAt <= now);
  if (missed) {
    if (await breakOn(agreement, missed, now)) {
      pass.missed++;
      // Outside the shop's hours the notice stays pending: a later pass sends it (below, in runInstallmentPass).
      if (mayEmail(shop, now)) await sendInstallmentEmail("notice", shop, agreement, { ...missed, noticeStatus: "pending" }, debt, graphql, now);
    }
    return;
  }
  if (!mayEmail(shop, now)) return;
  for (const inst of agreement.installments) {
    if (inst.paidAt || inst.invoiceStatus !== "pending" || inst.sendAt > now) continue;
    if ((await sendInstallmentEmail("invoice", shop, agreement, inst, debt, graphql, now)) === "sent") pass.invoiced++;
  }
}

/** `graphqlOf` is asked only when an agreement needs Shopify: a shop without agreements needs no session for its pass. */
export async function runInstallmentPass(shopDomain: string, graphqlOf: () => Promise<AdminGraphql>, now: Date): Promise<InstallmentPass> {
  const pass: InstallmentPass = { paid: 0, invoiced: 0, missed: 0, completed: 0 };
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop?.installed) return pass;
  const agreements = await prisma.installmentAgreement.findMany({
    where: { shopDomain, status: "active" },
    include: { installments: { orderBy: { number: "asc" } } },
  });
  const unsettled = { shopDomain, status: "broken", settlement: null };
  const work =
    agreements.length +
    (await prisma.installmentAgreement.count({ where: unsettled })) +
    (await prisma.installment.count({ where: { shopDomain, noticeStatus: "pending" } }));
  if (work === 0) return pass;
  const graphql = await graphqlOf();
  for (const agreement of agreements) await followAgreement(shop, agreement, graphql, now, pass);
  // Broken, in this pass or one cut short: what was paid is recorded on the original order.
  const broken = await prisma.installmentAgreement.findMany({ where: unsettled, include: { installments: true } });
  for (const agreement of broken) await recordPaidInstallments(agreement, graphql);
  // A notice left pending by a pass cut short after the agreement broke.
  const waiting = mayEmail(shop, now)
    ? await prisma.installment.findMany({ where: { shopDomain, noticeStatus: "pending" }, include: { agreement: true } })
    : [];
  for (const { agreement, ...inst } of waiting) {
    const debt = await prisma.receivable.findUnique({ where: { id: agreement.receivableId } });
    if (debt) await sendInstallmentEmail("notice", shop, agreement, inst, debt, graphql, now);
  }
  return pass;
}
