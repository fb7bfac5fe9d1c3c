// The Debtors page's speed (issue #9): p50/p95 server time of its loader's reads (findShop,
// findDebtors and the currency choices, as routes/app.debtors.tsx makes them) over 30 runs, for a
// filtered page (31–60 days late, most overdue first), its second page, a search by order number,
// the whole list sorted by next contact (the heaviest sort: every debtor's next letter is worked
// out), and the unfiltered first page. On the double's large shop (10,000 customers, 100,000
// orders, backfilled into the ledger as the app does it) on PostgreSQL and PGlite, and on a ledger
// ten times that (60,000 open debts, bench/planning-ledger.ts) on PostgreSQL.
// Targets: < 300 ms p95 on PostgreSQL at both sizes, < 1 s on PGlite at the smaller.
//
//   npx tsx bench/debtors.ts                      every configuration, each in its own process, then a summary
//   npx tsx bench/debtors.ts --db postgres|pglite --ledger shop [--customers 10000] [--orders 100000]
//   npx tsx bench/debtors.ts --db postgres|pglite --ledger planning [--receivables 60000]
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Session } from "@shopify/shopify-api";
import { runEachConfiguration } from "./each-configuration";

const RUNS = Number(process.env.RUNS ?? 30);
const args = new Map(process.argv.slice(2).map((a, i, all) => (a.startsWith("--") ? [a.slice(2), all[i + 1] ?? ""] : ["", ""])));
const APP = {
  apiKey: "bench-debtors-key",
  apiSecret: "bench-debtors-secret",
  scopes: "read_all_orders,read_customers,read_orders,write_orders,read_draft_orders,write_draft_orders,read_payment_terms,write_payment_terms",
};

type Timing = { p50: number; p95: number; rows: number; total: number };
interface Result {
  config: string;
  openReceivables: number;
  scenarios: Record<string, Timing>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** A fresh, migrated database: a new one on the PostgreSQL server, or an embedded PGlite. */
async function database(db: string): Promise<{ url: string; close(): Promise<void> }> {
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
    const client = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  await applyMigrations(url, defaultMigrationPaths());
  process.env.DATABASE_POOL_MAX = "5";
  return { url, close: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Times the loader's reads for each scenario of the page, at business time `at`. */
async function timeScenarios(domain: string, at: Date): Promise<Record<string, Timing>> {
  const { findShop } = await import("../app/.server/shops.server");
  const { findDebtors, openCurrencies } = await import("../app/.server/collections/debtors.server");
  const { parseDebtorQuery } = await import("../app/components/debtors/debtor-query");
  const { default: prisma } = await import("../app/db.server");
  const page = async (search: string) => {
    const shop = await findShop(domain);
    const facts = { domain, ianaTimezone: shop?.ianaTimezone ?? "UTC", settings: shop?.settings ?? {}, currencyCode: shop?.currencyCode ?? null };
    const [found] = await Promise.all([findDebtors(facts, at, parseDebtorQuery(new URLSearchParams(search))), openCurrencies(domain)]);
    return found;
  };
  const first = await page("bucket=31-60&sort=days-desc");
  if (!first.nextCursor) throw new Error("the ledger has no second page of debtors 31–60 days late");
  const someOrder = await prisma.receivable.findFirstOrThrow({
    where: { shopDomain: domain, status: "open" },
    orderBy: { name: "desc" },
    select: { name: true },
  });
  const scenarios: Record<string, string> = {
    "31–60 days, most overdue first": "bucket=31-60&sort=days-desc",
    "31–60 days, page 2": `bucket=31-60&sort=days-desc&after=${first.nextCursor}`,
    [`search "${someOrder.name}"`]: `q=${encodeURIComponent(someOrder.name)}`,
    "everyone, by next contact": "sort=next_contact-asc",
    "everyone, first page": "",
  };
  const timings: Record<string, Timing> = {};
  for (const [name, search] of Object.entries(scenarios)) {
    const warm = await page(search); // the first run plans and caches the statements
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await page(search);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    timings[name] = { p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), rows: warm.rows.length, total: warm.total };
  }
  // What the first page of a new day (or after a change of cadence) pays when no collections pass
  // got there first: every customer's summary worked out again.
  const { refreshDebtorSummaries } = await import("../app/.server/collections/debtor-summaries.server");
  const shop = await findShop(domain);
  const facts = { domain, ianaTimezone: shop?.ianaTimezone ?? "UTC", settings: shop?.settings ?? {}, currencyCode: shop?.currencyCode ?? null };
  const full: number[] = [];
  let customers = 0;
  for (let i = 0; i < 5; i++) {
    await prisma.debtorSummaryPlan.deleteMany({ where: { shopDomain: domain } });
    const started = performance.now();
    customers = (await refreshDebtorSummaries(facts, at)).customers;
    full.push(performance.now() - started);
  }
  full.sort((a, b) => a - b);
  timings["a new day: every summary again"] = {
    p50: Math.round(percentile(full, 50)),
    p95: Math.round(percentile(full, 95)),
    rows: customers,
    total: customers,
  };
  return timings;
}

async function openCount(domain: string): Promise<number> {
  const { default: prisma } = await import("../app/db.server");
  return prisma.receivable.count({ where: { shopDomain: domain, status: "open" } });
}

/** A ledger ten times the large shop's, written straight into the database. */
async function benchPlanningLedger(db: string, receivables: number): Promise<Result> {
  const store = await database(db);
  Object.assign(process.env, { DATABASE_URL: store.url, QUITA_JOB_RUNNER: "off" });
  const { PLANNING_SHOP, seedPlanningLedger } = await import("./planning-ledger");
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  const started = performance.now();
  const at = new Date();
  await seedPlanningLedger(client, at, receivables);
  await client.query(`UPDATE "Shop" SET "currencyCode" = 'BRL' WHERE domain = $1`, [PLANNING_SHOP]);
  await client.end();
  console.log(`seeded ${receivables} open debts in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  const scenarios = await timeScenarios(PLANNING_SHOP, at);
  const result = { config: `${db}, ledger of ${receivables} open debts`, openReceivables: await openCount(PLANNING_SHOP), scenarios };
  const { default: prisma } = await import("../app/db.server");
  await prisma.$disconnect();
  await store.close();
  return result;
}

/** The double's large shop, installed and backfilled as the app does it. */
async function benchLargeShop(db: string, customers: number, orders: number): Promise<Result> {
  const { startShopifyDouble } = await import("../test/shopify-double/index");
  let started = performance.now();
  const double = await startShopifyDouble({ ...APP, appUrl: "http://127.0.0.1:9", seed: { customers, orders }, now: new Date(), deliverWebhooks: false });
  console.log(`seeded ${customers} customers / ${orders} orders in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  const store = await database(db);
  Object.assign(process.env, {
    DATABASE_URL: store.url,
    SHOPIFY_API_KEY: APP.apiKey,
    SHOPIFY_API_SECRET: APP.apiSecret,
    SHOPIFY_APP_URL: "https://quita.bench",
    SCOPES: APP.scopes,
    SHOPIFY_DOUBLE_URL: double.url,
    QUITA_JOB_RUNNER: "off", // the backfill runs when this script says
  });
  const shop = double.shopDomain;
  const { accessToken } = double.controls.installApp();
  const { sessionStorage, unauthenticated } = await import("../app/shopify.server");
  await sessionStorage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: APP.scopes }));
  const { recordInstall } = await import("../app/.server/shops.server");
  const { now } = await import("../app/.server/clock.server");
  await recordInstall(shop, APP.scopes, (await unauthenticated.admin(shop)).admin.graphql, await now());
  const { enqueueSync } = await import("../app/.server/jobs/enqueue.server");
  const { runQueuedJobs } = await import("../app/.server/jobs/workers.server");
  const { stopBoss } = await import("../app/.server/jobs/boss.server");
  started = performance.now();
  await enqueueSync("backfill", shop);
  const ran = await runQueuedJobs(
    { backfill: { bulkThreshold: 0, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 200))) } },
    { only: ["backfill"] },
  );
  if (ran.some((job) => job.state !== "completed")) throw new Error(`the backfill did not complete: ${JSON.stringify(ran.map((j) => j.output))}`);
  const open = await openCount(shop);
  console.log(`backfilled ${open} open receivables in ${((performance.now() - started) / 1000).toFixed(1)}s`);

  const scenarios = await timeScenarios(shop, double.clock.now());
  const result: Result = { config: `${db}, the double's large shop`, openReceivables: open, scenarios };
  await stopBoss(0);
  const { default: prisma } = await import("../app/db.server");
  await prisma.$disconnect();
  await double.close();
  await store.close();
  return result;
}

const lines = (r: Result) => [
  `${r.config} (${r.openReceivables} open receivables):`,
  ...Object.entries(r.scenarios).map(([name, t]) => `    ${name}: p50 ${t.p50} ms, p95 ${t.p95} ms (${t.rows} rows of ${t.total})`),
];

const db = args.get("db");
if (db) {
  const result =
    args.get("ledger") === "planning"
      ? await benchPlanningLedger(db, Number(args.get("receivables") ?? 60_000))
      : await benchLargeShop(db, Number(args.get("customers") ?? 10_000), Number(args.get("orders") ?? 100_000));
  console.log(lines(result).join("\n"));
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

const configurations = [
  ["--db", "postgres", "--ledger", "shop"],
  ["--db", "pglite", "--ledger", "shop"],
  ["--db", "postgres", "--ledger", "planning", "--receivables", "60000"],
];
const results = runEachConfiguration<Result>("bench/debtors.ts", configurations);
console.log("\nThe Debtors page (targets: p95 < 300 ms on PostgreSQL, < 1 s on PGlite):");
for (const result of results)
  console.log(
    lines(result)
      .map((l) => `  ${l}`)
      .join("\n"),
  );
