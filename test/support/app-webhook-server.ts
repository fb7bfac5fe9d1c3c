import http from "node:http";
import type { AddressInfo } from "node:net";
import { TEST_APP } from "./app-env";
import { routeAction } from "./webhooks";

/**
 * What Shopify (here: the local double) reaches at the app's URL: each
 * webhook path served by its real route action, in this test's process.
 */
export async function startAppWebhookServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://app.local");
    const topic = url.pathname.replace(/^\/webhooks\//, "");
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`${TEST_APP.appUrl}${url.pathname}`, { method: req.method, headers, body: Buffer.concat(chunks) });
    const response = await (
      await routeAction(topic)
    )({ request, params: {}, context: {} }).catch((e) => (e instanceof Response ? e : new Response(String(e), { status: 500 })));
    res.writeHead(response.status).end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
