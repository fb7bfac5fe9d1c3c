import { fromPrisma } from "pg-boss";
import prisma from "../../db.server";
import type { Prisma } from "../../generated/prisma/client";
import { now } from "../clock.server";
import { notifyWorkers } from "../work-notifications.server";
import { getBoss, localWorkers } from "./boss.server";
import { QUEUES, singletonKey, type JobData, type JobName, type SyncKind } from "./queue-config.server";
import { cancelQueuedRuns, recordQueued } from "./sync-runs.server";

// Queuing jobs. A job is written in the caller's transaction when there is one
// (a webhook handler's, in the applier), so it exists exactly when what asked
// for it was committed; and through that transaction's connection, as the
// embedded database has no second one to give (toolchain notes). pg-boss must
// be started before such a transaction opens: call `jobsReady()` first.

type Db = Prisma.TransactionClient;

const JOB_QUEUES = Object.keys(QUEUES) as JobName[];

/** Starts this process's pg-boss if it isn't yet; to be awaited before opening a transaction that may queue jobs. */
export async function jobsReady(): Promise<void> {
  await getBoss();
}

/** Queues `name` in `db`'s transaction (to start no earlier than `startAfter`); null when a job with its key is already waiting (nothing is added). */
export async function enqueueIn<N extends JobName>(db: Db, name: N, data: JobData[N], startAfter?: Date): Promise<string | null> {
  const boss = await getBoss();
  return boss.send(name, data, { singletonKey: singletonKey(name, data), db: fromPrisma(db), ...(startAfter ? { startAfter } : {}) });
}

/**
 * Queues a backfill or reconciliation of `shopDomain` and records it (SyncRun,
 * "queued") in one transaction, then wakes the workers. Null when one is
 * already waiting: asking twice queues one.
 */
export async function enqueueSync(kind: SyncKind, shopDomain: string): Promise<string | null> {
  await jobsReady();
  const queuedAt = await now();
  const jobId = await prisma.$transaction(async (tx) => {
    const id = await enqueueIn(tx, kind, { shop: shopDomain });
    if (id) await recordQueued(tx, kind, shopDomain, id, queuedAt);
    return id;
  });
  if (jobId) wakeJobWorkers();
  return jobId;
}

/**
 * Jobs were queued and committed: workers in this process fetch at once;
 * without any (a web instance that leaves jobs to scripts/worker.ts), a
 * notification wakes the worker processes. Polling is the safety net either way.
 */
export function wakeJobWorkers(): void {
  localWorkers()
    .then((local) => {
      if (!local) return notifyWorkers("jobs");
      for (const id of local.ids) local.boss.notifyWorker(id);
    })
    .catch((error: unknown) => console.error(`could not wake the job workers: ${error instanceof Error ? error.message : String(error)}`));
}

/** Uninstall, in its transaction: nothing waiting for the shop will run (a job already running stops at its next page). */
export async function cancelShopJobs(db: Db, shopDomain: string, at: Date): Promise<void> {
  const boss = await getBoss();
  const tx = fromPrisma(db);
  for (const name of JOB_QUEUES) {
    const waiting = await boss.findJobs(name, { data: { shop: shopDomain }, queued: true, db: tx });
    if (waiting.length)
      await boss.cancel(
        name,
        waiting.map((job) => job.id),
        { db: tx },
      );
  }
  await cancelQueuedRuns(db, shopDomain, at);
}

/** shop/redact, in its transaction: every job that names the shop goes, whatever its state. */
export async function deleteShopJobs(db: Db, shopDomain: string): Promise<void> {
  const boss = await getBoss();
  const tx = fromPrisma(db);
  const page = 1_000;
  for (const name of JOB_QUEUES) {
    for (;;) {
      const jobs = await boss.findJobs(name, { data: { shop: shopDomain }, limit: page, db: tx });
      if (jobs.length)
        await boss.deleteJob(
          name,
          jobs.map((job) => job.id),
          { db: tx },
        );
      if (jobs.length < page) break;
    }
  }
  await db.syncRun.deleteMany({ where: { shopDomain } });
}

/**
 * Letters the shop's hours held wait in the queue in wall time (sending.server.ts). When business
 * time is already within the shop's hours — the demo's or the tests' shared clock was moved on past
 * the night — the collections pass hands them back now: each such delayed send (state `created`,
 * not a retry waiting out its backoff) is cancelled and queued again at once, in one transaction
 * (the send itself claims the letter, so it still goes once). One read of the shop's waiting sends.
 */
export async function releaseHeldSends(shopDomain: string): Promise<number> {
  const boss = await getBoss();
  // eslint-disable-next-line no-restricted-syntax -- wall time: pg-boss's startAfter is compared with the database's real clock
  const soon = Date.now() + 60_000;
  let released = 0;
  await prisma.$transaction(async (db) => {
    const tx = fromPrisma(db);
    const waiting = await boss.findJobs<JobData["send-reminder"]>("send-reminder", { data: { shop: shopDomain }, queued: true, db: tx });
    const held = waiting.filter((job) => job.state === "created" && job.startAfter.getTime() > soon);
    if (held.length === 0) return;
    await boss.cancel(
      "send-reminder",
      held.map((job) => job.id),
      { db: tx },
    );
    for (const job of held) if (await enqueueIn(db, "send-reminder", job.data)) released++;
  });
  if (released) wakeJobWorkers();
  return released;
}

/**
 * Of these planned letters, those a send job still stands for: waiting, waiting out a retry's backoff, or
 * running. One read of the shop's waiting sends; a letter not among them is looked up on its own, for a
 * running job (a worker just took it out of the queue). Few are: only letters a pass found long planned.
 */
export async function lettersWithASend(shopDomain: string, reminderIds: string[]): Promise<Set<string>> {
  if (reminderIds.length === 0) return new Set();
  const boss = await getBoss();
  const waiting = await boss.findJobs<JobData["send-reminder"]>("send-reminder", { data: { shop: shopDomain }, queued: true, limit: 100_000 });
  const withSend = new Set(waiting.map((job) => job.data.reminderId));
  for (const reminderId of reminderIds) {
    if (withSend.has(reminderId)) continue;
    const jobs = await boss.findJobs<JobData["send-reminder"]>("send-reminder", { data: { shop: shopDomain, reminderId } });
    if (jobs.some((job) => job.state === "active")) withSend.add(reminderId);
  }
  return new Set(reminderIds.filter((id) => withSend.has(id)));
}
