import { describe, expect, it } from "vitest";
import { DEFAULT_INCENTIVE_LIMITS, incentiveLimitsFrom, incentiveLimitsInputOf, validateIncentiveLimits } from "../../app/domain/incentives/limits";

const typed = (over: Partial<Record<keyof typeof DEFAULT_INCENTIVE_LIMITS, string>>) => ({ ...incentiveLimitsInputOf(DEFAULT_INCENTIVE_LIMITS), ...over });

describe("incentive limits", () => {
  it("reads what the merchant typed into exact limits, amounts without a float", () => {
    expect(
      validateIncentiveLimits({
        maxDiscountPercent: " 10 ",
        maxFixedAmount: "0150,50",
        minDaysOverdue: "30",
        offerExpiryDays: "5",
        maxExtensionDays: "60",
        automaticOffers: "true",
      }),
    ).toEqual({
      ok: true,
      value: { maxDiscountPercent: 10, maxFixedAmount: "150.5", minDaysOverdue: 30, offerExpiryDays: 5, maxExtensionDays: 60, automaticOffers: true },
    });
    expect(validateIncentiveLimits(typed({ automaticOffers: "false" }))).toMatchObject({ ok: true, value: { automaticOffers: false } });
    expect(validateIncentiveLimits(typed({ maxFixedAmount: "99999999999.99" }))).toMatchObject({ ok: true, value: { maxFixedAmount: "99999999999.99" } });
    expect(validateIncentiveLimits(typed({ maxFixedAmount: "0.00" }))).toMatchObject({ ok: true, value: { maxFixedAmount: "0" } });
  });

  it("refuses a discount above half the debt, offers before the due date or open for more than a month, and amounts that are not money", () => {
    const result = validateIncentiveLimits({
      maxDiscountPercent: "60",
      maxFixedAmount: "12.345",
      minDaysOverdue: "-1",
      offerExpiryDays: "0",
      maxExtensionDays: "91",
      automaticOffers: "false",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        maxDiscountPercent: { code: "wholeNumberBetween", params: { least: 0, most: 50 } },
        maxFixedAmount: { code: "amountFormat" },
        minDaysOverdue: { code: "wholeNumberBetween", params: { least: 0, most: 180 } },
        offerExpiryDays: { code: "wholeNumberBetween", params: { least: 1, most: 30 } },
        maxExtensionDays: { code: "wholeNumberBetween", params: { least: 1, most: 90 } },
      },
    });
    expect(validateIncentiveLimits(typed({ maxDiscountPercent: "7.5" }))).toMatchObject({
      ok: false,
      errors: { maxDiscountPercent: { code: "wholeNumberBetween" } },
    });
    expect(validateIncentiveLimits(typed({ offerExpiryDays: "31" }))).toMatchObject({ ok: false });
    expect(validateIncentiveLimits(typed({ maxFixedAmount: "-5" }))).toMatchObject({ ok: false });
    expect(validateIncentiveLimits(typed({ maxFixedAmount: "1e3" }))).toMatchObject({ ok: false });
  });

  it("reads the stored limits over the defaults, never something outside the bounds", () => {
    expect(incentiveLimitsFrom(null)).toEqual(DEFAULT_INCENTIVE_LIMITS);
    expect(incentiveLimitsFrom({ offerExpiryDays: 3 })).toEqual({ ...DEFAULT_INCENTIVE_LIMITS, offerExpiryDays: 3 });
    expect(incentiveLimitsFrom({ maxDiscountPercent: 90 })).toEqual(DEFAULT_INCENTIVE_LIMITS);
    // Limits saved before new payment terms existed get the default extension.
    expect(incentiveLimitsFrom({ maxDiscountPercent: 10, maxFixedAmount: "0", minDaysOverdue: 15, offerExpiryDays: 7 }).maxExtensionDays).toBe(30);
  });
});
