import prisma from "../../db.server";
import { promiseOutcome, type PromisedDebt } from "../../domain/cadence/promise-outcome";
import { queueFlowTrigger } from "./flow-triggers.server";
import { noteOnTimelines } from "./reminder-events.server";

// Each collections pass asks of every running promise to pay whether it was kept (its debts settled,
// or the amount promised paid) or broken (its date came first), and records the answer once: the
// hold ends with its outcome, the covered debts' timelines say so, and a broken promise fires the
// "promise-broken" Flow trigger. A kept promise ends as soon as it is kept, so the customer's page
// stops saying "promised" the day they pay.

/** The debts a hold covered: those whose timeline noted its start, with what each owed then. */
export function debtsAtHoldStart(holdId: string) {
  return prisma.receivableEvent.findMany({
    where: { sourceId: holdId, type: "hold_started" },
    select: { receivableId: true, outstandingAmount: true, currency: true },
  });
}

async function promisedDebts(holdId: string): Promise<{ ids: string[]; debts: PromisedDebt[] }> {
  const started = await debtsAtHoldStart(holdId);
  const now = await prisma.receivable.findMany({
    where: { id: { in: started.map((s) => s.receivableId) } },
    select: { id: true, status: true, outstandingAmount: true },
  });
  const byId = new Map(now.map((r) => [r.id, r]));
  const debts = started.map((s): PromisedDebt => {
    const current = byId.get(s.receivableId);
    const open = current?.status === "open";
    return { owedThen: s.outstandingAmount.toFixed(), owedNow: open ? current!.outstandingAmount.toFixed() : "0", currency: s.currency, open };
  });
  return { ids: started.map((s) => s.receivableId), debts };
}

export async function settlePromises(shopDomain: string, now: Date): Promise<{ kept: number; broken: number }> {
  const running = await prisma.collectionHold.findMany({ where: { shopDomain, kind: "promise", endedAt: null } });
  let kept = 0;
  let broken = 0;
  for (const hold of running) {
    const { ids, debts } = await promisedDebts(hold.id);
    const decided = promiseOutcome({ amount: hold.amount?.toFixed() ?? null, currency: hold.currency, until: hold.until, debts }, now);
    if (decided.outcome === "running") continue;
    const recorded = await prisma.$transaction(async (tx) => {
      const { count } = await tx.collectionHold.updateMany({ where: { id: hold.id, endedAt: null }, data: { endedAt: now, outcome: decided.outcome } });
      if (count === 0) return false; // the merchant ended it a moment ago
      await noteOnTimelines(tx, ids, "hold_ended", now, { kind: "promise", why: decided.outcome, paid: decided.paid }, hold.id);
      if (decided.outcome === "broken") await queueFlowTrigger(tx, shopDomain, "promise-broken", hold.id, now);
      return true;
    });
    if (recorded && decided.outcome === "kept") kept++;
    if (recorded && decided.outcome === "broken") broken++;
  }
  return { kept, broken };
}
