import type { Job } from "pg-boss";
import prisma from "../../db.server";
import { now } from "../clock.server";
import { enqueueIn, jobsReady, wakeJobWorkers } from "../jobs/enqueue.server";
import { adminGraphqlFor, installed, type JobDeps } from "../jobs/job-deps.server";
import type { JobData } from "../jobs/queue-config.server";
import { runCollectionPass } from "./planning.server";
import { sendReminder } from "./sending.server";
import { fireFlowRun } from "./flow-firing.server";
import { runInstallmentPass } from "../incentives/installment-progress.server";
import { settleInvoiceDiscounts } from "../incentives/invoice-discounts.server";

// The reminders' jobs: a collections pass per shop (every few minutes, and
// when webhooks changed the shop's ledger), one job per letter, one per Flow
// trigger. Each is safe to run again: a letter no longer planned is not sent,
// a trigger no longer pending is not fired.

/** Queues a collections pass for the shop (one waiting at most); false when one already waits. */
export async function queueCollectionPass(shopDomain: string): Promise<boolean> {
  await jobsReady();
  const id = await prisma.$transaction((tx) => enqueueIn(tx, "collect", { shop: shopDomain }));
  if (id) wakeJobWorkers();
  return Boolean(id);
}

async function collectAll(): Promise<object> {
  const shops = await prisma.shop.findMany({ where: { installed: true }, select: { domain: true } });
  let queued = 0;
  for (const { domain } of shops) if (await queueCollectionPass(domain)) queued++;
  return { shops: shops.length, queued };
}

type CollectionJob = "collect" | "collect-all" | "send-reminder" | "fire-flow-trigger";

export async function runCollectionJob(name: CollectionJob, job: Job<unknown>, deps: JobDeps): Promise<object> {
  if (name === "collect-all") return collectAll();
  const { shop } = job.data as JobData[Exclude<CollectionJob, "collect-all">];
  if (!(await installed(shop))) return { skipped: "shop not installed" };
  const graphqlOf = () => (deps.graphqlFor ?? adminGraphqlFor)(shop);
  if (name === "collect") {
    // Agreements and invoice discounts first: an agreement that broke ends its hold, a discount that
    // ended is off its draft, and this very pass plans the letters that follow.
    // A failure there (Shopify busy) does not hold the letters back: the pass runs, then the queue retries.
    let installments: object | undefined;
    let failure: unknown;
    try {
      installments = await runInstallmentPass(shop, graphqlOf, await now());
      await settleInvoiceDiscounts(shop, graphqlOf, await now());
    } catch (error) {
      failure = error;
    }
    const pass = await runCollectionPass(shop, await now());
    if (failure) throw failure;
    return { ...pass, installments };
  }
  const graphql = await graphqlOf();
  if (name === "send-reminder") return sendReminder(shop, (job.data as JobData["send-reminder"]).reminderId, graphql, await now());
  return fireFlowRun((job.data as JobData["fire-flow-trigger"]).runId, graphql, await now());
}
