// Renamed: called in a named function, react-hooks/rules-of-hooks would take `use…` for a React hook.
import { createTestDatabase, releaseAppDatabase, useAppDatabase as pointAppAt, type DatabaseKind, type TestDatabase } from "./database";
import { setAppEnv, TEST_APP } from "./app-env";
import { installIntoDouble } from "./installed-double";
import { startAppWebhookServer } from "./app-webhook-server";
import { startShopifyDouble, type ShopifyDouble, type ShopifyDoubleOptions } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";

export interface ShopOnDoubleOptions {
  /** The double's shop (default "wholesale"). */
  seed?: ShopifyDoubleOptions["seed"];
  /** Business time at the start (default: now). */
  now?: Date;
  /** Left out, the double waits Shopify's full retry delays between failed deliveries. */
  webhookRetryDelayScale?: number;
  /**
   * false: the double keeps each webhook (signed, for the test to send or ignore) and no app server
   * is started; the app's URL is then one nothing listens on. Default true: delivered to the app.
   */
  deliverWebhooks?: boolean;
  /** Install the app into the shop (default true); false leaves it for the test, with its own scopes. */
  install?: boolean;
  /** Backfill the ledger from the shop once installed (default true); false when the test moves the clock first. */
  backfill?: boolean;
  /** More of the app's environment, on top of the double's URL and the job runner off. */
  env?: Record<string, string | undefined>;
}

/** A fresh database, the app's webhook routes served in this process, and the double delivering to them (unless asked not to). */
export interface DoubleWithApp {
  database: TestDatabase;
  prisma: PrismaClient;
  double: ShopifyDouble;
  shopDomain: string;
  /** Stops the double, then the app's server, then lets go of and drops the database; a second call does nothing. */
  close(): Promise<void>;
}

/** The same, with the app installed into the shop (and, unless asked not to, its ledger backfilled). */
export interface ShopOnDouble extends DoubleWithApp {
  graphql: AdminGraphql;
  graphqlFor(shop: string): Promise<AdminGraphql>;
}

/**
 * The set-up most server tests share: a migrated database of `kind`, the app's webhook server, the
 * local Shopify double sending its webhooks there, the app's modules pointed at both, the app
 * installed and the ledger backfilled at the double's time. When a step fails, what was already
 * started is closed before the error goes on, so a failed beforeAll/beforeEach leaks nothing.
 */
export async function startShopOnDouble(kind: DatabaseKind, options: ShopOnDoubleOptions & { install: false }): Promise<DoubleWithApp>;
export async function startShopOnDouble(kind: DatabaseKind, options?: ShopOnDoubleOptions & { install?: true }): Promise<ShopOnDouble>;
export async function startShopOnDouble(kind: DatabaseKind, options: ShopOnDoubleOptions = {}): Promise<DoubleWithApp | ShopOnDouble> {
  const started: { database?: TestDatabase; app?: { close(): Promise<void> }; double?: ShopifyDouble } = {};
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await started.double?.close();
    await started.app?.close();
    await releaseAppDatabase();
    await started.database?.close();
  };
  try {
    const database = (started.database = await createTestDatabase(kind));
    const delivered = options.deliverWebhooks !== false;
    const app = delivered ? (started.app = await startAppWebhookServer()) : null;
    const double = (started.double = await startShopifyDouble({
      apiKey: TEST_APP.apiKey,
      apiSecret: TEST_APP.apiSecret,
      // Port 9 (discard): nothing there answers, should anything try to reach the app.
      appUrl: app?.url ?? "http://127.0.0.1:9",
      seed: options.seed ?? "wholesale",
      now: options.now ?? new Date(),
      webhookRetryDelayScale: options.webhookRetryDelayScale,
      deliverWebhooks: delivered,
    }));
    const shopDomain = double.shopDomain;
    setAppEnv({ SHOPIFY_DOUBLE_URL: double.url, QUITA_JOB_RUNNER: "off", ...options.env });
    const prisma = await pointAppAt(database);
    const withApp: DoubleWithApp = { database, prisma, double, shopDomain, close };
    if (options.install === false) return withApp;
    const { graphql, graphqlFor } = await installIntoDouble(double);
    if (options.backfill !== false) {
      const { backfillShop } = await import("../../app/.server/ledger/sync.server");
      await backfillShop(shopDomain, graphql, double.clock.now());
    }
    return { ...withApp, graphql, graphqlFor };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
