import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { mintSessionToken } from "../shopify-double/index";
import { jobsIn, runJobs } from "../support/jobs";
import type { PrismaClient } from "../../app/generated/prisma/client";
// Types only: the route module itself is imported once the test has set the environment.
import type * as SettingsRoute from "../../app/routes/app.settings";

// The Settings page through its real action: Shopify's authenticate.admin
// checks a session token minted by the local Shopify double, the form is
// validated, and the shop's letter identity is stored. Each test has a shop
// of its own, so they pass alone and in any order.
describe("Settings: how letters are signed", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let route: typeof SettingsRoute;
  let shops = 0;
  let SHOP: string;

  const post = (fields: Record<string, string>, token = mintSessionToken({ shop: SHOP, apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret })) =>
    route.action({
      request: new Request(`${TEST_APP.appUrl}/app/settings?shop=${SHOP}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields),
      }),
      params: {},
      context: {},
    });

  const load = async () =>
    route.loader({
      request: new Request(`${TEST_APP.appUrl}/app/settings?shop=${SHOP}`, {
        headers: { authorization: `Bearer ${mintSessionToken({ shop: SHOP, apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret })}` },
      }),
      params: {},
      context: {},
    });

  const saveValidIdentity = () =>
    post({ legalName: " Casa Aurora Atacado Ltda ", legalAddress: "Rua das Flores, 100, São Paulo", taxId: "12.345.678/0001-90", locale: "pt-BR" });

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    route = await import("../../app/routes/app.settings");
  });
  beforeEach(async () => {
    // GIVEN a shop that installed Quita, with its offline token stored
    SHOP = `casa-aurora-${++shops}.myshopify.com`;
    await prisma.shop.create({ data: { domain: SHOP, name: "Casa Aurora", ianaTimezone: "America/Sao_Paulo", legalName: "Casa Aurora Ltda" } });
    const { PrismaSessionStorage } = await import("../../app/.server/session-storage.server");
    await new PrismaSessionStorage(prisma).storeSession(
      new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, scope: TEST_APP.scopes, accessToken: "shpat_test" }),
    );
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  it("saves a valid identity", async () => {
    const result = await saveValidIdentity();
    expect(result).toEqual({ saved: true, reloading: false, errors: {} });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop).toMatchObject({ legalName: "Casa Aurora Atacado Ltda", taxId: "12.345.678/0001-90", locale: "pt-BR" });
  });

  it("refuses an empty legal name and an unknown language, and keeps what was saved", async () => {
    await saveValidIdentity();
    const result = await post({ legalName: "  ", legalAddress: "", taxId: "", locale: "fr" });
    expect(result).toMatchObject({ saved: false, errors: { legalName: expect.any(String), locale: expect.any(String) } });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop.legalName).toBe("Casa Aurora Atacado Ltda");
  });

  it("rejects a session token signed with another secret", async () => {
    await saveValidIdentity();
    const forged = mintSessionToken({ shop: SHOP, apiKey: TEST_APP.apiKey, apiSecret: "not-the-secret" });
    const outcome = await post({ legalName: "Mallory", legalAddress: "", taxId: "", locale: "en" }, forged).catch((thrown: unknown) => thrown);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(401);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).legalName).toBe("Casa Aurora Atacado Ltda");
  });

  it("queues one reload of unpaid orders on demand, however often it is asked", async () => {
    expect(await post({ intent: "backfill" })).toMatchObject({ reloading: true });
    await post({ intent: "backfill" });
    // One pg-boss job waiting, and its one run record
    expect((await jobsIn("backfill", { shop: SHOP })).filter((job) => job.state === "created")).toHaveLength(1);
    expect(await prisma.syncRun.count({ where: { shopDomain: SHOP, kind: "backfill", status: "queued" } })).toBe(1);
  });

  it("shows the reload waiting, then retrying with Shopify's reason, then failed for good; and a new one can be asked for", async () => {
    const reload = async () => (await load()).sync.backfill;
    await post({ intent: "backfill" }); // (or the one already waiting)
    expect(await reload()).toMatchObject({ status: "queued", attempt: 0, startedAt: null, finishedAt: null });
    // WHEN it runs and Shopify can't be reached
    const unreachable = async () => Promise.reject(new Error("Shopify answered HTTP 503"));
    // (only this shop's jobs count: another test's reload may be waiting in the same queue)
    const ofThisShop = (ran: Awaited<ReturnType<typeof runJobs>>) => ran.filter((job) => (job.data as { shop?: string }).shop === SHOP);
    const [first] = ofThisShop(await runJobs({ graphqlFor: unreachable }));
    expect(first).toMatchObject({ name: "backfill", state: "retry" });
    // THEN Settings says it failed, why, and that it will be tried again
    expect(await reload()).toMatchObject({ status: "retrying", attempt: 1, attempts: 7, error: "Shopify answered HTTP 503" });
    // WHEN every retry fails too
    const retries = ofThisShop(await runJobs({ graphqlFor: unreachable }, { includeDelayed: true }));
    expect(retries.map((job) => job.state)).toEqual(["retry", "retry", "retry", "retry", "retry", "failed"]);
    // THEN it is failed for good after its 7th attempt, and a new reload can be asked for
    const failed = await reload();
    expect(failed).toMatchObject({ status: "failed", attempt: 7, attempts: 7, error: "Shopify answered HTTP 503" });
    expect(failed?.finishedAt).not.toBeNull();
    await post({ intent: "backfill" });
    expect(await reload()).toMatchObject({ status: "queued", attempt: 0 });
  });
});
