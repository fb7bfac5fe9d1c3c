import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { installShop, settingsClient } from "../support/settings-client";
import { jobsIn, runJobs } from "../support/jobs";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The Settings page through its real loader and action: Shopify's
// authenticate.admin checks a session token minted by the local Shopify double,
// the form is validated, and the shop's letter identity is stored. Each test has
// a shop of its own, so they pass alone and in any order.
describe("Settings: how letters are signed", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let shops = 0;
  let SHOP: string;
  let client: ReturnType<typeof settingsClient>;

  const saveValidIdentity = () =>
    client.save((draft) => {
      draft.identity = {
        legalName: " Casa Aurora Atacado Ltda ",
        legalAddress: "Rua das Flores, 100, São Paulo",
        taxId: "12.345.678/0001-90",
        locale: "pt-BR",
      };
    });

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
  });
  beforeEach(async () => {
    // GIVEN a shop that installed Quita, with its offline token stored
    SHOP = `casa-aurora-${++shops}.myshopify.com`;
    await installShop(prisma, { domain: SHOP, name: "Casa Aurora", ianaTimezone: "America/Sao_Paulo", legalName: "Casa Aurora Ltda" });
    client = settingsClient(SHOP);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  it("shows the saved identity in the form, and saves a valid one", async () => {
    expect((await client.load()).settings.identity).toEqual({ legalName: "Casa Aurora Ltda", legalAddress: "", taxId: "", locale: "en" });
    expect(await saveValidIdentity()).toEqual({ saved: true });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop).toMatchObject({ legalName: "Casa Aurora Atacado Ltda", taxId: "12.345.678/0001-90", locale: "pt-BR" });
  });

  it("refuses an empty legal name and an unknown language with codes the page translates, and keeps what was saved", async () => {
    await saveValidIdentity();
    const result = await client.save((draft) => {
      draft.identity = { legalName: "  ", legalAddress: "", taxId: "", locale: "fr" };
    });
    expect(result).toEqual({ saved: false, errors: { identity: { legalName: { code: "legalNameMissing" }, locale: { code: "letterLocaleUnknown" } } } });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop.legalName).toBe("Casa Aurora Atacado Ltda");
  });

  it("rejects a session token signed with another secret", async () => {
    await saveValidIdentity();
    const outcome = await client
      .save((draft) => {
        draft.identity.legalName = "Mallory";
      }, "not-the-secret")
      .catch((thrown: unknown) => thrown);
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(401);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).legalName).toBe("Casa Aurora Atacado Ltda");
  });

  it("queues one reload of unpaid orders on demand, however often it is asked", async () => {
    expect(await client.postForm({ intent: "backfill" })).toMatchObject({ reloading: true });
    await client.postForm({ intent: "backfill" });
    // One pg-boss job waiting, and its one run record
    expect((await jobsIn("backfill", { shop: SHOP })).filter((job) => job.state === "created")).toHaveLength(1);
    expect(await prisma.syncRun.count({ where: { shopDomain: SHOP, kind: "backfill", status: "queued" } })).toBe(1);
  });

  it("shows the reload waiting, then retrying with Shopify's reason, then failed for good; and a new one can be asked for", async () => {
    const reload = async () => (await client.load()).sync.backfill;
    await client.postForm({ intent: "backfill" }); // (or the one already waiting)
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
    await client.postForm({ intent: "backfill" });
    expect(await reload()).toMatchObject({ status: "queued", attempt: 0 });
  });
});
