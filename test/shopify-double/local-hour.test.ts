import { afterEach, describe, expect, it } from "vitest";
import { nextWorkingHour } from "./local-hour";
import { startTestDouble } from "./test-helpers";
import type { ShopifyDouble } from "./index";

// advance-clock --to-local-hour: time passes, then on to the next such hour in the shop's time
// zone on a Monday to Friday, so letters may go out whatever the hour the demo or test began.

const SAO_PAULO = "America/Sao_Paulo"; // UTC−3 all year since 2019

describe("the next working hour in a time zone", () => {
  it("GIVEN Friday 21:00 in São Paulo THEN Monday 10:00", () => {
    expect(nextWorkingHour(new Date("2026-11-28T00:00:00Z"), SAO_PAULO, 10).toISOString()).toBe("2026-11-30T13:00:00.000Z");
  });
  it("GIVEN Wednesday 09:10 THEN the same day's 10:00; GIVEN 10:00 sharp THEN that very instant", () => {
    expect(nextWorkingHour(new Date("2026-11-25T12:10:00Z"), SAO_PAULO, 10).toISOString()).toBe("2026-11-25T13:00:00.000Z");
    expect(nextWorkingHour(new Date("2026-11-25T13:00:00Z"), SAO_PAULO, 10).toISOString()).toBe("2026-11-25T13:00:00.000Z");
  });
  it("GIVEN a zone a quarter hour off the hour (Kathmandu, UTC+5:45) THEN its own 10:00", () => {
    expect(nextWorkingHour(new Date("2026-11-25T00:00:00Z"), "Asia/Kathmandu", 10).toISOString()).toBe("2026-11-25T04:15:00.000Z");
  });
});

describe("advance-clock --to-local-hour", () => {
  let double: ShopifyDouble;
  afterEach(() => double?.close());

  it("GIVEN Saturday night in the shop WHEN 7 days pass, on to 10:00 THEN the clock reads 10:00 on the Monday after, and schedules fall due", async () => {
    double = await startTestDouble({ seed: "wholesale", now: new Date("2026-11-29T00:30:00Z") }); // Saturday 21:30 in São Paulo
    const res = await fetch(`${double.url}/_double/advance-clock`, { method: "POST", body: JSON.stringify({ days: 7, toLocalHour: 10 }) });
    const { result } = (await res.json()) as { result: { now: string; schedulesDue: number } };
    expect(result.now.slice(0, 16)).toBe("2026-12-07T13:00"); // Monday 10:00 in São Paulo
    expect(result.schedulesDue).toBeGreaterThan(0);
  });

  it("GIVEN an hour that is not one THEN the control refuses it and the clock stays", async () => {
    double = await startTestDouble({ seed: "empty" });
    const before = double.clock.now().getTime();
    const res = await fetch(`${double.url}/_double/advance-clock`, { method: "POST", body: JSON.stringify({ days: 1, toLocalHour: 24 }) });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ ok: false, error: "toLocalHour must be a whole hour from 0 to 23: 24" });
    expect(double.clock.now().getTime() - before).toBeLessThan(1_000);
  });
});
