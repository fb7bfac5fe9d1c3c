import type { SyncRun } from "../../generated/prisma/client";
import { getBoss } from "../jobs/boss.server";
import { enqueueSync } from "../jobs/enqueue.server";
import { attemptsOf, type SyncKind } from "../jobs/queue-config.server";
import { latestRuns } from "../jobs/sync-runs.server";

// What the merchant sees of Quita's own bookkeeping (Settings): the last full
// reload and the last drift check, from their run records (SyncRun,
// docs/decisions/007). A run our record still shows waiting or running is
// checked against its pg-boss job, which knows when a worker died on its
// last attempt or the job was cancelled.

export type RunStatus = "queued" | "running" | "retrying" | "succeeded" | "failed" | "cancelled";

export interface SyncRunView {
  status: RunStatus;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The attempt it is on or ended on, of `attempts` in all. */
  attempt: number;
  attempts: number;
  checked: number;
  corrected: number;
  error: string | null;
}

export interface SyncStatus {
  backfill: SyncRunView | null;
  reconciliation: SyncRunView | null;
}

const UNFINISHED: RunStatus[] = ["queued", "running", "retrying"];

/** The job's own state, for a run whose record says it hasn't finished. */
async function jobStatus(run: SyncRun): Promise<{ status: RunStatus; error: string | null } | null> {
  if (!run.jobId || !UNFINISHED.includes(run.status as RunStatus)) return null;
  const [job] = await (await getBoss()).findJobs<unknown>(run.kind, { id: run.jobId });
  if (!job) return null;
  const reason = (job.output as { message?: string } | null)?.message ?? null;
  switch (job.state) {
    case "failed":
      return { status: "failed", error: run.error ?? reason ?? "the job stopped without finishing (its worker was stopped)" };
    case "cancelled":
      return { status: "cancelled", error: run.error };
    case "active":
      return { status: "running", error: null };
    case "retry":
      return { status: "retrying", error: run.error ?? reason };
    default:
      return null;
  }
}

async function view(run: SyncRun | null): Promise<SyncRunView | null> {
  if (!run) return null;
  const live = await jobStatus(run);
  return {
    status: live?.status ?? (run.status as RunStatus),
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    attempt: run.attempt,
    attempts: attemptsOf(run.kind as SyncKind),
    checked: run.checked,
    corrected: run.corrected,
    error: live ? live.error : run.error,
  };
}

export async function findSyncStatus(shopDomain: string): Promise<SyncStatus> {
  const runs = await latestRuns(shopDomain);
  const [backfill, reconciliation] = await Promise.all([view(runs.backfill), view(runs.reconcile)]);
  return { backfill, reconciliation };
}

/** On demand: reload every unpaid order from Shopify (safe to repeat; a reload already waiting is reused). */
export async function requestBackfill(shopDomain: string): Promise<void> {
  await enqueueSync("backfill", shopDomain);
}
