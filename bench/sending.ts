// Paced sending: one orderInvoiceSend (the email a reminder goes out as) to each of 1,000 customers,
// all queued at once, through the app's Admin API client (runAdminOperation on the library's
// admin.graphql, paced per shop: app/.server/shopify/admin-pacing.server.ts) against a double
// whose cost bucket is Shopify's standard plan: 2,000 points, refilled at 100 a second.
//
// A burst this size costs far more than the bucket holds, so its rate is set by the refill. The
// figure that matters is how much of the refill the sends used: (points spent − what the bucket
// was drawn down by) ÷ seconds, against the restore rate; the target is ≥ 90 %. And no THROTTLED
// answer may be left unretried (the pacer should not meet one at all).
//
//   npx tsx bench/sending.ts [--customers 1000] [--concurrency 8]
import { Session } from "@shopify/shopify-api";
import { parse, validate } from "graphql";
import { startShopifyDouble } from "../test/shopify-double/index";
import { createOrder } from "../test/shopify-double/operations";
import { loadAdminSchema } from "../test/support/admin-schema";

const args = new Map(process.argv.slice(2).map((a, i, all) => (a.startsWith("--") ? [a.slice(2), all[i + 1]] : ["", ""])));
const customers = Number(args.get("customers") ?? 1_000);
const concurrency = Number(args.get("concurrency") ?? 8);
const APP = { apiKey: "bench-key", apiSecret: "bench-secret", scopes: "read_customers,read_orders,write_orders" };

const INVOICE = `#graphql
  mutation BenchOrderInvoiceSend($id: ID!, $email: EmailInput) {
    orderInvoiceSend(id: $id, email: $email) {
      order { id }
      userErrors { field message }
    }
  }
`;
const problems = validate(loadAdminSchema().schema, parse(INVOICE));
if (problems.length) throw new Error(`the bench's mutation is not valid for Shopify: ${problems.map((p) => p.message).join("; ")}`);

const double = await startShopifyDouble({
  apiKey: APP.apiKey,
  apiSecret: APP.apiSecret,
  appUrl: "http://127.0.0.1:9",
  seed: { customers, orders: 0 },
  now: new Date(),
  deliverWebhooks: false,
});
const shopState = double.store.shop(double.shopDomain)!;
// One unpaid order for each customer, as a reminder run would find them.
const targets = [...shopState.customers.values()].map((customer) => {
  const order = createOrder(
    double.world,
    shopState,
    { customerId: customer.id, lineItems: [{ title: "Atacado", quantity: 3, unitPrice: 41_90 }] },
    { silent: true },
  );
  return { orderGid: `gid://shopify/Order/${order.id}`, to: customer.email! };
});

const { startEmbeddedPostgres } = await import("../app/.server/db/embedded-postgres.server");
const { applyMigrations, defaultMigrationPaths } = await import("../app/.server/db/migrations.server");
const embedded = await startEmbeddedPostgres();
await applyMigrations(embedded.url, defaultMigrationPaths());
Object.assign(process.env, {
  DATABASE_URL: embedded.url,
  DATABASE_POOL_MAX: "1",
  SHOPIFY_API_KEY: APP.apiKey,
  SHOPIFY_API_SECRET: APP.apiSecret,
  SHOPIFY_APP_URL: "https://quita.bench",
  SCOPES: APP.scopes,
  SHOPIFY_DOUBLE_URL: double.url,
  QUITA_JOB_RUNNER: "off",
});
const shop = double.shopDomain;
const { accessToken } = double.controls.installApp({ scopes: APP.scopes });
const { sessionStorage, unauthenticated } = await import("../app/shopify.server");
await sessionStorage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken, scope: APP.scopes }));
const library = (await unauthenticated.admin(shop)).admin.graphql;
const Admin = await import("../app/.server/shopify/admin-graphql.server");

// What Shopify answered, seen at the transport: each answer's cost, and every THROTTLED.
interface Cost {
  actualQueryCost: number | null;
  throttleStatus: { currentlyAvailable: number; maximumAvailable: number; restoreRate: number };
}
const answers: { at: number; ms: number; cost: Cost }[] = [];
let throttledSeen = 0;
const transport: typeof library = async (query, options) => {
  const started = performance.now();
  try {
    const response = await library(query, options);
    const body = (await response.clone().json()) as { extensions?: { cost?: Cost } };
    if (body.extensions?.cost) answers.push({ at: performance.now(), ms: performance.now() - started, cost: body.extensions.cost });
    return response;
  } catch (error) {
    if (
      (error as { body?: { errors?: { graphQLErrors?: { extensions?: { code?: string } }[] } } }).body?.errors?.graphQLErrors?.[0]?.extensions?.code ===
      "THROTTLED"
    )
      throttledSeen++;
    throw error;
  }
};
const pacer = Admin.shopPacer(shop);
const client = Admin.pacedForShop(shop, transport, pacer);

// Where the bucket stands before the burst (a cheap read: the app learns it the same way).
await Admin.runAdminOperation(client, "BenchShopName", "#graphql\n query BenchShopName { shop { name } }");
const before = answers.at(-1)!.cost.throttleStatus;
const mailsBefore = double.mailbox.list().length;

const latencies: number[] = [];
const failures: string[] = [];
let next = 0;
const started = performance.now();
async function worker() {
  while (next < targets.length) {
    const target = targets[next++]!;
    const t0 = performance.now();
    try {
      const data = await Admin.runAdminOperation<{ orderInvoiceSend: { userErrors: { message: string }[] } }>(client, "BenchOrderInvoiceSend", INVOICE, {
        id: target.orderGid,
        email: { to: target.to, subject: "Um lembrete amigável", customMessage: "Olá! Notamos que o pagamento ainda está em aberto." },
      });
      if (data.orderInvoiceSend.userErrors.length) failures.push(data.orderInvoiceSend.userErrors.map((e) => e.message).join("; "));
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
    latencies.push(performance.now() - t0);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - started) / 1_000;

const burst = answers.slice(answers.length - targets.length);
const after = answers.at(-1)!.cost.throttleStatus;
const spent = burst.reduce((sum, a) => sum + (a.cost.actualQueryCost ?? 0), 0);
const drawnDown = before.currentlyAvailable - after.currentlyAvailable;
const refillUsed = (spent - drawnDown) / seconds;
const share = refillUsed / before.restoreRate;
const unretried = failures.filter((f) => f.startsWith("Shopify kept throttling")).length;
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
const mails = double.mailbox.list().slice(mailsBefore);

console.log(`${targets.length} invoice emails to ${new Set(mails.map((m) => m.to)).size} customers, ${concurrency} at a time, in ${seconds.toFixed(1)} s`);
console.log(`  sends/s                        ${(targets.length / seconds).toFixed(2)} (mean actual cost ${(spent / burst.length).toFixed(1)} points)`);
console.log(
  `  bucket                         ${before.currentlyAvailable} → ${after.currentlyAvailable} of ${before.maximumAvailable}, restore rate ${before.restoreRate}/s`,
);
console.log(`  refill used                    ${refillUsed.toFixed(1)} points/s = ${(share * 100).toFixed(1)} % of the restore rate (target ≥ 90 %)`);
console.log(`  THROTTLED answers seen         ${throttledSeen}, left unretried ${unretried} (must be 0)`);
console.log(`  429 / 5xx answers              ${pacer.stats.rateLimited} / ${pacer.stats.serverErrors}; failed sends ${failures.length}`);
console.log(`  send, pacing included  p50/p99 ${quantile(latencies, 0.5).toFixed(0)} / ${quantile(latencies, 0.99).toFixed(0)} ms`);
const roundTrips = burst.map((a) => a.ms);
console.log(`  Shopify round trip     p50/p99 ${quantile(roundTrips, 0.5).toFixed(1)} / ${quantile(roundTrips, 0.99).toFixed(1)} ms`);
if (failures.length) console.log(`  first failure: ${failures[0]}`);
if (share < 0.9 || unretried > 0 || mails.length !== targets.length) process.exitCode = 1;

await double.close();
await embedded.close();
