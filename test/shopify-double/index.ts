import path from "node:path";
import type { AddressInfo } from "node:net";
import { Clock } from "./clock";
import type { ShopPlan } from "./cost";
import { declareFlowTriggerFields, readFlowTriggerExtensions } from "./flow-trigger";
import { makeControls, type Controls } from "./controls";
import { Mailbox } from "./mailbox";
import { readSavedWorld, WorldSaver } from "./persistence";
import { loadAdminSchema } from "./schema";
import { seedLarge, seedWholesale } from "./seed";
import { createShop, DEMO_SHOP } from "./seed-shop";
import { createServer } from "./server";
import { Store } from "./state";
import { TokenRegistry } from "./tokens";
import { readAppToml, type AppConfig } from "./toml";
import { Webhooks } from "./webhooks";
import type { World } from "./world";

export { mintSessionToken, verifySessionToken } from "./tokens";
export { signBody } from "./webhooks";
export { loadAdminSchema } from "./schema";
export { readSavedWorld, SavedWorldError, writeSavedWorld } from "./persistence";
export type { Mail } from "./mailbox";
export type { Delivery } from "./webhooks";

export interface ShopifyDoubleOptions {
  port?: number;
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  appTomlPath?: string;
  seed?: "wholesale" | "empty" | { customers: number; orders: number };
  now?: Date;
  webhookRetryDelayScale?: number;
  deliverWebhooks?: boolean;
  /** The shop's Shopify plan (default standard): Plus refills the Admin API cost bucket ten times as fast, and holds ten times as much. */
  plan?: ShopPlan;
  /** Flow trigger handles accepted by flowTriggerReceive; default: those in <repo>/extensions/*\/shopify.extension.toml */
  flowTriggerHandles?: string[];
  /**
   * Keep the world in this file: loaded instead of seeding when it exists (then `seed` and `now`
   * are ignored: business time resumes from the save), written shortly after every change and on
   * close. Throws SavedWorldError when the file exists but cannot be read back.
   */
  stateFile?: string;
}

export interface ShopifyDouble {
  url: string;
  shopDomain: string;
  close(): Promise<void>;
  clock: Clock;
  store: Store;
  mailbox: Mailbox;
  webhooks: Webhooks;
  controls: Controls;
  world: World;
}

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/** The same controls, each telling `changed` once it has run (in-process callers change the world too). */
function afterEachCall<T extends Record<string, (...args: never[]) => unknown>>(controls: T, changed: () => void): T {
  const wrapped = Object.entries(controls).map(([name, control]) => [
    name,
    (...args: never[]) => {
      try {
        return control(...args);
      } finally {
        changed();
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}

export async function startShopifyDouble(opts: ShopifyDoubleOptions): Promise<ShopifyDouble> {
  loadAdminSchema(path.join(REPO, "node_modules/@shopify/dev-mcp/dist/data/admin_2026-10.json.gz"));
  const config: AppConfig = readAppToml(opts.appTomlPath ?? path.join(REPO, "shopify.app.toml"));
  const saved = opts.stateFile ? readSavedWorld(opts.stateFile) : null;
  // The app's trigger extensions: flowTriggerReceive knows their handles and checks payloads against their fields.
  const flowTriggers = opts.flowTriggerHandles ? null : readFlowTriggerExtensions(REPO);
  const clock = new Clock(saved?.businessTime ?? opts.now ?? new Date());
  const world: World = {
    store: saved?.store ?? new Store(),
    clock,
    mailbox: saved?.mailbox ?? new Mailbox(),
    tokens: saved?.tokens ?? new TokenRegistry(),
    config,
    apiKey: opts.apiKey,
    apiSecret: opts.apiSecret,
    throttle: { mode: "normal" },
    plan: opts.plan ?? "standard",
    costBuckets: new Map(),
    flowTriggerHandles: new Set(opts.flowTriggerHandles ?? flowTriggers?.keys() ?? []),
    baseUrl: "",
    bulk: { hold: false, failNext: null },
    webhooks: new Webhooks({
      apiSecret: opts.apiSecret,
      appUrl: opts.appUrl,
      config,
      clock,
      retryDelayScale: opts.webhookRetryDelayScale ?? 1,
      deliver: opts.deliverWebhooks ?? true,
    }),
  };
  if (flowTriggers) declareFlowTriggerFields(world.flowTriggerHandles, flowTriggers);
  const seed = opts.seed ?? "wholesale";
  if (saved) world.webhooks.log = saved.deliveries;
  else if (seed === "wholesale") seedWholesale(world, clock.now());
  else if (seed === "empty") createShop(world.store);
  else seedLarge(world, clock.now(), seed);
  const saver = opts.stateFile ? new WorldSaver(opts.stateFile, world) : null;
  saver?.save();

  const controls = afterEachCall(makeControls(world, DEMO_SHOP), () => saver?.changed());
  const server = createServer(world, controls, DEMO_SHOP, () => saver?.changed());
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  world.baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: world.baseUrl,
    shopDomain: DEMO_SHOP,
    clock,
    store: world.store,
    mailbox: world.mailbox,
    webhooks: world.webhooks,
    controls,
    world,
    close: async () => {
      world.webhooks.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      saver?.save();
    },
  };
}
