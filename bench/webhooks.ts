// Webhook intake: N signed orders/updated deliveries at a given concurrency
// through the real route action (authenticate.webhook, parse, one INSERT into
// the intake queue), against PostgreSQL and the embedded PGlite, next to a
// bare route that only verifies the HMAC. The applier runs meanwhile, as in
// production, and is kept busy: before the measured run a backlog of
// deliveries is accepted with no applier, so while the N arrive it is working
// through the backlog too. Shopify gives up on an answer after 5 s: the bench
// reports the slowest answer and the share over 5 s (the target is none), and
// any 503 (the answer when the database can't be had in time, which Shopify
// retries). It exits 1 when any run has an answer over 5 s or an answer other
// than 200 or 503. "End to end" is from the first measured request until the backlog
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
import { randomBytes } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import pg from "pg";
import { failuresOf, formatResult, orderBodies, runDeliveries, type Result } from "./webhook-load";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Map(process.argv.slice(2).map((a, i, all) => (a.startsWith("--") ? [a.slice(2), all[i + 1]] : ["", ""])));
const N = Number(args.get("n") ?? 2000);
const BACKLOG = Number(args.get("backlog") ?? N);
const CONCURRENCY = Number(args.get("concurrency") ?? 32);
const SECRET = "bench-secret";
const SHOP = "bench.myshopify.com";
const load = { concurrency: CONCURRENCY, secret: SECRET, shop: SHOP };

interface EndToEnd {
  n: number;
  seconds: number;
  perSecond: number;
  backlogSeconds: number;
  applied: number;
  failed: number;
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
  await runDeliveries("warm-up", real, orderBodies(200), load);
  await applyPendingWebhooks();
  await prisma.$executeRaw`DELETE FROM "WebhookDelivery"`;
  const bareResult = await runDeliveries("bare (HMAC only)", bare, orderBodies(N), load);

  // The backlog the applier will be busy with: accepted while nothing applies.
  const backlog = await runDeliveries("backlog accepted", real, orderBodies(BACKLOG), load);
  // The applier wakes on each accepted delivery, as it does in the running app
  // (--apply-after 1 holds it until every request is answered, to see each part alone).
  const applyAfter = args.get("apply-after") === "1";
  const lingerMs = args.get("linger") ? Number(args.get("linger")) : undefined;
  const worker = mode === "postgres+worker" ? await startWorker(url) : null;
  const applier = applyAfter || worker ? { stop: async () => {} } : startWebhookApplier({ lingerMs });
  const started = performance.now();
  const intake = await runDeliveries("intake, applier busy", real, orderBodies(N, BACKLOG), load);
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

const only = args.get("child");
if (only === "postgres" || only === "postgres+worker" || only === "pglite") {
  await child(only);
} else {
  console.log(`${N} signed orders/updated deliveries beside a backlog of ${BACKLOG}, concurrency ${CONCURRENCY}, Node ${process.version}`);
  const failures: string[] = [];
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
    console.log(formatResult(bare));
    console.log(formatResult(backlog));
    console.log(formatResult(intake));
    for (const r of results) failures.push(...failuresOf(r).map((f) => `${kind}, ${f}`));
    console.log(`intake / bare throughput: ${(intake.perSecond / bare.perSecond).toFixed(2)}`);
    console.log(
      `end to end: ${e2e.applied}/${e2e.n} applied (${e2e.failed} failed) in ${e2e.seconds.toFixed(2)} s = ${e2e.perSecond.toFixed(0)} applied/s; backlog cleared ${e2e.backlogSeconds.toFixed(2)} s after the last answer`,
    );
  }
  // Shopify's 5 s limit is a rule, not a figure: any late answer, or any answer but 200 or 503, fails the bench.
  if (failures.length > 0) {
    console.log(`\nFAILED:\n${failures.map((f) => `  ${f}`).join("\n")}`);
    process.exitCode = 1;
  }
}
