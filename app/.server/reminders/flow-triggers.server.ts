import type { Prisma } from "../../generated/prisma/client";
import { enqueueIn } from "../jobs/enqueue.server";

type Db = Prisma.TransactionClient;

/** The Flow triggers Quita fires (extensions/*: their handles). */
export type FlowHandle = "payment-overdue" | "reminder-sent" | "reminder-not-sent" | "debt-settled" | "promise-broken" | "installment-missed";

/**
 * Records that `handle` must fire for `subjectKey` (a reminder, a debt, a promise) and
 * queues the job that fires it, in the caller's transaction: once per subject,
 * however often asked (the run's unique key), and not lost if the process stops. It is
 * recorded at business time: the customer's timeline places a run that could not fire by it.
 */
export async function queueFlowTrigger(db: Db, shopDomain: string, handle: FlowHandle, subjectKey: string, now: Date): Promise<boolean> {
  const [run] = await db.flowTriggerRun.createManyAndReturn({
    data: [{ shopDomain, handle, subjectKey, createdAt: now }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!run) return false;
  await enqueueIn(db, "fire-flow-trigger", { shop: shopDomain, runId: run.id });
  return true;
}
