import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { installShop, settingsClient } from "../support/settings-client";
import { DEFAULT_SETTINGS, settingsFrom } from "../../app/domain/cadence/settings";
import { remindersFormOf } from "../../app/domain/cadence/settings-form";
import { incentiveLimitsFrom } from "../../app/domain/incentives/limits";
import type { PrismaClient } from "../../app/generated/prisma/client";

const SHOP = "casa-aurora.myshopify.com";

// The cadence, its bounds and the incentive limits through Settings' real
// action, as the save bar posts the whole form: what is saved is what the
// planner and the incentives read, and a refused field saves nothing at all.
describe("Settings: cadence, bounds and incentive limits", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const client = settingsClient(SHOP);
  const stored = async () => (await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).settings as Record<string, unknown>;

  // The merchant's hours (9:00 to 18:00, Monday to Friday), three letters a week at most, and Shopify's own reminders on.
  const saveMerchantHours = () =>
    client.save((draft) => {
      Object.assign(draft.reminders, {
        shopifyPaymentReminders: true,
        quietStart: "09:00",
        quietEnd: "18:00",
        days: [1, 2, 3, 4, 5],
        contacts: "3",
        contactDays: "7",
      });
    });

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    await installShop(prisma, {
      domain: SHOP,
      name: "Casa Aurora",
      legalName: "Casa Aurora Ltda",
      ianaTimezone: "America/Sao_Paulo",
      settings: { other: "kept" },
    });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("saves the merchant's hours, days, weekly cap and Shopify's own reminders, keeping the cadence and other settings", async () => {
    const stages = settingsFrom((await stored()).collection).stages;
    expect(await saveMerchantHours()).toEqual({ saved: true });
    const saved = settingsFrom((await stored()).collection);
    expect(saved).toMatchObject({
      shopifyPaymentReminders: true,
      quietHours: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] },
      contactCap: { contacts: 3, days: 7 },
    });
    expect(saved.stages).toEqual(stages);
    expect((await stored()).other).toBe("kept");
  });

  it("refuses letters at night, more than seven a week, or on no day, saying which bound beside the field, and keeps what was saved", async () => {
    await saveMerchantHours();
    const night = await client.save((draft) => Object.assign(draft.reminders, { quietEnd: "21:30" }));
    expect(night).toEqual({ saved: false, errors: { reminders: { quietHours: { code: "quietHoursAtNight" } } } });
    const early = await client.save((draft) => Object.assign(draft.reminders, { quietStart: "07:30" }));
    expect(early).toMatchObject({ errors: { reminders: { quietHours: { code: "quietHoursAtNight" } } } });
    const many = await client.save((draft) => Object.assign(draft.reminders, { contacts: "9" }));
    expect(many).toEqual({ saved: false, errors: { reminders: { contactCap: { code: "contactCapAboveWeekly", params: { max: 7 } } } } });
    // Two letters a day is fourteen a week.
    const daily = await client.save((draft) => Object.assign(draft.reminders, { contacts: "2", contactDays: "1" }));
    expect(daily).toMatchObject({ errors: { reminders: { contactCap: { code: "contactCapAboveWeekly" } } } });
    const noDays = await client.save((draft) => Object.assign(draft.reminders, { days: [] }));
    expect(noDays).toMatchObject({ errors: { reminders: { quietHours: { code: "quietHoursNoDays" } } } });
    expect(settingsFrom((await stored()).collection).quietHours).toEqual({ start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] });
  });

  it("saves a cadence with a stage added, one removed and two moved, in the order of their days", async () => {
    const result = await client.save((draft) => {
      // (the default cadence, whichever test ran before)
      draft.reminders.stages = remindersFormOf(DEFAULT_SETTINGS).stages;
      const stages = draft.reminders.stages.filter((s) => s.id !== "late-7");
      // "Move later": the courtesy letter and the due-date letter trade days and places.
      [stages[0], stages[1]] = [
        { ...stages[1], offsetDays: stages[0].offsetDays },
        { ...stages[0], offsetDays: stages[1].offsetDays },
      ];
      stages.push({ id: "late-45", offsetDays: " 45 ", kind: "final_notice", audience: "repeat_late_payers", offer: true, delivery: "letter" });
      stages[2] = { ...stages[2], delivery: "shopify_reminder" };
      draft.reminders.stages = stages;
    });
    expect(result).toEqual({ saved: true });
    const saved = settingsFrom((await stored()).collection).stages;
    expect(saved.map((s) => [s.id, s.offsetDays, s.kind])).toEqual([
      ["due", -3, "due_today"],
      ["before-3", 0, "courtesy"],
      ["late-3", 3, "first_late"],
      ["late-15", 15, "proposal"],
      ["late-30", 30, "final_notice"],
      ["late-45", 45, "final_notice"],
    ]);
    expect(saved[2].delivery).toBe("shopify_reminder");
    expect(saved[5]).toMatchObject({ audience: "repeat_late_payers", offer: true });
  });

  it("refuses a stage beyond the bounds or on another stage's day, pointing at that stage", async () => {
    const before = (await stored()).collection;
    const late = await client.save((draft) => {
      draft.reminders.stages[2].offsetDays = "200";
    });
    expect(late).toEqual({
      saved: false,
      errors: { reminders: { stages: { code: "stageOffsetOutOfBounds", params: { stage: 2, earliest: 30, latest: 180 } } } },
    });
    const same = await client.save((draft) => {
      draft.reminders.stages[3].offsetDays = draft.reminders.stages[2].offsetDays;
    });
    expect(same).toMatchObject({ errors: { reminders: { stages: { code: "stageSameDay", params: { stage: 3, other: 2 } } } } });
    const unreadable = await client.save((draft) => {
      draft.reminders.stages[0].offsetDays = "three";
    });
    expect(unreadable).toMatchObject({ errors: { reminders: { stages: { code: "stageOffsetOutOfBounds", params: { stage: 0 } } } } });
    const none = await client.save((draft) => {
      draft.reminders.stages = [];
    });
    expect(none).toMatchObject({ errors: { reminders: { stages: { code: "stagesEmpty" } } } });
    expect((await stored()).collection).toEqual(before);
  });

  it("saves the incentive limits for the offers, and refuses limits out of bounds with nothing else saved", async () => {
    expect((await client.load()).settings.incentives).toEqual({
      maxDiscountPercent: "5",
      maxFixedAmount: "0",
      minDaysOverdue: "15",
      offerExpiryDays: "7",
      maxExtensionDays: "30",
      automaticOffers: "false",
    });
    const saved = await client.save((draft) => {
      draft.incentives = {
        maxDiscountPercent: "10",
        maxFixedAmount: "250,00",
        minDaysOverdue: "20",
        offerExpiryDays: "5",
        maxExtensionDays: "45",
        automaticOffers: "true",
      };
    });
    expect(saved).toEqual({ saved: true });
    const limits = { maxDiscountPercent: 10, maxFixedAmount: "250", minDaysOverdue: 20, offerExpiryDays: 5, maxExtensionDays: 45, automaticOffers: true };
    expect((await stored()).incentives).toEqual(limits);
    expect(incentiveLimitsFrom((await stored()).incentives)).toEqual(limits);

    const refused = await client.save((draft) => {
      draft.identity.legalName = "Casa Aurora Atacado Ltda";
      draft.incentives = {
        maxDiscountPercent: "80",
        maxFixedAmount: "ten",
        minDaysOverdue: "20",
        offerExpiryDays: "60",
        maxExtensionDays: "120",
        automaticOffers: "false",
      };
    });
    expect(refused).toEqual({
      saved: false,
      errors: {
        incentives: {
          maxDiscountPercent: { code: "wholeNumberBetween", params: { least: 0, most: 50 } },
          maxFixedAmount: { code: "amountFormat" },
          offerExpiryDays: { code: "wholeNumberBetween", params: { least: 1, most: 30 } },
          maxExtensionDays: { code: "wholeNumberBetween", params: { least: 1, most: 90 } },
        },
      },
    });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    expect(shop.legalName).toBe("Casa Aurora Ltda");
    expect((shop.settings as { incentives: unknown }).incentives).toEqual(limits);
  });
});
