import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { startShopifyDouble, type ShopifyDouble, type ShopifyDoubleOptions } from "./index";

export const API_KEY = "test-api-key";
export const API_SECRET = "test-api-secret";
export const FIXTURE_TOML = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures/shopify.app.toml");

export interface Received {
  topic: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  path: string;
}

/** A stand-in for the app's webhook routes: records requests, answers with `respond()`'s status. */
export async function startReceiver(respond: (r: Received) => number = () => 200) {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const r = { topic: String(req.headers["x-shopify-topic"]), headers: req.headers, raw: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "" };
    received.push(r);
    res.writeHead(respond(r)).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startTestDouble(overrides: Partial<ShopifyDoubleOptions> = {}): Promise<ShopifyDouble> {
  return startShopifyDouble({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    appUrl: "http://127.0.0.1:9",
    appTomlPath: FIXTURE_TOML,
    now: new Date("2026-11-20T15:00:00Z"),
    webhookRetryDelayScale: 0.0001,
    deliverWebhooks: false,
    flowTriggerHandles: ["payment-overdue"],
    ...overrides,
  });
}

/** Admin GraphQL as the app's client sends it. */
export function admin(double: ShopifyDouble, token: string) {
  return async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${double.url}/${double.shopDomain}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": token },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
}
