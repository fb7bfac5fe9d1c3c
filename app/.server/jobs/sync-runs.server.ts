import prisma from "../../db.server";
import type { Prisma, SyncRun } from "../../generated/prisma/client";
import type { SyncKind } from "./queue-config.server";

// The record of each backfill and reconciliation (SyncRun), one row per pg-boss
// job. Every write names the attempt it comes from and only touches the row
// while no later attempt has written it: an attempt whose worker was presumed
// dead, and whose job was retried elsewhere, can no longer overwrite what the
// retry recorded (the old queue let a finished job overwrite another's state).

type Db = Prisma.TransactionClient;

/** A job was queued (in the transaction that queued it). */
export async function recordQueued(db: Db, kind: SyncKind, shopDomain: string, jobId: string, queuedAt: Date): Promise<void> {
  await db.syncRun.createMany({ data: [{ kind, shopDomain, jobId, queuedAt }], skipDuplicates: true });
}

/** Attempt `attempt` (1 = the first) of the job starts; null if a later attempt already owns the row. */
export async function startAttempt(kind: SyncKind, shopDomain: string, jobId: string, attempt: number, now: Date): Promise<SyncRun | null> {
  const started = { status: "running", attempt, startedAt: now, finishedAt: null, error: null };
  const { count } = await prisma.syncRun.updateMany({ where: { jobId, attempt: { lt: attempt } }, data: started });
  if (count === 0) {
    // Queued by the cron's fan-out or before its row was written: the row is made now.
    await prisma.syncRun.createMany({ data: [{ kind, shopDomain, jobId, queuedAt: now, ...started }], skipDuplicates: true });
  }
  const run = await prisma.syncRun.findUnique({ where: { jobId } });
  return run && run.attempt === attempt && run.status === "running" ? run : null;
}

export type AttemptOutcome =
  { status: "succeeded"; checked: number; corrected: number; result: Prisma.InputJsonValue } | { status: "retrying" | "failed"; error: string };

/** What attempt `run.attempt` came to; nothing is written if a later attempt has taken the row over. */
export async function finishAttempt(run: SyncRun, outcome: AttemptOutcome, now: Date): Promise<boolean> {
  const { count } = await prisma.syncRun.updateMany({
    where: { id: run.id, attempt: run.attempt },
    data: { ...outcome, error: "error" in outcome ? outcome.error.slice(0, 2_000) : null, finishedAt: now },
  });
  return count === 1;
}

/** Uninstall: the shop's runs still waiting will not run. */
export async function cancelQueuedRuns(db: Db, shopDomain: string, now: Date): Promise<void> {
  await db.syncRun.updateMany({ where: { shopDomain, status: { in: ["queued", "retrying"] } }, data: { status: "cancelled", finishedAt: now } });
}

/** The latest run of each kind for a shop. */
export async function latestRuns(shopDomain: string): Promise<Record<SyncKind, SyncRun | null>> {
  const latest = (kind: SyncKind) => prisma.syncRun.findFirst({ where: { shopDomain, kind }, orderBy: [{ queuedAt: "desc" }, { attempt: "desc" }] });
  const [backfill, reconcile] = await Promise.all([latest("backfill"), latest("reconcile")]);
  return { backfill, reconcile };
}

/** Runs that ended before `before`, except each shop's last successful one of each kind (the next reconciliation starts from it). */
export async function pruneRuns(before: Date): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM "SyncRun" r
    WHERE r."finishedAt" < ${before}
      AND EXISTS (SELECT 1 FROM "SyncRun" n WHERE n."shopDomain" = r."shopDomain" AND n.kind = r.kind
                  AND n.status = 'succeeded' AND n."startedAt" > COALESCE(r."startedAt", r."queuedAt"))`;
}
