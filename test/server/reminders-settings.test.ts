import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { mintSessionToken } from "../shopify-double/index";
import { settingsFrom } from "../../app/domain/cadence/settings";
import type { PrismaClient } from "../../app/generated/prisma/client";

const SHOP = "casa-aurora.myshopify.com";

// The reminders card of Settings through its real action: when letters may go
// out, how many a week, and whether Shopify's own reminders already go out.
describe("Settings: reminders", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  const post = async (fields: [string, string][]) => {
    const route = await import("../../app/routes/app.settings.reminders");
    return route.action({
      request: new Request(`${TEST_APP.appUrl}/app/settings/reminders?shop=${SHOP}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${mintSessionToken({ shop: SHOP, apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret })}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields),
      }),
      params: {},
      context: {},
    });
  };
  // The merchant's hours (9:00 to 18:00, Monday to Friday), three letters a week at most, and Shopify's own reminders on.
  const saveMerchantHours = () => {
    const days = ["1", "2", "3", "4", "5"].map((d): [string, string] => ["days", d]);
    return post([["shopifyPaymentReminders", "on"], ["quietStart", "09:00"], ["quietEnd", "18:00"], ...days, ["contactsPerWeek", "3"]]);
  };
  const stored = async () => settingsFrom(((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).settings as { collection?: unknown }).collection);

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, name: "Casa Aurora", ianaTimezone: "America/Sao_Paulo", settings: { other: "kept" } } });
    const { PrismaSessionStorage } = await import("../../app/.server/session-storage.server");
    await new PrismaSessionStorage(prisma).storeSession(
      new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, scope: TEST_APP.scopes, accessToken: "shpat_test" }),
    );
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("saves the merchant's hours, days, weekly cap and Shopify's own reminders, keeping the cadence and other settings", async () => {
    expect(await saveMerchantHours()).toEqual({ saved: true, errors: {} });
    const saved = await stored();
    expect(saved).toMatchObject({
      shopifyPaymentReminders: true,
      quietHours: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] },
      contactCap: { contacts: 3, days: 7 },
    });
    expect(saved.stages.map((s) => s.id)).toEqual(["before-3", "due", "late-3", "late-7", "late-15", "late-30"]);
    expect(((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).settings as { other: string }).other).toBe("kept");
  });

  it("refuses letters at night or more than seven a week, saying why beside the field, and keeps what was saved", async () => {
    await saveMerchantHours();
    const night = await post([
      ["quietStart", "09:00"],
      ["quietEnd", "21:30"],
      ["days", "1"],
      ["contactsPerWeek", "2"],
    ]);
    expect(night).toMatchObject({ saved: false, errors: { quietHours: expect.stringContaining("never at night") } });
    const many = await post([
      ["quietStart", "09:00"],
      ["quietEnd", "18:00"],
      ["days", "1"],
      ["contactsPerWeek", "9"],
    ]);
    expect(many).toMatchObject({ saved: false, errors: { contactCap: expect.stringContaining("7") } });
    const noDays = await post([
      ["quietStart", "09:00"],
      ["quietEnd", "18:00"],
      ["contactsPerWeek", "2"],
    ]);
    expect(noDays).toMatchObject({ saved: false, errors: { quietHours: expect.any(String) } });
    expect((await stored()).quietHours).toEqual({ start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] });
  });
});
