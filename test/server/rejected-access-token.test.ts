import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { installIntoDouble } from "../support/installed-double";
import { mintSessionToken, startShopifyDouble, type ShopifyDouble } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
// Types only: the route module itself is imported once the test has set the environment.
import type * as AppLayout from "../../app/routes/app";

// Shopify forgets the app's access token (a reinstall whose uninstall webhook was missed, a
// local Shopify started afresh): opening Quita must end in a fresh token exchange and the page,
// and background work must fail with a sentence a merchant can act on, not a raw 401.
describe("when Shopify no longer accepts the shop's stored access token", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphqlFor: (shop: string) => Promise<AdminGraphql>;
  let shop: string;
  let layout: typeof AppLayout;

  const host = () => Buffer.from(`admin.shopify.com/store/${shop.replace(".myshopify.com", "")}`).toString("base64url");
  const sessionToken = () => mintSessionToken({ shop, apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret });
  /** A document request, as the admin's iframe makes when the merchant opens Quita. */
  const open = (url: string) =>
    layout.loader({ request: new Request(url, { headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" } }), params: {}, context: {} });
  const storedToken = async () => (await prisma.session.findUniqueOrThrow({ where: { id: `offline_${shop}` } })).accessToken;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    double = await startShopifyDouble({
      apiKey: TEST_APP.apiKey,
      apiSecret: TEST_APP.apiSecret,
      appUrl: TEST_APP.appUrl,
      seed: "wholesale",
      deliverWebhooks: false,
    });
    shop = double.shopDomain;
    setAppEnv({ SHOPIFY_DOUBLE_URL: double.url, QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    ({ graphqlFor } = await installIntoDouble(double));
    layout = await import("../../app/routes/app");
  });
  afterAll(async () => {
    await double?.close();
    await releaseAppDatabase();
    await database?.close();
  });

  it("GIVEN a forgotten token WHEN background work calls the Admin API THEN it fails with a sentence and a next step", async () => {
    const { fetchShopIdentity } = await import("../../app/.server/shopify/shop.server");
    double.world.tokens.revokeShop(shop);
    const graphql = await graphqlFor(shop);
    await expect(fetchShopIdentity(graphql)).rejects.toThrow(
      "Shopify did not accept Quita's access to this store. Open Quita again from your Shopify admin to reconnect.",
    );
  });

  it("GIVEN a forgotten token WHEN the merchant opens Quita THEN the bounce for a fresh session token ends in a new token and the page", async () => {
    double.world.tokens.revokeShop(shop);
    const forgotten = await storedToken();
    const entry = `${TEST_APP.appUrl}/app?embedded=1&shop=${shop}&host=${host()}`;

    // The stored token is refused: the library drops it and sends the page to its bounce page.
    const bounce = await open(`${entry}&id_token=${sessionToken()}`).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(bounce).toBeInstanceOf(Response);
    const location = new URL((bounce as Response).headers.get("Location")!, TEST_APP.appUrl);
    expect((bounce as Response).status).toBe(302);
    expect(location.pathname).toBe("/auth/session-token");
    expect(await storedToken()).toBe("");

    // App Bridge comes back to the page with a fresh session token: token exchange, then the page.
    const reload = new URL(location.searchParams.get("shopify-reload")!);
    reload.searchParams.set("id_token", sessionToken());
    await expect(open(reload.toString())).resolves.toMatchObject({ apiKey: TEST_APP.apiKey });
    const renewed = await storedToken();
    expect(renewed).not.toBe(forgotten);
    expect(double.world.tokens.lookup(renewed)).toMatchObject({ shop, kind: "offline" });

    // And background work runs again with it.
    const { fetchShopIdentity } = await import("../../app/.server/shopify/shop.server");
    await expect(fetchShopIdentity(await graphqlFor(shop))).resolves.toMatchObject({ name: "Casa Aurora Atacado" });
  });
});
