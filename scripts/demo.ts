// The demo: Quita on its embedded defaults (PGlite in .data/demo) beside the
// local Shopify double and its seeded wholesale shop. It installs the app into
// that shop as Shopify's admin would (a session token, then token exchange),
// and prints the URL a browser opens to see the Collections tab.
//   --port N          the app's port (default 3000; 0 picks a free one)
//   --double-port N   the double's port (default 3100; 0 picks a free one)
import { readFileSync } from "node:fs";
import net from "node:net";
import pg from "pg";
import { parse as parseToml } from "smol-toml";
import { mintSessionToken, startShopifyDouble } from "../test/shopify-double/index";

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

const DEMO = { apiKey: "quita-demo-api-key", apiSecret: "quita-demo-api-secret" };
const appPort = await resolvePort(option("port", Number(process.env.PORT ?? 3000)));
const doublePort = option("double-port", 3100);
const appUrl = `http://127.0.0.1:${appPort}`;
const toml = parseToml(readFileSync("shopify.app.toml", "utf8")) as unknown as { access_scopes: { scopes: string } };

const { serve } = await import("./serve");
process.env.QUITA_DATA_DIR ??= ".data/demo";
Object.assign(process.env, {
  SHOPIFY_API_KEY: DEMO.apiKey,
  SHOPIFY_API_SECRET: DEMO.apiSecret,
  SCOPES: toml.access_scopes.scopes,
  SHOPIFY_APP_URL: appUrl,
  // Its key and secret are public: the demo answers this machine only.
  HOST: "127.0.0.1",
});

const double = await startShopifyDouble({ ...DEMO, port: doublePort, appUrl });
process.env.SHOPIFY_DOUBLE_URL = double.url;
process.env.APP_BRIDGE_URL = `${double.url}/_double/app-bridge.js`;

const server = await serve({ dev: false, port: appPort });

// Install: what Shopify's admin does when a merchant opens the app the first time.
const shop = double.shopDomain;
const host = Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
const entry = `${server.url}/app?embedded=1&shop=${shop}&host=${host}`;
const token = mintSessionToken({ shop, ...DEMO });
// As the merchant's browser: the library turns away requests that look like bots.
const install = await fetch(`${entry}&id_token=${token}`, { headers: { "User-Agent": "Mozilla/5.0 (Quita demo installer)" } });
if (!install.ok) {
  console.error(`quita demo: installing into ${shop} failed with HTTP ${install.status}`);
  process.exit(1);
}
await double.webhooks.drain();
await waitForBackfill(shop);

console.log(`
Quita demo is running: the app on ${server.url}, the local Shopify double on ${double.url}.
Open the Collections tab:  ${entry}
Emails Shopify would send: ${double.url}/_double/mailbox
Stop with Ctrl+C.`);

// The install queued a backfill of every unpaid order; the URL is printed once
// the ledger holds them, so the first page a newcomer sees has the shop's debts.
async function waitForBackfill(domain: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    for (let waited = 0; waited < 60_000; waited += 250) {
      const { rows } = await client.query<{ status: string; error: string | null }>(
        `SELECT status, error FROM "Job" WHERE "shopDomain" = $1 AND type = 'backfill' ORDER BY "createdAt" DESC LIMIT 1`,
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

const stop = async () => {
  await server.close();
  await double.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
