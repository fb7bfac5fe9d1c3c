// Start a Shopify double standalone, or drive a running one:
//   npx tsx test/shopify-double/cli.ts start --port 4455 --app-url http://localhost:3000 --api-key KEY --api-secret SECRET [--seed wholesale|empty|10000x100000] [--toml path] [--state file.json]
//   npx tsx test/shopify-double/cli.ts advance-clock --url http://127.0.0.1:4455 --days 7
//   npx tsx test/shopify-double/cli.ts pay-order --url ... --order "#1003" --amount 100.00
// Any control route (advance-clock, pay-order, cancel-order, complete-draft-order, create-order,
// create-draft-order, change-payment-terms, edit-order, install-app, uninstall-app,
// compliance-request, set-throttle, drop-next-webhook, hold-responses, refuse-next-sends, ...) takes its fields as --flags.
import { startShopifyDouble } from "./index";

function flags(argv: string[]) {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith("--")) continue;
    const key = argv[i].slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const next = argv[i + 1];
    if (next === undefined || next.startsWith("--")) out[key] = true;
    else {
      out[key] = /^-?\d+(\.\d+)?$/.test(next) && !["amount", "price"].includes(key) ? Number(next) : next;
      i++;
    }
  }
  return out;
}

const [command, ...rest] = process.argv.slice(2);
const f = flags(rest);

const HELP = `Drive a running Shopify double (the demo prints its URL), or start one.
  <command> --url DOUBLE_URL [--field value ...]
    pay-order --order "#1008" [--amount 100.00]     a customer pays (all that is owed without --amount)
    advance-clock --days 30 [--hours N]              time passes: schedules come due, ages grow
      [--to-local-hour 10]                           then on to the next 10:00 in the shop's time zone, Monday to Friday
    cancel-order --order "#1012" [--reason customer]
    edit-order --order "#1012" --price 50.00         a line is added
    create-order --customer ID [--amount 300.00] [--payment-terms "Net 30"] [--currency USD] [--discount-code QUITA-…]
    create-draft-order --customer ID [--amount 80.00]   complete-draft-order --draft-order "#D1"
    change-payment-terms --order "#1012" [--payment-terms "Net 60"] [--due-at 2026-12-31]
    install-app   uninstall-app   compliance-request --topic customers/redact --customer ID
    set-throttle --mode normal|throttled|http429|http500   drop-next-webhook [--topic orders/paid]
    fill-cost-bucket                                 the Admin API cost bucket full again, as after the seconds it takes
    hold-responses [--operation orderInvoiceSend,draftOrderInvoiceSend] [--count 1]
                                                     Shopify acts, its answer waits (GET /_double/held-responses)
    release-responses                                the held answers go out
    refuse-next-sends [--operation orderInvoiceSend,draftOrderInvoiceSend,paymentReminderSend] [--count 1]
      [--message "To is invalid"]                    Shopify refuses those sends with its own words; nothing is mailed
  start --port N --app-url URL --api-key K --api-secret S [--seed wholesale|empty|CxO] [--toml FILE] [--state FILE]
    --state keeps the shop in FILE across restarts (loaded if it exists, saved as it changes)`;

if (!command || command === "help") {
  console.log(HELP);
} else if (command === "start") {
  const seedFlag = String(f.seed ?? "wholesale");
  const m = /^(\d+)x(\d+)$/.exec(seedFlag);
  const double = await startShopifyDouble({
    port: Number(f.port ?? 0),
    appUrl: String(f.appUrl ?? "http://localhost:3000"),
    apiKey: String(f.apiKey ?? process.env.SHOPIFY_API_KEY ?? ""),
    apiSecret: String(f.apiSecret ?? process.env.SHOPIFY_API_SECRET ?? ""),
    appTomlPath: f.toml ? String(f.toml) : undefined,
    stateFile: f.state ? String(f.state) : undefined,
    seed: m ? { customers: Number(m[1]), orders: Number(m[2]) } : (seedFlag as "wholesale" | "empty"),
  });
  console.log(`Shopify double on ${double.url} (shop ${double.shopDomain}); mailbox: ${double.url}/_double/mailbox`);
  const stop = async () => {
    await double.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} else {
  const { url, ...body } = f;
  if (!url) throw new Error("--url of the running double is required");
  const res = await fetch(`${url}/_double/${command}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  console.log(res.status, JSON.stringify(await res.json(), null, 2));
  process.exitCode = res.ok ? 0 : 1;
}
