import type { Job } from "pg-boss";
import prisma from "../../db.server";
import { now } from "../clock.server";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { backfillShop, reconcileShop, refreshDraftOrder, refreshOrder, refreshTermsOwner, type SyncCounts } from "../ledger/sync.server";
import { runCollectionJob } from "../reminders/jobs.server";
import { adminGraphqlFor, installed, type JobDeps } from "./job-deps.server";
import { attemptsOf, type JobData, type JobName, type SyncKind } from "./queue-config.server";
import { enqueueSync } from "./enqueue.server";
import { finishAttempt, pruneRuns, startAttempt } from "./sync-runs.server";

export type { JobDeps } from "./job-deps.server";

// What each job does. Every job is safe to run again (the ledger's own rules
// make a snapshot applied twice a no-op), which is what lets pg-boss retry one
// whose worker died. Business time comes from the clock module: the double's
// clock in the demo and tests, so advancing it moves what jobs see too.

const KEEP_RUNS_MS = 30 * 86_400_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A backfill or reconciliation, recorded attempt by attempt in its SyncRun. */
async function runSync(kind: SyncKind, job: Job<{ shop: string }>, deps: JobDeps): Promise<object> {
  const shop = job.data.shop;
  if (!(await installed(shop))) return { skipped: "shop not installed" };
  const attempt = job.retryCount + 1;
  const startedAt = await now();
  const run = await startAttempt(kind, shop, job.id, attempt, startedAt);
  if (!run) return { skipped: "a later attempt of this job has started" };
  try {
    const graphql = await (deps.graphqlFor ?? adminGraphqlFor)(shop);
    const result =
      kind === "backfill" ? await backfillShop(shop, graphql, startedAt, job.id, deps.backfill) : await reconcileShop(shop, graphql, startedAt, run.id);
    await finishAttempt(run, { status: "succeeded", checked: result.checked, corrected: result.corrected, result: { ...result } }, await now());
    return result;
  } catch (error) {
    const status = attempt >= attemptsOf(kind) ? "failed" : "retrying";
    console.error(`${kind} of ${shop} failed (attempt ${attempt} of ${attemptsOf(kind)}): ${message(error)}`);
    // eslint-disable-next-line no-restricted-syntax -- wall time only when the business clock itself failed: the failure is still recorded
    await finishAttempt(run, { status, error: message(error) }, await now().catch(() => new Date())).catch(() => {});
    throw error;
  }
}

/** A job about one resource of one shop. */
async function runRefresh(shop: string, deps: JobDeps, refresh: (graphql: AdminGraphql, at: Date) => Promise<SyncCounts>): Promise<object> {
  if (!(await installed(shop))) return { skipped: "shop not installed" };
  return refresh(await (deps.graphqlFor ?? adminGraphqlFor)(shop), await now());
}

/** The hourly cron: one reconciliation per installed shop (one waiting per shop at most), and old run records pruned. */
async function reconcileAll(): Promise<object> {
  const shops = await prisma.shop.findMany({ where: { installed: true }, select: { domain: true } });
  let queued = 0;
  for (const { domain } of shops) if (await enqueueSync("reconcile", domain)) queued++;
  const pruned = await pruneRuns(new Date((await now()).getTime() - KEEP_RUNS_MS));
  return { shops: shops.length, queued, pruned };
}

/** Runs one job; what it returns is the job's output, what it throws fails the attempt (and pg-boss retries it). */
export async function runJob(name: JobName, job: Job<unknown>, deps: JobDeps = {}): Promise<object> {
  switch (name) {
    case "backfill":
    case "reconcile":
      return runSync(name, job as Job<JobData[typeof name]>, deps);
    case "refresh-order": {
      const { shop, orderGid } = job.data as JobData["refresh-order"];
      return runRefresh(shop, deps, (graphql, at) => refreshOrder(shop, graphql, orderGid, at, job.id));
    }
    case "refresh-draft-order": {
      const { shop, draftOrderGid } = job.data as JobData["refresh-draft-order"];
      return runRefresh(shop, deps, (graphql, at) => refreshDraftOrder(shop, graphql, draftOrderGid, at, job.id));
    }
    case "refresh-terms": {
      const { shop, termsId } = job.data as JobData["refresh-terms"];
      return runRefresh(shop, deps, (graphql, at) => refreshTermsOwner(shop, graphql, termsId, at, job.id));
    }
    case "reconcile-all":
      return reconcileAll();
    case "collect":
    case "collect-all":
    case "send-reminder":
    case "fire-flow-trigger":
      return runCollectionJob(name, job, deps);
  }
}
