import { authenticate } from "../../shopify.server";
import prisma, { sqlPool } from "../../db.server";
import { parseWebhookJson } from "../../domain/ledger/json";
import { PayloadError } from "../../domain/ledger/snapshot";
import { withRetryOnConflict, type Db, type ShopClock } from "../ledger/receivables.server";
import { kickJobs } from "../jobs/runner.server";
import { QUEUED_TOPICS } from "./topics.server";
import { wakeWebhookApplier, webhookApplierStarted } from "./applier.server";
import { WORK_CHANNEL } from "../work-notifications.server";

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

export interface Delivery {
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: Date | null;
}

export interface TopicHandler<T> {
  parse(payload: unknown, delivery: Delivery): T;
  apply(db: Db, input: T, context: Delivery & { clock: ShopClock }): Promise<string>;
  /** The same as `apply` on each in turn, written together: the applier's fast path for a run of deliveries of such topics. */
  applyMany?(db: Db, items: { input: T; context: Delivery & { clock: ShopClock } }[]): Promise<string[]>;
  /** Applied in the request, because its effect must be immediate (uninstall stops all sending at once). */
  inline?: boolean;
  /** Uninstall and compliance topics arrive after the shop left; ledger topics are then ignored. */
  evenIfUninstalled?: boolean;
}

class DuplicateDelivery extends Error {}

const ok = (note: string) => new Response(null, { status: 200, headers: { "X-Quita-Webhook": note } });

export async function receiveWebhook<T>(request: Request, handler: TopicHandler<T>): Promise<Response> {
  // shopify-app-remix answers 400 to a missing HMAC; an unsigned request is unauthorised.
  if (request.method === "POST" && !request.headers.get("x-shopify-hmac-sha256")) return new Response(null, { status: 401 });
  const raw = request.clone();
  let context: Awaited<ReturnType<typeof authenticate.webhook>>;
  try {
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
    eventId: "eventId" in context ? (context.eventId as string | undefined) ?? null : null,
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
  return handler.inline ? applyInline(handler, input, delivery) : accept(delivery, body, input);
}

const INSERT_DELIVERY = `INSERT INTO "WebhookDelivery" ("webhookId", "shopDomain", topic, "eventId", "triggeredAt", status, "rawBody")
  VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT ("webhookId") DO NOTHING`;

async function accept(delivery: Delivery, body: string, input: unknown): Promise<Response> {
  // An ISO string ending in Z: a timestamp without time zone ignores the zone, which is how Prisma stores UTC.
  // With no applier in this process, a worker process applies it: the same
  // statement tells it so (NOTIFY is sent when the row is committed).
  const { rowCount } = await sqlPool().query(
    webhookApplierStarted() ? INSERT_DELIVERY : `WITH accepted AS (${INSERT_DELIVERY} RETURNING 1) SELECT pg_notify('${WORK_CHANNEL}', 'webhooks') FROM accepted`,
    [delivery.webhookId, delivery.shop, delivery.topic, delivery.eventId, delivery.triggeredAt?.toISOString() ?? null, body],
  );
  if (rowCount === 0) return ok("duplicate");
  wakeWebhookApplier(delivery.webhookId, input);
  return ok("accepted");
}

async function applyInline<T>(handler: TopicHandler<T>, input: T, delivery: Delivery): Promise<Response> {
  const shop = await prisma.shop.findUnique({ where: { domain: delivery.shop }, select: { installed: true, ianaTimezone: true } });
  if (!handler.evenIfUninstalled && !shop?.installed) return ok("ignored: shop not installed");

  const clock = { domain: delivery.shop, ianaTimezone: shop?.ianaTimezone ?? "UTC", now: new Date() };
  try {
    const outcome = await withRetryOnConflict(() => prisma.$transaction(async (tx) => {
      const result = await handler.apply(tx, input, { ...delivery, clock });
      const recorded = await tx.webhookDelivery.createMany({
        data: [{ webhookId: delivery.webhookId, shopDomain: delivery.shop, topic: delivery.topic, eventId: delivery.eventId, triggeredAt: delivery.triggeredAt, status: "applied", outcome: result, appliedAt: clock.now }],
        skipDuplicates: true,
      });
      if (recorded.count === 0) throw new DuplicateDelivery();
      return result;
    }));
    if (outcome === "queued") kickJobs();
    return ok(outcome);
  } catch (error) {
    if (error instanceof DuplicateDelivery) return ok("duplicate");
    throw error;
  }
}

function badRequest(request: Request, reason: string, delivery?: Delivery): Response {
  const id = delivery?.webhookId ?? request.headers.get("x-shopify-webhook-id") ?? "?";
  const topic = delivery?.topic ?? request.headers.get("x-shopify-topic") ?? "?";
  console.error(`webhook ${topic} ${id} from ${request.headers.get("x-shopify-shop-domain") ?? "?"} rejected: ${reason}`);
  return new Response(reason, { status: 400 });
}
