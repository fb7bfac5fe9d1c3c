import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "./.server/session-storage.server";
import prisma from "./db.server";
import { readEnv } from "./env.server";
import { recordInstall } from "./.server/shops.server";
import { routeShopifyRequestsTo } from "./.server/shopify/local-double.server";
import { enqueueSync } from "./.server/jobs/enqueue.server";
import { now } from "./.server/clock.server";

// Configuration only, as in Shopify's template: importing this module starts
// nothing. Background work (jobs, the webhook applier) is started by
// scripts/serve.ts and scripts/worker.ts (app/.server/jobs/background.server.ts).

const env = readEnv(process.env);
if (env.SHOPIFY_DOUBLE_URL) routeShopifyRequestsTo(env.SHOPIFY_DOUBLE_URL);

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: ApiVersion.October26,
  scopes: env.SCOPES.split(","),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  future: { unstable_newEmbeddedAuthStrategy: true },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await recordInstall(session.shop, session.scope ?? null, admin.graphql, await now());
      // Loading every unpaid order can take minutes: it runs as a job, not in this request.
      await enqueueSync("backfill", session.shop);
    },
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
