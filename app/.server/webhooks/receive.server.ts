import { authenticate } from "../../shopify.server";
import prisma from "../../db.server";
import { parseWebhookJson } from "../../domain/ledger/json";
import { PayloadError } from "../../domain/ledger/snapshot";
import type { Db, ShopClock } from "../ledger/receivables.server";
import { kickJobs } from "../jobs/runner.server";

// One way in for every webhook topic: authenticate (401 on a bad or missing
// HMAC), parse the raw body keeping big ids exact (400 when it isn't what the
// topic needs), then, in one transaction, apply the change and record the
// delivery under its X-Shopify-Webhook-Id. A retry of a delivery already
// recorded finds the row and changes nothing; a crash part-way leaves nothing,
// and Shopify's retry does it all again.

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

  let input: T;
  try {
    input = handler.parse(parseWebhookJson(await raw.text()), delivery);
  } catch (error) {
    if (error instanceof PayloadError || error instanceof SyntaxError) return badRequest(request, error.message, delivery);
    throw error;
  }

  const shop = await prisma.shop.findUnique({ where: { domain: delivery.shop }, select: { installed: true, ianaTimezone: true } });
  if (!handler.evenIfUninstalled && !shop?.installed) return ok("ignored: shop not installed");

  const clock = { domain: delivery.shop, ianaTimezone: shop?.ianaTimezone ?? "UTC", now: new Date() };
  try {
    const outcome = await withRetryOnConflict(() => prisma.$transaction(async (tx) => {
      const result = await handler.apply(tx, input, { ...delivery, clock });
      const recorded = await tx.webhookDelivery.createMany({
        data: [{ webhookId: delivery.webhookId, shopDomain: delivery.shop, topic: delivery.topic, eventId: delivery.eventId, triggeredAt: delivery.triggeredAt, outcome: result }],
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

/** Two first sightings of one resource at once: the loser's insert hits the unique key; once more sees the winner's row. */
async function withRetryOnConflict<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return work();
  }
}
