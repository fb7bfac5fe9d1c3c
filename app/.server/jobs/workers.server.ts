import type { JobResult, JobWithMetadata, PgBoss } from "pg-boss";
import { getBoss, registerWorker, stopBoss } from "./boss.server";
import { COLLECT_CRON, HEARTBEAT_SECONDS, RECONCILE_CRON, type JobName } from "./queue-config.server";
import { runJob, type JobDeps } from "./handlers.server";

// Who runs the jobs. In the app process (QUITA_JOB_RUNNER=on, scripts/serve.ts)
// or in scripts/worker.ts: pg-boss workers, woken at once when a job is queued
// (enqueue.server.ts) and polling every 2 s besides, plus the hourly cron. In
// tests (QUITA_JOB_RUNNER=off) nothing runs by itself: `runQueuedJobs` runs
// what is due, one job at a time, when the test says so.

const POLL_SECONDS = 2;
/** A shop's backfill or reconciliation can take minutes: two at a time per process, so one large shop doesn't hold up the others. */
const LONG_JOBS: JobName[] = ["reconcile-all", "backfill", "reconcile", "collect-all", "collect"];
/** Quick ones, fetched ten at a time while there are more. */
const SHORT_JOBS: JobName[] = ["refresh-order", "refresh-draft-order", "refresh-terms", "send-reminder", "fire-flow-trigger"];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts this process's job workers and the reconciliation cron; `stop` lets running jobs finish (briefly), then stops. */
export async function startJobWorkers(deps: JobDeps = {}): Promise<{ stop(): Promise<void> }> {
  const boss = await getBoss({ supervised: true });
  for (const name of LONG_JOBS) {
    const localConcurrency = name === "reconcile-all" ? 1 : 2;
    registerWorker(await boss.work(name, { batchSize: 1, localConcurrency, pollingIntervalSeconds: POLL_SECONDS }, async ([job]) => runJob(name, job, deps)));
  }
  for (const name of SHORT_JOBS) {
    const options = { batchSize: 10, burstWhenBatchFull: true, perJobResults: true, pollingIntervalSeconds: POLL_SECONDS } as const;
    registerWorker(
      await boss.work(name, options, async (jobs) => {
        const results: JobResult[] = [];
        for (const job of jobs) {
          try {
            results.push({ id: job.id, status: "completed", output: await runJob(name, job, deps) });
          } catch (error) {
            console.error(`job ${name} ${job.id} failed: ${message(error)}`);
            results.push({ id: job.id, status: "failed", output: { message: message(error) } });
          }
        }
        return results;
      }),
    );
  }
  // Sent once a minute at most across every process that schedules (pg-boss's own rule); missed ones while down: one.
  await boss.schedule("reconcile-all", RECONCILE_CRON, {}, { tz: "UTC", missed: "once" });
  await boss.schedule("collect-all", COLLECT_CRON, {}, { tz: "UTC", missed: "once" });
  return { stop: () => stopBoss() };
}

export interface RanJob {
  name: JobName;
  id: string;
  data: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  /** What became of the job: done, to be tried again later, or failed for good. */
  state: "completed" | "retry" | "failed";
  output: unknown;
}

const TEST_ORDER: JobName[] = [
  "reconcile-all",
  "backfill",
  "reconcile",
  "refresh-order",
  "refresh-draft-order",
  "refresh-terms",
  "collect-all",
  "collect",
  "send-reminder",
  "fire-flow-trigger",
];

async function runFetched(boss: PgBoss, name: JobName, job: JobWithMetadata<unknown>, deps: JobDeps): Promise<RanJob> {
  const attempt = { id: job.id, retryCount: job.retryCount };
  const ran = { name, id: job.id, data: job.data, attempt: job.retryCount + 1 };
  // What boss.work() does for its own jobs: a heartbeat while the job runs.
  const heartbeat = setInterval(() => void boss.touch(name, attempt).catch(() => {}), HEARTBEAT_SECONDS * 500);
  try {
    const output = await runJob(name, job, deps);
    await boss.complete(name, attempt, output);
    return { ...ran, state: "completed", output };
  } catch (error) {
    const output = { message: message(error) };
    await boss.fail(name, attempt, output);
    return { ...ran, state: job.retryCount >= job.retryLimit ? "failed" : "retry", output };
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Tests: runs every job that is due, one at a time in this process, and the
 * jobs those queue, until none is left; returns each run in order.
 * `includeDelayed` also runs retries whose wait has not passed yet.
 */
export async function runQueuedJobs(deps: JobDeps = {}, options: { includeDelayed?: boolean; only?: JobName[] } = {}): Promise<RanJob[]> {
  const boss = await getBoss();
  const ran: RanJob[] = [];
  for (let found = true; found;) {
    found = false;
    for (const name of options.only ?? TEST_ORDER) {
      const [job] = await boss.fetch<unknown>(name, { batchSize: 1, includeMetadata: true, ignoreStartAfter: Boolean(options.includeDelayed) });
      if (!job) continue;
      found = true;
      ran.push(await runFetched(boss, name, job, deps));
    }
  }
  return ran;
}
