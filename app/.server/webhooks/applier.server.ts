import prisma from "../../db.server";
import { parseWebhookJson } from "../../domain/ledger/json";
import { withRetryOnConflict, type Db, type ShopClock } from "../ledger/receivables.server";
import { kickJobs } from "../jobs/runner.server";
import { QUEUED_TOPICS } from "./topics.server";
import type { Delivery, TopicHandler } from "./receive.server";

// Applies the ledger deliveries the webhook routes accepted (docs/decisions/006).
// A batch is claimed FOR UPDATE SKIP LOCKED, so app instances sharing the
// database never take the same delivery, and each delivery is marked applied
// in the transaction that holds its effect: a crash before COMMIT leaves it
// pending for the next pass, a crash after leaves it applied. Deliveries are
// taken in arrival order; the ledger's own rules (updated_at, the row lock)
// make a late or concurrent one harmless, as when they were applied inline.

export const BATCH_SIZE = 50;
/** A failing delivery is tried this many times in all, 10 s, 20 s, 40 s and 80 s apart, then left failed. */
export const MAX_ATTEMPTS = 5;
const retryDelayMs = (attempts: number) => 2 ** (attempts - 1) * 10_000;

interface Pending {
  webhookId: string;
  shopDomain: string;
  topic: string;
  eventId: string | null;
  triggeredAt: Date | null;
  rawBody: string | null;
  attempts: number;
}

export interface ApplierSummary {
  applied: number;
  failed: number;
}

async function claim(tx: Db, now: Date, limit: number, webhookId?: string): Promise<Pending[]> {
  const only = webhookId ?? null;
  return tx.$queryRaw<Pending[]>`
    SELECT "webhookId", "shopDomain", topic, "eventId", "triggeredAt", "rawBody", attempts
    FROM "WebhookDelivery"
    WHERE (status = 'pending' OR (status = 'failed' AND "retryAt" <= ${now}))
      AND (${only}::text IS NULL OR "webhookId" = ${only}::text)
    ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
}

type Shops = Map<string, { installed: boolean; ianaTimezone: string }>;

async function shopsOf(tx: Db, rows: Pending[]): Promise<Shops> {
  const domains = [...new Set(rows.map((r) => r.shopDomain))];
  const shops = await tx.shop.findMany({ where: { domain: { in: domains } }, select: { domain: true, installed: true, ianaTimezone: true } });
  return new Map(shops.map((s) => [s.domain, s]));
}

// What this process's routes parsed when they accepted a delivery, so the
// usual case (accepted and applied by one instance) parses each body once. After
// a restart, or for a delivery another instance accepted, the body is parsed
// again, by the same function. Bounded: past the limit the oldest are forgotten.
const parsed = new Map<string, unknown>();
const PARSED_LIMIT = 5_000;

type Prepared =
  | { row: Pending; ignored: true }
  | { row: Pending; ignored?: false; handler: TopicHandler<unknown>; input: unknown; context: Delivery & { clock: ShopClock } };

function prepare(row: Pending, shops: Shops): Prepared {
  const handler = QUEUED_TOPICS[row.topic] as TopicHandler<unknown> | undefined;
  if (!handler) throw new Error(`no handler for topic ${row.topic}`);
  const shop = shops.get(row.shopDomain);
  // Uninstall stops the ledger at once: what was still waiting is dropped.
  if (!shop?.installed) return { row, ignored: true };
  if (row.rawBody === null) throw new Error("the delivery's body is gone");
  const delivery: Delivery = { shop: row.shopDomain, topic: row.topic, webhookId: row.webhookId, eventId: row.eventId, triggeredAt: row.triggeredAt };
  const input = parsed.has(row.webhookId) ? parsed.get(row.webhookId) : handler.parse(parseWebhookJson(row.rawBody), delivery);
  return { row, handler, input, context: { ...delivery, clock: { domain: row.shopDomain, ianaTimezone: shop.ianaTimezone, now: new Date() } } };
}

/** Applies in order; a run of deliveries whose topics share `applyMany` is written together unless `oneByOne`. */
async function applyInOrder(tx: Db, prepared: Prepared[], oneByOne: boolean): Promise<{ webhookId: string; outcome: string }[]> {
  const done: { webhookId: string; outcome: string }[] = [];
  for (let i = 0; i < prepared.length; ) {
    const p = prepared[i];
    if (p.ignored) {
      done.push({ webhookId: p.row.webhookId, outcome: "ignored" });
      i++;
      continue;
    }
    const many = oneByOne ? undefined : p.handler.applyMany;
    if (!many) {
      done.push({ webhookId: p.row.webhookId, outcome: await p.handler.apply(tx, p.input, p.context) });
      i++;
      continue;
    }
    const run: Extract<Prepared, { handler: unknown }>[] = [];
    for (; i < prepared.length; i++) {
      const q = prepared[i];
      if (q.ignored) done.push({ webhookId: q.row.webhookId, outcome: "ignored" });
      else if (q.handler.applyMany === many) run.push(q);
      else break;
    }
    const outcomes = await many(tx, run.map(({ input, context }) => ({ input, context })));
    run.forEach((q, k) => done.push({ webhookId: q.row.webhookId, outcome: outcomes[k] }));
  }
  return done;
}

/** Applied: the outcome stays, the body (customer data) goes. One UPDATE per distinct outcome. */
async function markApplied(tx: Db, done: { webhookId: string; outcome: string }[], now: Date): Promise<void> {
  const byOutcome = new Map<string, string[]>();
  for (const { webhookId, outcome } of done) byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), webhookId]);
  for (const [outcome, ids] of byOutcome) {
    await tx.webhookDelivery.updateMany({
      where: { webhookId: { in: ids } },
      data: { status: "applied", outcome, rawBody: null, appliedAt: now, error: null, retryAt: null },
    });
  }
}

async function markFailed(row: Pending, error: unknown, now: Date): Promise<void> {
  const attempts = row.attempts + 1;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`webhook ${row.topic} ${row.webhookId} for ${row.shopDomain} failed (attempt ${attempts} of ${MAX_ATTEMPTS}): ${message}`);
  await prisma.webhookDelivery.updateMany({
    where: { webhookId: row.webhookId, status: { not: "applied" } },
    data: { status: "failed", attempts, error: message.slice(0, 2000), retryAt: attempts < MAX_ATTEMPTS ? new Date(now.getTime() + retryDelayMs(attempts)) : null },
  });
}

const TX = { maxWait: 30_000, timeout: 60_000 };

/** Claims up to `limit` due deliveries (or just `webhookId`) and applies them in one transaction. */
async function applyTogether(limit: number, seen: (rows: Pending[]) => void, webhookId?: string): Promise<{ webhookId: string; outcome: string }[]> {
  return prisma.$transaction(async (tx) => {
    const rows = await claim(tx, new Date(), limit, webhookId);
    seen(rows);
    if (rows.length === 0) return [];
    const shops = await shopsOf(tx, rows);
    const done = await applyInOrder(tx, rows.map((row) => prepare(row, shops)), webhookId !== undefined);
    await markApplied(tx, done, new Date());
    return done;
  }, TX);
}

/** One batch; if it fails, each of its deliveries alone, so one that can't be applied holds up no other. */
async function applyBatch(summary: ApplierSummary): Promise<number> {
  let claimed: Pending[] = [];
  let done: { outcome: string }[];
  try {
    done = await applyTogether(BATCH_SIZE, (rows) => (claimed = rows));
  } catch (error) {
    if (claimed.length === 0) throw error;
    done = [];
    for (const row of claimed) {
      try {
        done.push(...(await withRetryOnConflict(() => applyTogether(1, () => {}, row.webhookId))));
      } catch (alone) {
        await markFailed(row, alone, new Date());
        summary.failed++;
      }
    }
  }
  for (const row of claimed) parsed.delete(row.webhookId);
  summary.applied += done.length;
  if (done.some((d) => d.outcome === "queued")) kickJobs();
  return claimed.length;
}

let running: Promise<ApplierSummary> | null = null;
let untilEmpty = false; // someone waits for everything accepted so far
let again = false; // …and asked while a pass was finishing
let woken = false; // a delivery was accepted while a pass ran

async function drain(): Promise<ApplierSummary> {
  const summary = { applied: 0, failed: 0 };
  try {
    do {
      again = false;
      let claimed: number;
      do claimed = await applyBatch(summary);
      while (claimed === BATCH_SIZE || (untilEmpty && claimed > 0));
    } while (again);
    return summary;
  } finally {
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

/** After a route accepted a delivery (and parsed its body into `input`): apply it soon, without holding up the answer. */
export function wakeWebhookApplier(webhookId: string, input: unknown): void {
  // Kept only where this process will apply it: a web instance that leaves the
  // work to a worker process would hold thousands of bodies nobody reads.
  if (!started) return;
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(webhookId, input);
  wakeWebhookApplierForOthers();
}

/** Whether this process applies deliveries in the background (else a worker process does, or a test). */
export function webhookApplierStarted(): boolean {
  return started !== null;
}

/** Another process accepted deliveries (a worker hears of them by NOTIFY): apply them soon. */
export function wakeWebhookApplierForOthers(): void {
  if (!started) return;
  if (running) woken = true;
  else schedule();
}

/** Starts applying in the background: at once (what a crash or restart left pending), shortly after each wake, and every `pollMs` for retries. */
export function startWebhookApplier(options: { pollMs?: number; lingerMs?: number } = {}): { stop(): Promise<void> } {
  if (!started) {
    const poll = setInterval(pass, options.pollMs ?? 5_000);
    poll.unref();
    started = { poll, lingerMs: options.lingerMs ?? 50 };
    setImmediate(pass);
  }
  return {
    stop: async () => {
      if (started) clearInterval(started.poll);
      if (scheduled) clearTimeout(scheduled);
      started = null;
      scheduled = null;
      await running?.catch(() => {});
    },
  };
}
