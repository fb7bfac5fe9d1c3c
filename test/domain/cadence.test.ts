import { describe, expect, it } from "vitest";
import { planReminders, stageKey, type CustomerState, type OpenDebt, type PlanInput } from "../../app/domain/cadence/plan";
import { DEFAULT_SETTINGS, settingsFrom, validateSettings, type CollectionSettings } from "../../app/domain/cadence/settings";
import { instantAt, localTime, nextAllowed } from "../../app/domain/cadence/local-time";

const TZ = "America/Sao_Paulo"; // UTC−3 all year
const DAY = 86_400_000;
// Tuesday 10 March 2026, 10:00 in São Paulo.
const NOW = new Date("2026-03-10T13:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

const debt = (over: Partial<OpenDebt> = {}): OpenDebt => ({
  receivableId: "r1",
  customerKey: "c1",
  kind: "order",
  dueAt: daysAgo(3),
  onHoldUntil: null,
  ...over,
});
const customer = (over: Partial<CustomerState> = {}): CustomerState => ({
  customerKey: "c1",
  hasEmail: true,
  repeatLatePayer: false,
  onHoldUntil: null,
  recentContacts: [],
  letterInFlight: false,
  ...over,
});

function plan(over: Partial<PlanInput> & { customer?: Partial<CustomerState> } = {}) {
  const customers = new Map([["c1", customer(over.customer)]]);
  return planReminders({ settings: DEFAULT_SETTINGS, debts: [debt()], customers, settledStages: new Set(), now: NOW, timeZone: TZ, ...over });
}

describe("the cadence: which letter goes out when", () => {
  it("writes the first friendly letter three days after the due date", () => {
    const { letters, skips } = plan({ settledStages: new Set([stageKey("r1", "before-3")]) });
    expect(letters).toEqual([
      {
        customerKey: "c1",
        stage: expect.objectContaining({ id: "late-3", kind: "first_late" }),
        items: [{ receivableId: "r1", stageId: "late-3" }],
        channel: "email",
      },
    ]);
    expect(skips).toEqual([]);
  });

  it("gives a customer never late before the light cadence, and a repeat late payer the firmer one", () => {
    const dueToday = { debts: [debt({ dueAt: NOW })], settledStages: new Set([stageKey("r1", "before-3")]) };
    expect(plan(dueToday).letters).toEqual([]);
    expect(plan({ ...dueToday, customer: { repeatLatePayer: true } }).letters[0]!.stage.id).toBe("due");
    const sevenLate = { debts: [debt({ dueAt: daysAgo(7) })], settledStages: new Set(["before-3", "due", "late-3"].map((s) => stageKey("r1", s))) };
    expect(plan(sevenLate).letters).toEqual([]);
    expect(plan({ ...sevenLate, customer: { repeatLatePayer: true } }).letters[0]!.stage.id).toBe("late-7");
  });

  it("sends only the stage a debt has reached, never the ones it passed unsent", () => {
    const { letters, skips } = plan({ debts: [debt({ dueAt: daysAgo(20) })] });
    expect(letters.map((l) => l.stage.id)).toEqual(["late-15"]);
    expect(skips).toEqual([
      { receivableId: "r1", stageId: "before-3", reason: "superseded" },
      { receivableId: "r1", stageId: "late-3", reason: "superseded" },
    ]);
  });

  it("lists several debts of one customer in one letter, at the most advanced stage", () => {
    const debts = [
      debt({ receivableId: "a", dueAt: daysAgo(3) }),
      debt({ receivableId: "b", dueAt: daysAgo(16) }),
      debt({ receivableId: "c", dueAt: daysAgo(-10) }),
    ];
    const settled = new Set([stageKey("a", "before-3"), stageKey("b", "before-3"), stageKey("b", "late-3")]);
    const { letters } = plan({ debts, settledStages: settled });
    expect(letters).toHaveLength(1);
    expect(letters[0]!.stage.id).toBe("late-15");
    expect(letters[0]!.items).toEqual([
      { receivableId: "a", stageId: "late-3" },
      { receivableId: "b", stageId: "late-15" },
    ]);
  });

  it("never repeats a stage already settled, and has nothing to say about a debt with no due date yet", () => {
    const settled = new Set(["before-3", "late-3"].map((s) => stageKey("r1", s)));
    expect(plan({ settledStages: settled }).letters).toEqual([]);
    expect(plan({ debts: [debt({ dueAt: null })] })).toEqual({ letters: [], skips: [], deferred: [] });
  });

  it("waits for the shop's daytime on its working days", () => {
    const night = new Date("2026-03-10T00:30:00Z"); // 21:30 on Monday the 9th, three days after this debt's due date
    const debts = [debt({ dueAt: daysAgo(4) })];
    expect(plan({ now: night, debts }).deferred).toEqual([{ customerKey: "c1", reason: "quiet_hours", until: new Date("2026-03-10T11:00:00Z") }]);
    const sunday = new Date("2026-03-15T15:00:00Z"); // 12:00 on Sunday
    expect(plan({ now: sunday }).deferred[0]).toMatchObject({ reason: "quiet_hours", until: new Date("2026-03-16T11:00:00Z") });
    expect(plan({ now: night, debts }).letters).toEqual([]);
  });

  it("writes to one customer at most twice in seven days, all their debts together", () => {
    const recentContacts = [daysAgo(6), daysAgo(1)];
    expect(plan({ customer: { recentContacts } }).deferred).toEqual([{ customerKey: "c1", reason: "contact_cap", until: new Date("2026-03-11T13:00:00Z") }]);
    expect(plan({ customer: { recentContacts: [daysAgo(8), daysAgo(1)] } }).letters).toHaveLength(1);
  });

  it("writes no second letter to a customer while one to them has not gone yet (planned, held by the night, or being sent)", () => {
    const waiting = plan({ customer: { letterInFlight: true } });
    expect(waiting.letters).toEqual([]);
    expect(waiting.deferred).toEqual([{ customerKey: "c1", reason: "in_flight", until: NOW }]);
    expect(plan({ customer: { letterInFlight: false } }).letters).toHaveLength(1);
  });

  it("pauses for a promise to pay or a pause, for the customer or for one debt, until its date", () => {
    expect(plan({ customer: { onHoldUntil: daysAgo(-5) } }).deferred).toEqual([{ customerKey: "c1", reason: "on_hold", until: daysAgo(-5) }]);
    expect(plan({ customer: { onHoldUntil: daysAgo(1) } }).letters).toHaveLength(1); // the promise's date passed: the cadence resumes
    const debts = [debt({ receivableId: "a", onHoldUntil: daysAgo(-5) }), debt({ receivableId: "b" })];
    expect(plan({ debts }).letters[0]!.items.map((i) => i.receivableId)).toEqual(["b"]);
  });

  it("leaves the due-date letter to Shopify when the shop sends Shopify's own payment reminders", () => {
    const settings: CollectionSettings = { ...DEFAULT_SETTINGS, shopifyPaymentReminders: true };
    const dueToday = { settings, debts: [debt({ dueAt: NOW })], settledStages: new Set([stageKey("r1", "before-3")]), customer: { repeatLatePayer: true } };
    expect(plan(dueToday)).toMatchObject({ letters: [], skips: [{ receivableId: "r1", stageId: "due", reason: "shopify_sends_its_own" }] });
    // An invoiced draft has no Shopify payment reminder: Quita writes.
    expect(plan({ ...dueToday, debts: [debt({ kind: "draft_order", dueAt: NOW })] }).letters[0]!.stage.id).toBe("due");
  });

  it("leaves a stage to Shopify's own payment reminder for orders, one each, and still writes to drafts", () => {
    const stages = DEFAULT_SETTINGS.stages.map((s) => (s.id === "late-3" ? { ...s, delivery: "shopify_reminder" as const } : s));
    const settings: CollectionSettings = { ...DEFAULT_SETTINGS, stages };
    const debts = [debt({ receivableId: "a" }), debt({ receivableId: "b" }), debt({ receivableId: "d", kind: "draft_order" })];
    const settled = new Set(["a", "b", "d"].map((id) => stageKey(id, "before-3")));
    const { letters } = plan({ settings, debts, settledStages: settled, customer: { recentContacts: [] } });
    expect(letters.map((l) => [l.channel, l.items.map((i) => i.receivableId)])).toEqual([
      ["email", ["d"]],
      ["shopify_reminder", ["a"]],
    ]);
    // The cap of two letters a week holds across both kinds: "b" waits.
    expect(plan({ settings, debts, settledStages: settled }).deferred).toEqual([expect.objectContaining({ customerKey: "c1", reason: "contact_cap" })]);
  });

  it("hands a customer without a usable email to Flow instead", () => {
    expect(plan({ customer: { hasEmail: false } }).letters[0]!.channel).toBe("flow");
  });
});

describe("the shop's policy", () => {
  it("refuses contact at night, more than seven letters a week, and muddled stages", () => {
    const at = (over: Partial<CollectionSettings>) => validateSettings({ ...DEFAULT_SETTINGS, ...over });
    expect(at({ quietHours: { start: "07:00", end: "20:00", days: [1] } })).toMatchObject({
      ok: false,
      errors: { quietHours: { code: "quietHoursAtNight" } },
    });
    expect(at({ quietHours: { start: "09:00", end: "21:30", days: [1] } })).toMatchObject({ ok: false });
    expect(at({ contactCap: { contacts: 8, days: 7 } })).toMatchObject({
      ok: false,
      errors: { contactCap: { code: "contactCapAboveWeekly", params: { max: 7 } } },
    });
    expect(at({ contactCap: { contacts: 2, days: 1 } })).toMatchObject({ ok: false }); // 14 a week
    expect(at({ stages: [...DEFAULT_SETTINGS.stages, { ...DEFAULT_SETTINGS.stages[2]!, id: "again" }] })).toMatchObject({
      ok: false,
      errors: { stages: { code: "stageSameDay", params: { stage: 6, other: 2 } } },
    });
    expect(at({ stages: [] })).toMatchObject({ ok: false, errors: { stages: { code: "stagesEmpty" } } });
    const moved = at({
      stages: [
        { id: "x", offsetDays: 10, kind: "follow_up", audience: "everyone", offer: false },
        { id: "y", offsetDays: -1, kind: "courtesy", audience: "everyone", offer: false },
      ],
    });
    expect(moved).toMatchObject({ ok: true, value: { stages: [{ id: "y" }, { id: "x" }] } });
  });

  it("reads a stored policy over the defaults, and never something looser than the bounds", () => {
    expect(settingsFrom({ contactCap: { contacts: 3 } }).contactCap).toEqual({ contacts: 3, days: 7 });
    expect(settingsFrom({ quietHours: { start: "06:00" } })).toEqual(DEFAULT_SETTINGS);
    expect(settingsFrom(null)).toEqual(DEFAULT_SETTINGS);
  });
});

describe("time where the shop is", () => {
  it("finds the instant of a local time across a daylight-saving change", () => {
    // New York springs forward on 8 March 2026: 08:00 that day is 12:00 UTC, the day before 13:00 UTC.
    expect(instantAt("2026-03-08", 8 * 60, "America/New_York")).toEqual(new Date("2026-03-08T12:00:00Z"));
    expect(instantAt("2026-03-07", 8 * 60, "America/New_York")).toEqual(new Date("2026-03-07T13:00:00Z"));
    expect(localTime(new Date("2026-03-08T12:00:00Z"), "America/New_York")).toEqual({ date: "2026-03-08", weekday: 0, minutes: 480 });
  });

  it("moves a send to the next window, never into the night", () => {
    const quiet = DEFAULT_SETTINGS.quietHours;
    expect(nextAllowed(new Date("2026-03-14T23:30:00Z"), TZ, quiet)).toEqual(new Date("2026-03-16T11:00:00Z")); // Saturday 20:30 → Monday 08:00
    expect(nextAllowed(new Date("2026-03-10T13:00:00Z"), TZ, quiet)).toEqual(new Date("2026-03-10T13:00:00Z"));
  });
});
