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

/**
 * runJobs over `queues`, looking only at those holding a job due: one statement asks which, where
 * fetching from each queue costs one per queue and round. For a test that runs its jobs a thousand
 * times over (the collections simulation); the jobs run as runJobs runs them, in `queues`' order.
 */
export async function runDueJobs(deps: JobDeps, queues: JobName[]): Promise<RanJob[]> {
  const { sqlPool } = await import("../../app/db.server");
  const ran: RanJob[] = [];
  for (;;) {
    // What pg-boss's fetch takes: waiting or to be retried, not held back by its singleton key, its time come.
    const { rows } = await sqlPool().query<{ name: string }>(
      "SELECT DISTINCT name FROM pgboss.job WHERE name = ANY($1) AND state < 'active' AND NOT blocked AND start_after <= now()",
      [queues],
    );
    const due = queues.filter((name) => rows.some((row) => row.name === name));
    const now = due.length ? await runJobs(deps, { only: due }) : [];
    if (!now.length) return ran;
    ran.push(...now);
  }
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
