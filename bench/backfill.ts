// Backfill throughput, orders/s: the bulk path (one bulk operation, its JSONL
// streamed and applied) against the paged path (50 orders a page under the
// double's 2,000-point / 100-per-second cost bucket, as on Shopify's standard
// plan), on a seeded double shop, with PGlite or PostgreSQL behind the ledger.
// The paged path is throttle-bound, so it runs for --paged-seconds and its rate
// is measured over what it read. The bulk path runs as the app runs it: a
// backfill job on pg-boss, recorded in its SyncRun (docs/decisions/007).
//
//   npx tsx bench/backfill.ts [--customers 10000] [--orders 100000] [--db pglite|postgres] [--paged-seconds 60]
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Session } from "@shopify/shopify-api";
import { startShopifyDouble } from "../test/shopify-double/index";

const args = new Map(process.argv.slice(2).map((a, i, all) => (a.startsWith("--") ? [a.slice(2), all[i + 1]] : ["", ""])));
const customers = Number(args.get("customers") ?? 10_000);
const orders = Number(args.get("orders") ?? 100_000);
const db = args.get("db") ?? "pglite";
const pagedSeconds = Number(args.get("paged-seconds") ?? 60);
const APP = {
  apiKey: "bench-key",
  apiSecret: "bench-secret",
  scopes: "read_customers,read_orders,write_orders,read_draft_orders,write_draft_orders,read_payment_terms,write_payment_terms",
};

async function database(): Promise<{ url: string; close(): Promise<void> }> {
  const { applyMigrations, defaultMigrationPaths } = await import("../app/.server/db/migrations.server");
  if (db === "pglite") {
    const { startEmbeddedPostgres } = await import("../app/.server/db/embedded-postgres.server");
    const embedded = await startEmbeddedPostgres();
    await applyMigrations(embedded.url, defaultMigrationPaths());
    process.env.DATABASE_POOL_MAX = "1";
    return embedded;
  }
  const name = `quita_bench_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  await applyMigrations(url, defaultMigrationPaths());
  process.env.DATABASE_POOL_MAX = "5";
  return { url, close: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

const seeded = performance.now();
const double = await startShopifyDouble({
  apiKey: APP.apiKey,
  apiSecret: APP.apiSecret,
  appUrl: "http://127.0.0.1:9",
  seed: { customers, orders },
  now: new Date(),
  deliverWebhooks: false,
});
console.log(`seeded ${customers} customers / ${orders} orders in ${((performance.now() - seeded) / 1000).toFixed(1)}s`);
const store = await database();
Object.assign(process.env, {
  DATABASE_URL: store.url,
  SHOPIFY_API_KEY: APP.apiKey,
  SHOPIFY_API_SECRET: APP.apiSecret,
  SHOPIFY_APP_URL: "https://quita.bench",
  SCOPES: APP.scopes,
  SHOPIFY_DOUBLE_URL: double.url,
  QUITA_JOB_RUNNER: "off",
}); // jobs run when this script says (runQueuedJobs)

const shop = double.shopDomain;
const { accessToken } = double.controls.installApp();
const { sessionStorage, unauthenticated } = await import("../app/shopify.server");
await sessionStorage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: APP.scopes }));
const graphql = (await unauthenticated.admin(shop)).admin.graphql;
const { recordInstall } = await import("../app/.server/shops.server");
const { now } = await import("../app/.server/clock.server");
await recordInstall(shop, APP.scopes, graphql, await now());
const { default: prisma } = await import("../app/db.server");
const { enqueueSync } = await import("../app/.server/jobs/enqueue.server");
const { runQueuedJobs } = await import("../app/.server/jobs/workers.server");
const { stopBoss } = await import("../app/.server/jobs/boss.server");
const { listOrders, UNPAID_ORDERS } = await import("../app/.server/shopify/orders.server");
const { applySnapshot } = await import("../app/.server/ledger/receivables.server");

// The bulk path as the app runs it: a backfill job queued (pg-boss) and run to its end, recorded in its SyncRun.
let started = performance.now();
await enqueueSync("backfill", shop);
const [job] = await runQueuedJobs({ backfill: { bulkThreshold: 0, sleep: async (ms) => void (await new Promise((r) => setTimeout(r, Math.min(ms, 200)))) } });
const bulkSeconds = (performance.now() - started) / 1000;
if (job?.state !== "completed") throw new Error(`the backfill job did not complete: ${JSON.stringify(job?.output)}`);
const bulk = job.output as { ordersPath: string; checked: number };
const unpaid = [...double.store.shop(shop)!.bulkOperations.values()].at(-1)!.rootObjectCount;
console.log(
  `bulk:  ${bulk.ordersPath}, ${unpaid} unpaid orders read, ${bulk.checked} snapshots applied in ${bulkSeconds.toFixed(1)}s → ${(unpaid / bulkSeconds).toFixed(0)} orders/s`,
);

await prisma.receivableEvent.deleteMany({});
await prisma.receivable.deleteMany({});
started = performance.now();
let read = 0;
const clock = { domain: shop, ianaTimezone: "America/Sao_Paulo", now: double.clock.now() };
for await (const page of listOrders(graphql, UNPAID_ORDERS)) {
  for (const s of page) await prisma.$transaction((tx) => applySnapshot(tx, clock, s, { source: "backfill", sourceId: "bench-paged" }));
  read += page.length;
  if ((performance.now() - started) / 1000 > pagedSeconds) break;
}
const pagedRate = read / ((performance.now() - started) / 1000);
console.log(
  `paged: ${read} orders in ${((performance.now() - started) / 1000).toFixed(1)}s → ${pagedRate.toFixed(0)} orders/s (all ${unpaid} would take ~${(unpaid / pagedRate / 60).toFixed(0)} min)`,
);

await stopBoss(0);
await prisma.$disconnect();
await double.close();
await store.close();
process.exit(0);
