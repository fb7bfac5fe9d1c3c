import { describe, expect, it } from "vitest";
import { parseTypedAmount } from "../../app/domain/customers/typed-amount";

// A promise's amount as merchants type it: a Brazilian writes "1.200,50", an
// English speaker "1,200.50"; both mean the same, and nothing ambiguous passes.
describe("an amount typed in a form", () => {
  it("reads the ways each language writes an amount", () => {
    const read: Record<string, string> = {
      "1250": "1250",
      "1250.5": "1250.5",
      "1250,50": "1250.50",
      "1.250,50": "1250.50",
      "1,250.50": "1250.50",
      "1.250": "1250",
      "1,250": "1250",
      "12.345.678,9": "12345678.9",
      "1 250,50": "1250.50",
      "0,5": "0.5",
      "007": "7",
    };
    for (const [typed, amount] of Object.entries(read)) expect([typed, parseTypedAmount(typed)]).toEqual([typed, amount]);
  });

  it("refuses what is not a positive amount with at most two decimals, or mixes its separators", () => {
    for (const typed of ["", "abc", "-5", "0", "0,00", "1,2345", "1.25.5", "12,34.567", "1.250.50", "1,250,50", "12.34,5", "1..5", ",50", "R$ 10"]) {
      expect([typed, parseTypedAmount(typed)]).toEqual([typed, null]);
    }
  });
});
