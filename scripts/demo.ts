// The demo: Quita on its embedded defaults (PGlite in .data/demo) beside the
// local Shopify double and its seeded wholesale shop. It opens the app in that
// shop as Shopify's admin would (a session token, then token exchange), and
// prints the URL a browser opens to see the Collections tab, with the commands
// that make things happen in the shop (a customer pays, time passes).
// Both keep their data in the data folder: a second run resumes where the first
// stopped; if only one of the two is there, both start over together.
//   --port N          the app's port (default 3000; 0 picks a free one)
//   --double-port N   the double's port (default 3100; 0 picks a free one)
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { parse as parseToml } from "smol-toml";
import { mintSessionToken, readSavedWorld, startShopifyDouble, type ShopifyDouble } from "../test/shopify-double/index";
import { offerDemoDiscount, openDemoOffer } from "./demo-offer";
import { signDemoLetters } from "./demo-identity";
import { nextDemoInstallment, seedDemoAgreement } from "./demo-agreement";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

// Port 0 asks the system for a free port now, so the app's URL is known before
// anything starts: the app needs it (SHOPIFY_APP_URL) and so does the double (webhooks).
async function resolvePort(port: number): Promise<number> {
  if (port !== 0) return port;
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

/**
 * The app's database and the double's shop describe one world (the app holds the double's
 * access token and its orders): resume both, or start both over, never one without the other.
 */
function resumeOrStartOver(dataDir: string): string {
  const stateFile = path.join(dataDir, "shopify-double.json");
  // prepare-database.server.ts keeps the embedded database in <data dir>/pglite.
  const database = path.join(dataDir, "pglite");
  const hasDatabase = existsSync(path.join(database, "PG_VERSION"));
  let problem: string | null = null;
  let hasShop = false;
  try {
    hasShop = readSavedWorld(stateFile) !== null;
  } catch (error) {
    problem = `the local Shopify's saved shop cannot be read back (${(error as Error).message})`;
  }
  if (hasDatabase && hasShop) {
    console.log(`quita demo: resuming the demo kept in ${dataDir} (delete that folder to start over)`);
  } else if (hasDatabase || hasShop || problem) {
    const why = problem ?? (hasDatabase ? `the local Shopify's saved shop (${stateFile}) is missing` : `Quita's database (${database}) is missing`);
    console.log(`quita demo: ${why}, so Quita and the local Shopify both start over`);
    rmSync(database, { recursive: true, force: true });
    rmSync(stateFile, { force: true });
  }
  return stateFile;
}

const DEMO = { apiKey: "quita-demo-api-key", apiSecret: "quita-demo-api-secret" };
const appPort = await resolvePort(option("port", Number(process.env.PORT ?? 3000)));
const doublePort = option("double-port", 3100);
const appUrl = `http://127.0.0.1:${appPort}`;
const toml = parseToml(readFileSync("shopify.app.toml", "utf8")) as unknown as { access_scopes: { scopes: string } };

// The demo is the embedded default: its database sits in the data folder, beside the double's shop.
process.env.QUITA_DATA_DIR ||= ".data/demo";
const dataDir = process.env.QUITA_DATA_DIR;
if (process.env.DATABASE_URL) console.log(`quita demo: DATABASE_URL is not used: the demo keeps its database in ${dataDir}`);
const stateFile = resumeOrStartOver(dataDir);
const firstStart = !existsSync(stateFile);

const { serve } = await import("./serve");
Object.assign(process.env, {
  SHOPIFY_API_KEY: DEMO.apiKey,
  SHOPIFY_API_SECRET: DEMO.apiSecret,
  SCOPES: toml.access_scopes.scopes,
  SHOPIFY_APP_URL: appUrl,
  DATABASE_URL: "",
  // Its key and secret are public: the demo answers this machine only.
  HOST: "127.0.0.1",
});

let server: { url: string; close(): Promise<void> } | null = null;
const double: ShopifyDouble = await startShopifyDouble({ ...DEMO, port: doublePort, appUrl, stateFile });
// From here on, stopping saves the double's shop (close does) so the next run finds it.
const stop = async () => {
  await server?.close();
  await double.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
process.env.SHOPIFY_DOUBLE_URL = double.url;
process.env.APP_BRIDGE_URL = `${double.url}/_double/app-bridge.js`;

server = await serve({ dev: false, port: appPort });
const appServer = server;

const shop = double.shopDomain;
const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
// As the admin opens it, with the merchant's language (`locale`): pt-BR or es shows the pages in Portuguese or Spanish.
const entry = `${appServer.url}/app?embedded=1&shop=${shop}&host=${host}&locale=en`;

/**
 * What Shopify's admin does when the merchant opens the app: load its URL with a fresh session
 * token. The first time, that installs it (token exchange, then a backfill). Later, the app checks
 * Shopify still accepts its stored token; if not, the library answers with its bounce page, and
 * App Bridge (here, this function) loads the page again with a new session token: a new exchange.
 */
async function openAsTheAdmin(): Promise<void> {
  const withToken = (url: string) => {
    const target = new URL(url);
    target.searchParams.set("id_token", mintSessionToken({ shop, ...DEMO }));
    return target.toString();
  };
  let target = withToken(entry);
  for (let hop = 0; hop < 3; hop++) {
    // As the merchant's browser: the library turns away requests that look like bots.
    const response = await fetch(target, { redirect: "manual", headers: { "User-Agent": "Mozilla/5.0 (Quita demo installer)" } });
    await response.arrayBuffer();
    if (response.ok) return;
    const reload = new URL(response.headers.get("Location") ?? "/", appServer.url).searchParams.get("shopify-reload");
    if (response.status >= 400 || !reload) throw new Error(`opening the app in ${shop} answered HTTP ${response.status}`);
    target = withToken(reload);
  }
  throw new Error(`opening the app in ${shop} kept asking for a new session token`);
}

try {
  await openAsTheAdmin();
  await double.webhooks.drain();
  await waitForBackfill(shop);
  if (firstStart) await signDemoLetters(shop);
  await offerDemoDiscount(shop);
  await seedDemoAgreement(shop, (draftOrder) => double.controls.completeDraftOrder({ draftOrder }));
} catch (error) {
  console.error(`quita demo: ${(error as Error).message}`);
  await appServer.close();
  await double.close();
  process.exit(1);
}

const cli = "npx tsx test/shopify-double/cli.ts";
const installment = await nextDemoInstallment(shop);
const offer = await openDemoOffer(shop);
console.log(`
Quita demo is running: the app on ${appServer.url}, the local Shopify double on ${double.url}.
Open the Collections tab:  ${entry}
Emails Shopify would send: ${double.url}/_double/mailbox
Make things happen in the shop, from another terminal (every command: ${cli} help):
  a customer pays:    ${cli} pay-order --url ${double.url} --order "#1008" --amount 100.00
  time passes:        ${cli} advance-clock --url ${double.url} --days 30
  an order cancelled: ${cli} cancel-order --url ${double.url} --order "#1012"${
    installment ? `\n  an installment paid: ${cli} complete-draft-order --url ${double.url} --draft-order "${installment}"` : ""
  }${offer ? `\n  an offer's code used: ${cli} create-order --url ${double.url} --customer ${offer.customerId} --amount 300.00 --discount-code ${offer.code}` : ""}
Data is kept in ${dataDir} across restarts (delete it to start over). Stop with Ctrl+C.`);

// The install queued a backfill of every unpaid order; the URL is printed once
// the ledger holds them, so the first page a newcomer sees has the shop's debts.
async function waitForBackfill(domain: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    for (let waited = 0; waited < 60_000; waited += 250) {
      // Its run record (SyncRun, docs/decisions/007): "retrying" is still on its way.
      const { rows } = await client.query<{ status: string; error: string | null }>(
        `SELECT status, error FROM "SyncRun" WHERE "shopDomain" = $1 AND kind = 'backfill' ORDER BY "queuedAt" DESC, attempt DESC LIMIT 1`,
        [domain],
      );
      if (rows[0]?.status === "succeeded") return;
      if (rows[0]?.status === "failed") throw new Error(`the backfill failed: ${rows[0].error}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error("the backfill did not finish within a minute");
  } finally {
    await client.end();
  }
}
