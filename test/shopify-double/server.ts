import http from "node:http";
import { CostBucket, PLAN_BUCKETS } from "./cost";
import { controlRoute, type Controls } from "./controls";
import { runGraphQL } from "./graphql";
import { operationNames, responseHoldsOf } from "./held-responses";
import { appBridgeScript } from "./app-bridge";
import { bulkFile } from "./bulk";
import { mailboxHtml } from "./mailbox";
import { OperationError } from "./operations-common";
import { ADMIN_API_VERSION } from "./schema";
import { mintSessionToken, verifySessionToken } from "./tokens";
import type { World } from "./world";

// Routes: the Shopify-shaped ones under /{shop}/admin/..., the double's own under /_double/.

type Reply = { status: number; body: unknown; headers?: Record<string, string>; chunks?: string[] };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseForm(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  return JSON.parse(raw);
}

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
const OFFLINE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE = "urn:shopify:params:oauth:token-type:online-access-token";

function accessToken(w: World, shopDomain: string, body: Record<string, any>): Reply {
  if (body.client_id !== w.apiKey || body.client_secret !== w.apiSecret) {
    return json(400, { error: "invalid_client", error_description: "Client credentials are invalid" });
  }
  const shop = w.store.shop(shopDomain);
  if (!shop) return json(404, { errors: "Not Found" });
  if (body.grant_type === "refresh_token") {
    const t = w.tokens.refresh(String(body.refresh_token ?? ""));
    return t ? json(200, w.tokens.toResponse(t)) : json(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
  }
  if (body.grant_type !== TOKEN_EXCHANGE) return json(400, { error: "unsupported_grant_type" });
  if (!body.subject_token) return json(400, { error: "missing_subject_token", error_description: "" });
  if (body.subject_token_type !== ID_TOKEN) return json(400, { error: "invalid_request", error_description: "Unsupported subject_token_type" });
  try {
    const claims = verifySessionToken(String(body.subject_token), w.apiSecret);
    if (claims.aud !== w.apiKey || claims.dest !== `https://${shopDomain}`) throw new Error("audience or destination mismatch");
  } catch (e) {
    return json(400, { error: "invalid_subject_token", error_description: `The subject token is invalid: ${(e as Error).message}` });
  }
  const requested = body.requested_token_type ?? OFFLINE;
  if (requested !== OFFLINE && requested !== ONLINE) return json(400, { error: "invalid_request", error_description: "Unsupported requested_token_type" });
  shop.installed = true;
  shop.grantedScopes = w.config.scopes;
  const t = w.tokens.issue(shopDomain, requested === ONLINE ? "online" : "offline", w.config.scopes, body.expiring === "1" || body.expiring === true);
  return json(200, w.tokens.toResponse(t));
}

/** `changed` is told after every request that may have changed the world (any but GET), for persistence. */
export function createServer(w: World, controls: Controls, defaultShop: string, changed: () => void = () => {}) {
  const controlByRoute = new Map(Object.keys(controls).map((name) => [controlRoute(name), name as keyof Controls]));

  async function route(req: http.IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? "/", "http://double.local");
    const parts = url.pathname.split("/").filter(Boolean);
    const method = req.method ?? "GET";
    if (method === "OPTIONS") return json(204, "");

    if (parts[0] === "_double") {
      const what = parts.slice(1).join("/");
      if (what === "session-token") {
        const shop = url.searchParams.get("shop") ?? defaultShop;
        return json(200, { token: mintSessionToken({ shop, apiKey: w.apiKey, apiSecret: w.apiSecret }) });
      }
      if (what === "app-bridge.js") {
        return { status: 200, body: appBridgeScript(`http://${req.headers.host}`), headers: { "Content-Type": "text/javascript; charset=utf-8" } };
      }
      if (what === "mailbox") return { status: 200, body: mailboxHtml(w.mailbox.list()), headers: { "Content-Type": "text/html; charset=utf-8" } };
      if (what === "mailbox.json") return json(200, w.mailbox.list());
      if (what === "webhooks")
        return json(
          200,
          w.webhooks.log.map(({ body, ...d }) => ({ ...d, payload: JSON.parse(body) })),
        );
      if (what === "clock") return json(200, { now: w.clock.now().toISOString() });
      if (what === "held-responses") return json(200, { held: responseHoldsOf(w).held(), dropped: responseHoldsOf(w).dropped });
      const file = /^bulk\/(\d+)\.jsonl$/.exec(what);
      if (file && method === "GET") {
        const found = bulkFile(w, Number(file[1]));
        if ("chunks" in found) return { status: 200, body: "", chunks: found.chunks, headers: { "Content-Type": "application/jsonl" } };
        return { status: found.status, body: found.message, headers: { "Content-Type": "text/plain" } };
      }
      if (what === "flow-triggers") return json(200, w.store.shop(url.searchParams.get("shop") ?? defaultShop)?.flowTriggers ?? []);
      const control = controlByRoute.get(what);
      if (control && method === "POST") {
        const input = parseForm(await readBody(req), req.headers["content-type"]);
        const result = (controls[control] as (o: unknown) => unknown)(input);
        return json(200, { ok: true, result: summarize(result) });
      }
      return json(404, { errors: "Not Found" });
    }

    const [shop, admin, ...rest] = parts;
    if (admin !== "admin" || !shop) return json(404, { errors: "Not Found" });
    if (rest.join("/") === "oauth/access_token" && method === "POST") {
      return accessToken(w, shop, parseForm(await readBody(req), req.headers["content-type"]));
    }
    if (rest[0] === "api" && rest[2] === "graphql.json" && method === "POST") {
      if (rest[1] !== ADMIN_API_VERSION) return json(404, { errors: "Not Found" });
      const token = w.tokens.lookup(req.headers["x-shopify-access-token"] as string | undefined);
      const state = w.store.shop(shop);
      if (!token || token.shop !== shop || !state) {
        return json(401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
      }
      let body: any;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return json(400, { errors: { query: "Required parameter missing or invalid" } });
      }
      let bucket = w.costBuckets.get(shop);
      if (!bucket) w.costBuckets.set(shop, (bucket = new CostBucket(PLAN_BUCKETS[w.plan])));
      const res = await runGraphQL(w, state, token.scopes, bucket, body);
      await holdIfAsked(w, body, req);
      return json(res.status, res.body, res.status === 429 ? { "Retry-After": "2.0" } : {});
    }
    return json(404, { errors: "Not Found" });
  }

  return http.createServer(async (req, res) => {
    let reply: Reply;
    try {
      reply = await route(req);
    } catch (e) {
      reply = e instanceof OperationError || e instanceof SyntaxError ? json(422, { ok: false, error: e.message }) : json(500, { errors: String(e) });
      if (!(e instanceof OperationError)) console.error("[shopify-double]", e);
    }
    if (req.method !== "GET" && req.method !== "OPTIONS") changed();
    if (req.socket.destroyed) return; // the caller hung up while its answer was held: nobody to answer
    const headers = { "Content-Type": "application/json", "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*", ...reply.headers };
    res.writeHead(reply.status, headers);
    // Bulk results can be hundreds of megabytes: written a chunk at a time, as the reader drains them.
    for (const chunk of reply.chunks ?? []) {
      if (!res.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done).off("close", done);
            resolve();
          };
          res.once("drain", done).once("close", done);
        });
      }
      if (res.destroyed) return;
    }
    res.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
  });
}

/** A held answer (held-responses.ts) waits here, after Shopify acted, until released or until its caller hangs up. */
async function holdIfAsked(w: World, body: { query?: unknown; operationName?: unknown }, req: http.IncomingMessage) {
  const holds = responseHoldsOf(w);
  if (!holds.active) return;
  const names = operationNames(body.query, body.operationName);
  if (!holds.take(names)) return;
  const hungUp = new Promise<void>((resolve) => (req.socket.destroyed ? resolve() : req.socket.once("close", () => resolve())));
  await holds.wait(names[0] ?? "anonymous", hungUp);
}

/** Controls return records with Dates and Maps; HTTP callers want ids and names. */
function summarize(result: unknown): unknown {
  if (!result || typeof result !== "object") return result ?? null;
  if (Array.isArray(result)) return result.map(summarize);
  const r = result as Record<string, any>;
  if ("order" in r && "draftOrder" in r) return { order: summarize(r.order), draftOrder: summarize(r.draftOrder) };
  if (typeof r.id === "number") return { id: r.id, name: r.name ?? null, updatedAt: r.updatedAt ?? null };
  if ("webhookId" in r) return { webhookId: r.webhookId, topic: r.topic, status: r.status };
  return r;
}
