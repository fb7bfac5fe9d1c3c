import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "./.server/session-storage.server";
import prisma from "./db.server";
import { readEnv } from "./env.server";
import { recordInstall } from "./.server/shops.server";
import { routeShopifyRequestsTo } from "./.server/shopify/local-double.server";
import { enqueueJob } from "./.server/jobs/queue.server";
import { kickJobs, startJobRunner } from "./.server/jobs/runner.server";
import { startWebhookApplier } from "./.server/webhooks/applier.server";

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
      await recordInstall(session.shop, session.scope ?? null, admin.graphql);
      // Loading every unpaid order can take minutes: it runs as a job, not in this request.
      await enqueueJob(prisma, session.shop, "backfill");
      kickJobs();
    },
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

if (env.QUITA_JOB_RUNNER === "on") {
  startJobRunner({ graphqlFor: async (shop) => (await shopify.unauthenticated.admin(shop)).admin.graphql });
  // Applies the webhooks the routes accepted, beginning with any a restart left pending.
  startWebhookApplier();
}

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
