import type { Job, Prisma } from "../../generated/prisma/client";

type Db = Prisma.TransactionClient;

export type JobType = "backfill" | "reconcile" | "refresh-order" | "refresh-terms";

/** A run left "running" this long is taken as crashed and picked up again (every job is safe to rerun). */
export const JOB_LEASE_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;

/** Queues a job unless an identical one is already waiting. */
export async function enqueueJob(db: Db, shopDomain: string, type: JobType, payload: Record<string, string> = {}, runAfter?: Date): Promise<Job> {
  const waiting = await db.job.findFirst({ where: { shopDomain, type, status: "queued", payload: { equals: payload } } });
  return waiting ?? db.job.create({ data: { shopDomain, type, payload, ...(runAfter ? { runAfter } : {}) } });
}

/** Takes the next due job, or one whose run crashed, so no two runners take the same. */
export async function claimJob(db: Db, now: Date): Promise<Job | null> {
  const staleBefore = new Date(now.getTime() - JOB_LEASE_MS);
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job" SET status = 'running', "startedAt" = ${now}, attempts = attempts + 1
    WHERE id = (
      SELECT id FROM "Job"
      WHERE (status = 'queued' AND "runAfter" <= ${now}) OR (status = 'running' AND "startedAt" < ${staleBefore})
      ORDER BY "runAfter", "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows[0] ? db.job.findUnique({ where: { id: rows[0].id } }) : null;
}

export async function finishJob(db: Db, job: Job, now: Date, outcome: { result: unknown } | { error: unknown }): Promise<Job> {
  if ("result" in outcome) {
    return db.job.update({ where: { id: job.id }, data: { status: "succeeded", finishedAt: now, result: (outcome.result ?? {}) as Prisma.InputJsonValue, error: null } });
  }
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  const retry = job.attempts < MAX_ATTEMPTS;
  return db.job.update({
    where: { id: job.id },
    data: retry
      ? { status: "queued", error: message, runAfter: new Date(now.getTime() + 2 ** job.attempts * 30_000) }
      : { status: "failed", error: message, finishedAt: now },
  });
}

/** Uninstall: nothing more runs for the shop. */
export async function cancelShopJobs(db: Db, shopDomain: string, now: Date): Promise<void> {
  await db.job.updateMany({ where: { shopDomain, status: { in: ["queued", "running"] } }, data: { status: "cancelled", finishedAt: now } });
}
