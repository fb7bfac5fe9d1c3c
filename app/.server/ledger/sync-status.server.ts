import prisma from "../../db.server";
import { enqueueJob } from "../jobs/queue.server";
import { kickJobs } from "../jobs/runner.server";

export interface SyncStatus {
  backfill: { status: string; queuedAt: string; finishedAt: string | null; result: unknown; error: string | null } | null;
  reconciliation: { status: string; startedAt: string; checked: number; corrected: number } | null;
}

/** What the merchant sees of Quita's own bookkeeping: the last full reload and the last drift check. */
export async function findSyncStatus(shopDomain: string): Promise<SyncStatus> {
  const [backfill, reconciliation] = await Promise.all([
    prisma.job.findFirst({ where: { shopDomain, type: "backfill" }, orderBy: { createdAt: "desc" } }),
    prisma.reconciliationRun.findFirst({ where: { shopDomain }, orderBy: { startedAt: "desc" } }),
  ]);
  return {
    backfill: backfill && {
      status: backfill.status,
      queuedAt: backfill.createdAt.toISOString(),
      finishedAt: backfill.finishedAt?.toISOString() ?? null,
      result: backfill.result,
      error: backfill.error,
    },
    reconciliation: reconciliation && {
      status: reconciliation.status,
      startedAt: reconciliation.startedAt.toISOString(),
      checked: reconciliation.checked,
      corrected: reconciliation.corrected,
    },
  };
}

/** On demand: reload every unpaid order from Shopify (safe to repeat; a reload already waiting is reused). */
export async function requestBackfill(shopDomain: string): Promise<void> {
  await enqueueJob(prisma, shopDomain, "backfill");
  kickJobs();
}
