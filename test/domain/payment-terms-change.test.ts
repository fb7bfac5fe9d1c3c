import { describe, expect, it } from "vitest";
import { DEFAULT_INCENTIVE_LIMITS } from "../../app/domain/incentives/limits";
import { checkTermsChange } from "../../app/domain/incentives/payment-terms-change";

// New payment terms within the shop's limit (30 more days by default), in the shop's calendar.

const limits = { ...DEFAULT_INCENTIVE_LIMITS, maxExtensionDays: 30 };
const late = { today: "2026-11-26", currentDueDate: "2026-11-01" };
const notYetDue = { today: "2026-11-26", currentDueDate: "2026-12-10" };

describe("new payment terms within the shop's limit", () => {
  it("counts the extension from today for a late debt, from the due date for one not yet due", () => {
    expect(checkTermsChange(limits, late, { kind: "date", date: "2026-12-26" })).toEqual({ ok: true, dueDate: "2026-12-26" });
    expect(checkTermsChange(limits, late, { kind: "days", days: "10" })).toEqual({ ok: true, dueDate: "2026-12-06" });
    expect(checkTermsChange(limits, notYetDue, { kind: "days", days: "30" })).toEqual({ ok: true, dueDate: "2027-01-09" });
    expect(checkTermsChange(limits, { today: "2026-11-26", currentDueDate: null }, { kind: "date", date: "2026-11-27" })).toEqual({
      ok: true,
      dueDate: "2026-11-27",
    });
  });

  it("refuses a day gone or today, an earlier due date, a date past the limit and days out of range, naming the field", () => {
    expect(checkTermsChange(limits, late, { kind: "date", date: "2026-11-26" })).toEqual({
      ok: false,
      field: "date",
      problem: { code: "dueDateNotAfterToday", params: { today: "2026-11-26" } },
    });
    expect(checkTermsChange(limits, notYetDue, { kind: "date", date: "2026-12-05" })).toEqual({
      ok: false,
      field: "date",
      problem: { code: "dueDateNotLater", params: { current: "2026-12-10" } },
    });
    expect(checkTermsChange(limits, late, { kind: "date", date: "2026-12-27" })).toEqual({
      ok: false,
      field: "date",
      problem: { code: "dueDateTooFar", params: { days: 30, latest: "2026-12-26" } },
    });
    expect(checkTermsChange(limits, late, { kind: "date", date: "2026-02-30" })).toMatchObject({ ok: false, problem: { code: "dateInvalid" } });
    expect(checkTermsChange(limits, late, { kind: "days", days: "31" })).toEqual({
      ok: false,
      field: "days",
      problem: { code: "wholeNumberBetween", params: { least: 1, most: 30 } },
    });
    expect(checkTermsChange(limits, late, { kind: "days", days: "2.5" })).toMatchObject({ ok: false, field: "days" });
  });
});
