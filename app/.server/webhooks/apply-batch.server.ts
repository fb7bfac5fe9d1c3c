import prisma, { singleConnection } from "../../db.server";
import { parseWebhookJson } from "../../domain/ledger/json";
import { withRetryOnConflict, type Db } from "../ledger/receivables.server";
import { now } from "../clock.server";
import { jobsReady } from "../jobs/enqueue.server";
import { QUEUED_TOPICS } from "./topics.server";
import { queuedAJob, type Delivery, type DeliveryContext, type TopicHandler } from "./types.server";

// One batch of the applier (applier.server.ts, docs/decisions/006): deliveries
// claimed FOR UPDATE SKIP LOCKED, so app instances sharing the database never
// take the same one, and each marked applied in the transaction that holds its
// effect: a crash before COMMIT leaves it pending for the next pass, a crash
// after leaves it applied. Taken in arrival order; the ledger's own rules
// (updated_at, the row lock) make a late or concurrent one harmless.
//
// On the embedded database the pool's one connection is everyone's: a webhook
// waiting to be accepted waits for the batch's COMMIT. Batches there are
// smaller and a transaction may hold it 2 s at most (it is then rolled back
// and its deliveries are applied one by one), so a webhook is answered well
// within Shopify's 5 s (receive.server.ts).

/** A failing delivery is tried this many times in all, 10 s, 20 s, 40 s and 80 s apart, then left failed. */
export const MAX_ATTEMPTS = 5;
const retryDelayMs = (attempts: number) => 2 ** (attempts - 1) * 10_000;

export const batchSize = () => (singleConnection() ? 20 : 50);
const transactionLimits = () => (singleConnection() ? { maxWait: 30_000, timeout: 2_000 } : { maxWait: 30_000, timeout: 60_000 });

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
  /** Some delivery's handler queued a job (committed): the job workers should look. */
  queuedJobs?: boolean;
  /** Shops whose deliveries were applied: their letters may be due, or no longer due. */
  shops?: Set<string>;
}

/** What this process's routes parsed when they accepted a delivery: the applier uses it instead of parsing the body again. */
export type ParsedCache = Map<string, unknown>;

async function claim(tx: Db, at: Date, limit: number, webhookId?: string): Promise<Pending[]> {
  const only = webhookId ?? null;
  return tx.$queryRaw<Pending[]>`
    SELECT "webhookId", "shopDomain", topic, "eventId", "triggeredAt", "rawBody", attempts
    FROM "WebhookDelivery"
    WHERE (status = 'pending' OR (status = 'failed' AND "retryAt" <= ${at}))
      AND (${only}::text IS NULL OR "webhookId" = ${only}::text)
    ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
}

type Shops = Map<string, { installed: boolean; ianaTimezone: string; currencyCode: string | null }>;

async function shopsOf(tx: Db, rows: Pending[]): Promise<Shops> {
  const domains = [...new Set(rows.map((r) => r.shopDomain))];
  const shops = await tx.shop.findMany({
    where: { domain: { in: domains } },
    select: { domain: true, installed: true, ianaTimezone: true, currencyCode: true },
  });
  return new Map(shops.map((s) => [s.domain, s]));
}

type Prepared = { row: Pending; ignored: true } | { row: Pending; ignored?: false; handler: TopicHandler<unknown>; input: unknown; context: DeliveryContext };

function prepare(row: Pending, shops: Shops, parsed: ParsedCache, businessNow: Date): Prepared {
  const handler = QUEUED_TOPICS[row.topic] as TopicHandler<unknown> | undefined;
  if (!handler) throw new Error(`no handler for topic ${row.topic}`);
  const shop = shops.get(row.shopDomain);
  // Uninstall stops the ledger at once: what was still waiting is dropped.
  if (!shop?.installed) return { row, ignored: true };
  if (row.rawBody === null) throw new Error("the delivery's body is gone");
  const delivery: Delivery = { shop: row.shopDomain, topic: row.topic, webhookId: row.webhookId, eventId: row.eventId, triggeredAt: row.triggeredAt };
  const input = parsed.has(row.webhookId) ? parsed.get(row.webhookId) : handler.parse(parseWebhookJson(row.rawBody), delivery);
  return {
    row,
    handler,
    input,
    context: { ...delivery, clock: { domain: row.shopDomain, ianaTimezone: shop.ianaTimezone, currency: shop.currencyCode, now: businessNow } },
  };
}

/** Applies in order; a run of deliveries whose topics share `applyMany` is written together unless `oneByOne`. */
async function applyInOrder(tx: Db, prepared: Prepared[], oneByOne: boolean): Promise<{ webhookId: string; outcome: string }[]> {
  const done: { webhookId: string; outcome: string }[] = [];
  for (let i = 0; i < prepared.length;) {
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
    const outcomes = await many(
      tx,
      run.map(({ input, context }) => ({ input, context })),
    );
    run.forEach((q, k) => done.push({ webhookId: q.row.webhookId, outcome: outcomes[k] }));
  }
  return done;
}

/** Applied: the outcome stays, the body (customer data) goes. One UPDATE per distinct outcome. */
async function markApplied(tx: Db, done: { webhookId: string; outcome: string }[], at: Date): Promise<void> {
  const byOutcome = new Map<string, string[]>();
  for (const { webhookId, outcome } of done) byOutcome.set(outcome, [...(byOutcome.get(outcome) ?? []), webhookId]);
  for (const [outcome, ids] of byOutcome) {
    await tx.webhookDelivery.updateMany({
      where: { webhookId: { in: ids } },
      data: { status: "applied", outcome, rawBody: null, appliedAt: at, error: null, retryAt: null },
    });
  }
}

async function markFailed(row: Pending, error: unknown, at: Date): Promise<void> {
  const attempts = row.attempts + 1;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`webhook ${row.topic} ${row.webhookId} for ${row.shopDomain} failed (attempt ${attempts} of ${MAX_ATTEMPTS}): ${message}`);
  await prisma.webhookDelivery.updateMany({
    where: { webhookId: row.webhookId, status: { not: "applied" } },
    data: {
      status: "failed",
      attempts,
      error: message.slice(0, 2000),
      retryAt: attempts < MAX_ATTEMPTS ? new Date(at.getTime() + retryDelayMs(attempts)) : null,
    },
  });
}

/** Claims up to `limit` due deliveries (or just `webhookId`) and applies them in one transaction. */
async function applyTogether(parsed: ParsedCache, limit: number, seen: (rows: Pending[]) => void, webhookId?: string) {
  // Read before the transaction takes the connection: business time (in the demo an HTTP
  // call to the double), and pg-boss started, for the handlers that queue a job.
  const [businessNow] = await Promise.all([now(), jobsReady()]);
  return prisma.$transaction(async (tx) => {
    // eslint-disable-next-line no-restricted-syntax -- wall time: claim stamps and retryAt are queue bookkeeping, not business time
    const rows = await claim(tx, new Date(), limit, webhookId);
    seen(rows);
    if (rows.length === 0) return [];
    const shops = await shopsOf(tx, rows);
    const done = await applyInOrder(
      tx,
      rows.map((row) => prepare(row, shops, parsed, businessNow)),
      webhookId !== undefined,
    );
    // eslint-disable-next-line no-restricted-syntax -- wall time: when the applier applied it (queue bookkeeping)
    await markApplied(tx, done, new Date());
    return done;
  }, transactionLimits());
}

/** One batch; if it fails, each of its deliveries alone, so one that can't be applied holds up no other. Returns how many were claimed. */
export async function applyBatch(summary: ApplierSummary, parsed: ParsedCache, limit: number): Promise<number> {
  let claimed: Pending[] = [];
  let done: { outcome: string }[];
  try {
    done = await applyTogether(parsed, limit, (rows) => (claimed = rows));
  } catch (error) {
    if (claimed.length === 0) throw error;
    done = [];
    for (const row of claimed) {
      try {
        done.push(...(await withRetryOnConflict(() => applyTogether(parsed, 1, () => {}, row.webhookId))));
      } catch (alone) {
        // eslint-disable-next-line no-restricted-syntax -- wall time: the retry back-off runs on the real clock
        await markFailed(row, alone, new Date());
        summary.failed++;
      }
    }
  }
  for (const row of claimed) parsed.delete(row.webhookId);
  summary.shops ??= new Set();
  for (const row of claimed) summary.shops.add(row.shopDomain);
  summary.applied += done.length;
  if (done.some((d) => queuedAJob(d.outcome))) summary.queuedJobs = true;
  return claimed.length;
}
