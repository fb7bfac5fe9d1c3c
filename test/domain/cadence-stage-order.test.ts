import { describe, expect, it } from "vitest";
import { planReminders, stageKey, type CustomerState, type OpenDebt, type PlanInput } from "../../app/domain/cadence/plan";
import { DEFAULT_SETTINGS } from "../../app/domain/cadence/settings";

// Found by the 120-day collections simulation (test/e2e/collections-simulation.test.ts):
// a stage never comes after a later one, and a letter about a date (due soon, due today)
// never goes out once that date has passed.

const TZ = "America/Sao_Paulo";
const DAY = 86_400_000;
// Tuesday 10 March 2026, 10:00 in São Paulo.
const NOW = new Date("2026-03-10T13:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

function plan(input: { dueAt: Date; settled: string[]; repeatLatePayer: boolean }) {
  const debt: OpenDebt = { receivableId: "r1", customerKey: "c1", kind: "order", dueAt: input.dueAt, onHoldUntil: null };
  const customer: CustomerState = {
    customerKey: "c1",
    hasEmail: true,
    repeatLatePayer: input.repeatLatePayer,
    onHoldUntil: null,
    recentContacts: [],
    letterInFlight: false,
  };
  const planInput: PlanInput = {
    settings: DEFAULT_SETTINGS,
    debts: [debt],
    customers: new Map([["c1", customer]]),
    settledStages: new Set(input.settled.map((s) => stageKey("r1", s))),
    now: NOW,
    timeZone: TZ,
  };
  return planReminders(planInput);
}

describe("the cadence keeps its stages in order and its letters true", () => {
  it("never writes the firmer early stages after a later letter, when a customer turns repeat late payer mid-cadence", () => {
    // GIVEN a debt 20 days late whose +15 proposal went out while the customer was on the light cadence
    const settled = ["before-3", "late-3", "late-15"];
    // WHEN the customer is now a repeat late payer (a second debt went overdue)
    const now = plan({ dueAt: daysAgo(20), settled, repeatLatePayer: true });
    // THEN the due-date and +7 letters, which it passed on the light cadence, are not sent after the proposal
    expect(now).toEqual({ letters: [], skips: [], deferred: [] });
    // …and at +30 the final notice goes out as usual
    expect(plan({ dueAt: daysAgo(31), settled, repeatLatePayer: true }).letters.map((l) => l.stage.id)).toEqual(["late-30"]);
  });

  it("sends no 'due soon' letter to a debt already due, and no 'due today' letter the day after", () => {
    // GIVEN a debt that fell due two days ago and got no letter yet (Quita installed since, or the cap held it)
    const courtesy = plan({ dueAt: daysAgo(2), settled: [], repeatLatePayer: false });
    // THEN the courtesy stage has passed without a letter
    expect(courtesy.letters).toEqual([]);
    expect(courtesy.skips).toEqual([{ receivableId: "r1", stageId: "before-3", reason: "superseded" }]);
    // GIVEN a repeat late payer's debt due yesterday, its courtesy letter sent
    const dueLetter = plan({ dueAt: daysAgo(1), settled: ["before-3"], repeatLatePayer: true });
    expect(dueLetter.letters).toEqual([]);
    expect(dueLetter.skips).toEqual([{ receivableId: "r1", stageId: "due", reason: "superseded" }]);
    // …while on the day itself, and before it, those letters go out
    expect(plan({ dueAt: NOW, settled: ["before-3"], repeatLatePayer: true }).letters.map((l) => l.stage.id)).toEqual(["due"]);
    expect(plan({ dueAt: daysAgo(-2), settled: [], repeatLatePayer: false }).letters.map((l) => l.stage.id)).toEqual(["before-3"]);
    // …and three days late, the first late letter does, the courtesy one passed
    expect(plan({ dueAt: daysAgo(3), settled: [], repeatLatePayer: false })).toMatchObject({
      letters: [{ stage: { id: "late-3" } }],
      skips: [{ stageId: "before-3", reason: "superseded" }],
    });
  });
});
