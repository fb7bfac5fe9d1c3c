import { authenticate } from "../../shopify.server";
import prisma, { connectBefore, DatabaseBusy } from "../../db.server";
import { parseWebhookJson } from "../../domain/ledger/json";
import { PayloadError } from "../../domain/ledger/snapshot";
import { withRetryOnConflict } from "../ledger/receivables.server";
import { now } from "../clock.server";
import { jobsReady, wakeJobWorkers } from "../jobs/enqueue.server";
import { WORK_CHANNEL } from "../work-notifications.server";
import { QUEUED_TOPICS } from "./topics.server";
import { wakeWebhookApplier, webhookApplierStarted } from "./applier.server";
import { queuedAJob, type Delivery, type TopicHandler } from "./types.server";

// One way in for every webhook topic: authenticate (401 on a bad or missing
// HMAC) and parse the raw body keeping big ids exact (400 when it isn't what
// the topic needs: a malformed body is never accepted). Then, under its
// X-Shopify-Webhook-Id, which Shopify repeats on each retry:
// - ledger topics are accepted with one INSERT … ON CONFLICT DO NOTHING of the
//   body as signed, and applied after the answer by the applier
//   (applier.server.ts; docs/decisions/006);
// - `inline` topics (uninstall, scopes, compliance) take effect in one
//   transaction with the record of their delivery, before the answer.
// Either way a retry finds the row and changes nothing.
//
// Shopify waits 5 s for an answer, network included. Every answer comes
// within ANSWER_WITHIN_MS: when the database can't be had in time (on the
// embedded one, a single connection another transaction holds), the answer
// is a 503 and nothing is recorded, so Shopify's retry of the same delivery
// is accepted then, or is a duplicate no-op if a late write did get in.

export const ANSWER_WITHIN_MS = 4_000;

class DuplicateDelivery extends Error {}

const ok = (note: string) => new Response(null, { status: 200, headers: { "X-Quita-Webhook": note } });

export async function receiveWebhook<T>(request: Request, handler: TopicHandler<T>): Promise<Response> {
  // eslint-disable-next-line no-restricted-syntax -- wall time: Shopify's 5-second answer limit is real seconds
  const deadline = Date.now() + ANSWER_WITHIN_MS;
  const work = receive(request, handler, deadline);
  void work.catch(() => {}); // answered 503 meanwhile: what the work then meets is no one's to hear
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ANSWER_WITHIN_MS)));
  try {
    const answer = await Promise.race([work, late]);
    return answer === "late" ? busy(request) : answer;
  } catch (error) {
    if (error instanceof DatabaseBusy || isTransactionWaitTimeout(error)) return busy(request);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function receive<T>(request: Request, handler: TopicHandler<T>, deadline: number): Promise<Response> {
  // shopify-app-remix answers 400 to a missing HMAC; an unsigned request is unauthorised.
  if (request.method === "POST" && !request.headers.get("x-shopify-hmac-sha256")) return new Response(null, { status: 401 });
  const raw = request.clone();
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
    // It reads the shop's offline session: from the same pool, within the same deadline.
    context = await authenticate.webhook(request);
  } catch (error) {
    if (error instanceof Response) return error;
    if (error instanceof SyntaxError) return badRequest(request, "body is not JSON");
    throw error;
  }
  const delivery: Delivery = {
    shop: context.shop,
    // The header is signed with the body; context.topic is its enum form (ORDERS_PAID).
    topic: request.headers.get("x-shopify-topic") ?? context.topic,
    webhookId: context.webhookId,
    eventId: "eventId" in context ? ((context.eventId as string | undefined) ?? null) : null,
    triggeredAt: context.triggeredAt ? new Date(context.triggeredAt) : null,
  };

  const body = await raw.text();
  let input: T;
  try {
    // The applier applies a queued delivery with the handler of its topic: they must agree.
    if (!handler.inline && QUEUED_TOPICS[delivery.topic] !== handler) throw new PayloadError(`topic ${delivery.topic} is not served here`);
    input = handler.parse(parseWebhookJson(body), delivery);
  } catch (error) {
    if (error instanceof PayloadError || error instanceof SyntaxError) return badRequest(request, error.message, delivery);
    throw error;
  }
  return handler.inline ? applyInline(handler, input, delivery, deadline) : accept(delivery, body, input, deadline);
}

const INSERT_DELIVERY = `INSERT INTO "WebhookDelivery" ("webhookId", "shopDomain", topic, "eventId", "triggeredAt", status, "rawBody")
  VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT ("webhookId") DO NOTHING`;

async function accept(delivery: Delivery, body: string, input: unknown, deadline: number): Promise<Response> {
  // A connection only if one comes free in time; none is taken after the deadline.
  const client = await connectBefore(deadline);
  let rowCount: number | null;
  try {
    // An ISO string ending in Z: a timestamp without time zone ignores the zone, which is how Prisma stores UTC.
    // With no applier in this process, a worker process applies it: the same
    // statement tells it so (NOTIFY is sent when the row is committed).
    ({ rowCount } = await client.query(
      webhookApplierStarted()
        ? INSERT_DELIVERY
        : `WITH accepted AS (${INSERT_DELIVERY} RETURNING 1) SELECT pg_notify('${WORK_CHANNEL}', 'webhooks') FROM accepted`,
      [delivery.webhookId, delivery.shop, delivery.topic, delivery.eventId, delivery.triggeredAt?.toISOString() ?? null, body],
    ));
  } finally {
    client.release();
  }
  if (rowCount === 0) return ok("duplicate");
  wakeWebhookApplier(delivery.webhookId, input);
  return ok("accepted");
}

async function applyInline<T>(handler: TopicHandler<T>, input: T, delivery: Delivery, deadline: number): Promise<Response> {
  // Uninstall cancels the shop's jobs and shop/redact deletes them: pg-boss must
  // be up before the transaction takes the connection (enqueue.server.ts).
  const [shop] = await Promise.all([
    prisma.shop.findUnique({ where: { domain: delivery.shop }, select: { installed: true, ianaTimezone: true, currencyCode: true } }),
    jobsReady(),
  ]);
  if (!handler.evenIfUninstalled && !shop?.installed) return ok("ignored: shop not installed");

  const clock = { domain: delivery.shop, ianaTimezone: shop?.ianaTimezone ?? "UTC", currency: shop?.currencyCode ?? null, now: await now() };
  // A bounded wait for the connection, as for accepted deliveries: Prisma gives up at `maxWait`,
  // and a transaction that only started once the deadline passed takes no effect.
  const inTime = () => {
    // eslint-disable-next-line no-restricted-syntax -- wall time: Shopify's 5-second answer limit
    if (Date.now() >= deadline) throw new DatabaseBusy("the delivery's transaction could not start in time");
  };
  inTime();
  // eslint-disable-next-line no-restricted-syntax -- wall time: Shopify's 5-second answer limit
  const limits = { maxWait: Math.max(1, deadline - Date.now()), timeout: 10_000 };
  try {
    const outcome = await withRetryOnConflict(() =>
      prisma.$transaction(async (tx) => {
        inTime();
        const result = await handler.apply(tx, input, { ...delivery, clock });
        if (handler.leavesNoRecord) return result;
        const recorded = await tx.webhookDelivery.createMany({
          data: [
            {
              webhookId: delivery.webhookId,
              shopDomain: delivery.shop,
              topic: delivery.topic,
              eventId: delivery.eventId,
              triggeredAt: delivery.triggeredAt,
              status: "applied",
              outcome: result,
              appliedAt: clock.now,
            },
          ],
          skipDuplicates: true,
        });
        if (recorded.count === 0) throw new DuplicateDelivery();
        return result;
      }, limits),
    );
    if (queuedAJob(outcome)) wakeJobWorkers();
    return ok(outcome);
  } catch (error) {
    if (error instanceof DuplicateDelivery) return ok("duplicate");
    throw error;
  }
}

/** Prisma's "Unable to start a transaction in the given time" (P2028 past maxWait). */
function isTransactionWaitTimeout(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2028";
}

function busy(request: Request): Response {
  const id = request.headers.get("x-shopify-webhook-id") ?? "?";
  console.warn(
    `webhook ${request.headers.get("x-shopify-topic") ?? "?"} ${id}: the database was busy for ${ANSWER_WITHIN_MS / 1000} s; answered 503 for Shopify to retry`,
  );
  return new Response("busy, retry later", { status: 503, headers: { "Retry-After": "5" } });
}

function badRequest(request: Request, reason: string, delivery?: Delivery): Response {
  const id = delivery?.webhookId ?? request.headers.get("x-shopify-webhook-id") ?? "?";
  const topic = delivery?.topic ?? request.headers.get("x-shopify-topic") ?? "?";
  console.error(`webhook ${topic} ${id} from ${request.headers.get("x-shopify-shop-domain") ?? "?"} rejected: ${reason}`);
  return new Response(reason, { status: 400 });
}
