// Planning a collections pass over a large ledger (issue #8: "planning over 100,000 open
// receivables in under 2 s"). A shop's ledger is seeded straight into the database: open debts
// owed by many customers (some owe several), orders and invoiced drafts, paid history with late
// payers among it, letters already sent for most customers (some at the weekly contact cap), the
// stages those letters settled, pauses and promises, and a few debts newly overdue. Then, at 10:00
// on a working day in the shop, the pass runs in its parts, each timed: settling sends left
// hanging and queuing Flow triggers (prepare), reading the ledger (load, collection-state.server.ts),
// deciding (plan, the pure cadence), writing the letters, skips and jobs (record); then a second
// pass, as the every-5-minutes cron runs it, which finds nothing new.
//
//   npx tsx bench/planning.ts [--db postgres|pglite] [--receivables 100000]
import { randomBytes } from "node:crypto";
import pg from "pg";
import { nextWorkingHour } from "../test/shopify-double/local-hour";
import { PLANNING_SHOP, seedPlanningLedger } from "./planning-ledger";

const args = new Map(process.argv.slice(2).map((a, i, all) => (a.startsWith("--") ? [a.slice(2), all[i + 1]] : ["", ""])));
const db = args.get("db") ?? "postgres";
const receivables = Number(args.get("receivables") ?? 100_000);
const SHOP = PLANNING_SHOP;
const TARGET_MS = 2_000;

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

const store = await database();
Object.assign(process.env, {
  DATABASE_URL: store.url,
  SHOPIFY_API_KEY: "bench-key",
  SHOPIFY_API_SECRET: "bench-secret",
  SHOPIFY_APP_URL: "https://quita.bench",
  SCOPES: "read_orders",
  QUITA_JOB_RUNNER: "off",
});
// Business time: the next 10:00 on a working day in the shop, when letters may go out.
const now = nextWorkingHour(new Date(), "America/Sao_Paulo", 10);

let started = performance.now();
const client = new pg.Client({ connectionString: store.url });
await client.connect();
const rows = await seedPlanningLedger(client, now, receivables);
await client.end();
console.log(
  `${db}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${rows.open} open receivables of ${rows.customers} customers, ${rows.paid} paid, ` +
    `${rows.letters} letters sent, ${rows.items} stages settled, ${rows.holds} holds, ${rows.events} events`,
);

const { default: prisma } = await import("../app/db.server");
const { jobsReady } = await import("../app/.server/jobs/enqueue.server");
const { stopBoss } = await import("../app/.server/jobs/boss.server");
const { loadPlanInput } = await import("../app/.server/reminders/collection-state.server");
const { planReminders } = await import("../app/domain/cadence/plan");
const { prepareCollectionPass, recordPlan, runCollectionPass } = await import("../app/.server/reminders/planning.server");
await jobsReady();

const ms = (from: number) => Math.round(performance.now() - from);
const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP }, select: { domain: true, installed: true, ianaTimezone: true, settings: true } });

started = performance.now();
const prepared = await prepareCollectionPass(SHOP, now);
const prepareMs = ms(started);
started = performance.now();
const input = await loadPlanInput(prisma, shop, now);
const loadMs = ms(started);
started = performance.now();
const plan = planReminders(input);
const planMs = ms(started);
started = performance.now();
const recorded = await recordPlan(SHOP, plan, now);
const recordMs = ms(started);

started = performance.now();
const second = await runCollectionPass(SHOP, now);
const secondMs = ms(started);

const deferred: Record<string, number> = {};
for (const d of plan.deferred) deferred[d.reason] = (deferred[d.reason] ?? 0) + 1;
const planning = loadMs + planMs;
console.log(
  `${db}: rows ${rows.open} open receivables (${input.debts.length} with a stage to act on, ${input.settledStages.size} of their stages settled); ` +
    `prepare ${prepareMs} ms (${prepared.unknown} unknown, ${prepared.triggers} Flow triggers queued), load ${loadMs} ms, plan ${planMs} ms, record ${recordMs} ms`,
);
console.log(
  `${db}: letters planned ${recorded.planned} (${plan.letters.length} decided), stages skipped ${recorded.skipped}, deferred ${JSON.stringify(deferred)}; ` +
    `a second pass (nothing new): ${secondMs} ms, ${second.planned} planned`,
);
console.log(`${db}: planning (load + plan) ${planning} ms: ${planning < TARGET_MS ? "within" : "OVER"} the ${TARGET_MS} ms target`);

await stopBoss(0);
await prisma.$disconnect();
await store.close();
process.exit(planning < TARGET_MS ? 0 : 1);
