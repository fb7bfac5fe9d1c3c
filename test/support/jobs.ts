import type { JobDeps } from "../../app/.server/jobs/handlers.server";
import type { JobData, JobName, SyncKind } from "../../app/.server/jobs/queue-config.server";
import type { RanJob } from "../../app/.server/jobs/workers.server";

// Background jobs in tests. With QUITA_JOB_RUNNER=off nothing runs by itself:
// a test queues work as the app would and runs what is due when it says so,
// one job at a time, in this process (app/.server/jobs/workers.server.ts).
// Import after useAppDatabase, as for every app module.

/** Runs every job that is due, and the jobs those queue, until none is left. `includeDelayed`: retries too, without waiting for their time. */
export async function runJobs(deps: JobDeps = {}, options: { includeDelayed?: boolean; only?: JobName[] } = {}): Promise<RanJob[]> {
  const { runQueuedJobs } = await import("../../app/.server/jobs/workers.server");
  return runQueuedJobs(deps, options);
}

/** Queues a backfill or reconciliation as the install, Settings or the hourly cron do; null when one was already waiting. */
export async function queueSync(kind: SyncKind, shop: string): Promise<string | null> {
  const { enqueueSync } = await import("../../app/.server/jobs/enqueue.server");
  return enqueueSync(kind, shop);
}

/** Jobs of a queue as pg-boss holds them, oldest first, matching `data` if given. */
export async function jobsIn<N extends JobName>(name: N, data?: Partial<JobData[N]>) {
  const { getBoss } = await import("../../app/.server/jobs/boss.server");
  return (await getBoss()).findJobs<JobData[N]>(name, data ? { data } : {});
}
