import { wakeJobWorkers } from "../jobs/enqueue.server";
import { queueCollectionPass } from "../reminders/jobs.server";
import { applyBatch, batchSize, type ApplierSummary, type ParsedCache } from "./apply-batch.server";

export type { ApplierSummary } from "./apply-batch.server";

// Applies the ledger deliveries the webhook routes accepted (docs/decisions/006),
// a batch at a time (apply-batch.server.ts). It runs in the background only
// where it was started on purpose: scripts/serve.ts with QUITA_JOB_RUNNER=on,
// or scripts/worker.ts (jobs/background.server.ts). Tests call
// applyPendingWebhooks() themselves.

declare global {
  /**
   * The applier started in this process, if any. The routes reach it through
   * here because the Remix build and scripts/serve.ts load this module twice
   * (as with the Prisma client in db.server.ts): a route's copy must wake the
   * one that was started.
   */
  var quitaWebhookApplier: { wake(webhookId?: string, input?: unknown): void } | undefined;
}

// What this process's routes parsed when they accepted a delivery, so the
// usual case (accepted and applied by one instance) parses each body once. After
// a restart, or for a delivery another instance accepted, the body is parsed
// again, by the same function. Bounded: past the limit the oldest are forgotten.
const parsed: ParsedCache = new Map();
const PARSED_LIMIT = 5_000;

let running: Promise<ApplierSummary> | null = null;
let untilEmpty = false; // someone waits for everything accepted so far
let again = false; // …and asked while a pass was finishing
let woken = false; // a delivery was accepted while a pass ran

async function drain(): Promise<ApplierSummary> {
  const summary: ApplierSummary = { applied: 0, failed: 0 };
  try {
    do {
      again = false;
      let claimed: number;
      const limit = batchSize();
      do claimed = await applyBatch(summary, parsed, limit);
      while (claimed === limit || (untilEmpty && claimed > 0));
    } while (again);
    // What changed may bring a letter due (a due date reached) or make one moot (paid): a collections pass looks.
    for (const shop of summary.shops ?? []) {
      await queueCollectionPass(shop).catch((error: unknown) =>
        console.error(`could not queue a collections pass for ${shop}: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    return { applied: summary.applied, failed: summary.failed };
  } finally {
    // Jobs a handler queued (orders/edited, unknown terms) are committed by now.
    if (summary.queuedJobs) wakeJobWorkers();

    running = null;
    untilEmpty = false;
    if (woken) {
      woken = false;
      schedule();
    }
  }
}

/**
 * Applies every delivery accepted so far (and any accepted meanwhile).
 * Single-flight in this process: called while a pass runs, it joins it and
 * the pass goes on until nothing is due. Tests (QUITA_JOB_RUNNER=off) call it
 * themselves.
 */
export function applyPendingWebhooks(): Promise<ApplierSummary> {
  untilEmpty = true;
  if (running) {
    again = true;
    return running;
  }
  running = drain();
  return running;
}

// In the background a pass starts a little after the delivery that woke it,
// so the deliveries arriving meanwhile share its batch: one transaction for
// many costs far less than one each. It ends once a batch comes back short.
let started: { poll: NodeJS.Timeout; lingerMs: number } | null = null;
let scheduled: NodeJS.Timeout | null = null;

function pass(): void {
  if (running) {
    woken = true;
    return;
  }
  running = drain();
  running.catch((error) => console.error(`webhook applier: ${error instanceof Error ? error.message : String(error)}`));
}

function schedule(): void {
  if (!started || scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = null;
    pass();
  }, started.lingerMs);
}

function wake(webhookId?: string, input?: unknown): void {
  if (webhookId !== undefined) {
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(webhookId, input);
  }
  if (running) woken = true;
  else schedule();
}

/** After a route accepted a delivery (and parsed its body into `input`): apply it soon, without holding up the answer. */
export function wakeWebhookApplier(webhookId: string, input: unknown): void {
  // Kept only where this process will apply it: a web instance that leaves the
  // work to a worker process would hold thousands of bodies nobody reads.
  globalThis.quitaWebhookApplier?.wake(webhookId, input);
}

/** Whether this process applies deliveries in the background (else a worker process does, or a test). */
export function webhookApplierStarted(): boolean {
  return globalThis.quitaWebhookApplier !== undefined;
}

/** Another process accepted deliveries (a worker hears of them by NOTIFY): apply them soon. */
export function wakeWebhookApplierForOthers(): void {
  globalThis.quitaWebhookApplier?.wake();
}

/** Starts applying in the background: at once (what a crash or restart left pending), shortly after each wake, and every `pollMs` for retries. */
export function startWebhookApplier(options: { pollMs?: number; lingerMs?: number } = {}): { stop(): Promise<void> } {
  if (!started) {
    const poll = setInterval(pass, options.pollMs ?? 5_000);
    poll.unref();
    started = { poll, lingerMs: options.lingerMs ?? 50 };
    globalThis.quitaWebhookApplier = { wake };
    setImmediate(pass);
  }
  return {
    stop: async () => {
      if (started) clearInterval(started.poll);
      if (scheduled) clearTimeout(scheduled);
      if (globalThis.quitaWebhookApplier?.wake === wake) globalThis.quitaWebhookApplier = undefined;
      started = null;
      scheduled = null;
      await running?.catch(() => {});
    },
  };
}
