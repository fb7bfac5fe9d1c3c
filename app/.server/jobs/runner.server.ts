import prisma from "../../db.server";
import type { Job } from "../../generated/prisma/client";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { backfillShop, reconcileShop, refreshOrder, refreshTermsOwner, type BackfillOptions } from "../ledger/sync.server";
import { claimJob, enqueueJob, finishJob } from "./queue.server";
import { notifyWorkers } from "../work-notifications.server";

// The in-process job runner: polls the Job table, runs one job at a time, and
// records each run's outcome. Several app instances may poll the same table;
// a job is claimed with SKIP LOCKED so only one runs it.

export interface RunnerDeps {
  /** An Admin API client for the shop's offline session. */
  graphqlFor(shopDomain: string): Promise<AdminGraphql>;
  /** The business clock for aging and reconciliation windows (tests pass the double's); the queue itself runs on wall time. */
  now?: () => Date;
  /** Bulk threshold and polling for backfills (tests make them small and fast). */
  backfill?: BackfillOptions;
}

export const RECONCILE_EVERY_MS = 60 * 60_000;

async function runJob(job: Job, deps: RunnerDeps, now: Date): Promise<unknown> {
  const shop = await prisma.shop.findUnique({ where: { domain: job.shopDomain }, select: { installed: true } });
  if (!shop?.installed) return { skipped: "shop not installed" };
  const graphql = await deps.graphqlFor(job.shopDomain);
  const payload = job.payload as Record<string, string>;
  switch (job.type) {
    case "backfill": return backfillShop(job.shopDomain, graphql, now, job.id, deps.backfill);
    case "reconcile": return reconcileShop(job.shopDomain, graphql, now, job.id);
    case "refresh-order": return refreshOrder(job.shopDomain, graphql, payload.orderGid, now, job.id);
    case "refresh-terms": return refreshTermsOwner(job.shopDomain, graphql, payload.termsId, now, job.id);
    default: throw new Error(`unknown job type ${job.type}`);
  }
}

/** Runs every job due now; returns the jobs it ran, as finally recorded. */
export async function runDueJobs(deps: RunnerDeps, limit = 50): Promise<Job[]> {
  const ran: Job[] = [];
  const clock = deps.now ?? (() => new Date());
  for (let i = 0; i < limit; i++) {
    const job = await claimJob(prisma, new Date());
    if (!job) break;
    let outcome: { result: unknown } | { error: unknown };
    try {
      outcome = { result: await runJob(job, deps, clock()) };
    } catch (error) {
      console.error(`job ${job.type} ${job.id} for ${job.shopDomain} failed: ${error instanceof Error ? error.message : String(error)}`);
      outcome = { error };
    }
    ran.push(await finishJob(prisma, job, new Date(), outcome));
  }
  return ran;
}

/** Queues a reconciliation for every installed shop whose last one is older than `every`. */
export async function scheduleReconciliations(now: Date, every = RECONCILE_EVERY_MS): Promise<number> {
  const shops = await prisma.shop.findMany({ where: { installed: true }, select: { domain: true } });
  let queued = 0;
  for (const { domain } of shops) {
    const last = await prisma.reconciliationRun.findFirst({ where: { shopDomain: domain }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
    if (last && now.getTime() - last.startedAt.getTime() < every) continue;
    await enqueueJob(prisma, domain, "reconcile");
    queued++;
  }
  return queued;
}

let running: { kick(): void; stop(): Promise<void> } | null = null;

/** Starts polling; `kickJobs()` runs the queue at once (after a webhook or install queued work). */
export function startJobRunner(deps: RunnerDeps, pollMs = 15_000): { kick(): void; stop(): Promise<void> } {
  if (running) return running;
  let busy: Promise<unknown> | null = null;
  let again = false;
  const tick = () => {
    if (busy) {
      again = true;
      return;
    }
    busy = scheduleReconciliations((deps.now ?? (() => new Date()))())
      .then(() => runDueJobs(deps))
      .catch((error) => console.error(`job runner: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        busy = null;
        if (again) {
          again = false;
          tick();
        }
      });
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  running = {
    kick: () => setImmediate(tick),
    stop: async () => {
      clearInterval(timer);
      await busy;
      running = null;
    },
  };
  return running;
}

export function kickJobs(): void {
  // No runner here: web instances leave jobs to a worker process, told by NOTIFY.
  if (running) running.kick();
  else notifyWorkers("jobs");
}
