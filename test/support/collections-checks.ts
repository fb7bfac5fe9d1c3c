import type { HoldSpan } from "./collections-scenario";
import { plusDays, shopClock, type ShopTruth, type TrackedDebt } from "./collections-truth";
import type { ObservedLetter } from "./collections-letter-checks";

// The collection policy, written again here from the product's own words
// (../shared/design/product.md, issue #8) rather than imported from Quita, and
// every letter of the simulation judged against it: when letters may go out,
// how often, which debts each must list and at which stage, and that no debt
// is chased once paid, cancelled or authorized, or while on hold.

/** The default cadence: days from the due date; the firmer stages only for customers who were late before. */
export const POLICY_STAGES = [
  { id: "before-3", offset: -3, everyone: true },
  { id: "due", offset: 0, everyone: false },
  { id: "late-3", offset: 3, everyone: true },
  { id: "late-7", offset: 7, everyone: false },
  { id: "late-15", offset: 15, everyone: true },
  { id: "late-30", offset: 30, everyone: true },
] as const;
const offsetOf = new Map<string, number>(POLICY_STAGES.map((s) => [s.id, s.offset]));
const WEEK_MS = 7 * 86_400_000;

export type Violations = Map<string, string[]>;

/** Records one breach of `rule`. */
export const note = (violations: Violations, rule: string, detail: string) => violations.set(rule, [...(violations.get(rule) ?? []), detail]);

/** Letters only between 08:00 and 20:00, Monday to Saturday, in São Paulo. */
export function checkQuietHours(letters: ObservedLetter[], violations: Violations): void {
  for (const l of letters) {
    const t = shopClock(l.at);
    if (t.weekday === 0 || t.minutes < 8 * 60 || t.minutes >= 20 * 60)
      note(violations, "sent in quiet hours", `${l.channel} to ${l.customerId} at ${l.at.toISOString()}`);
  }
}

/** At most two letters to one customer in any seven days, and one letter per customer per pass. */
export function checkContactBounds(letters: ObservedLetter[], violations: Violations): void {
  const byCustomer = new Map<number, ObservedLetter[]>();
  for (const l of letters) byCustomer.set(l.customerId, [...(byCustomer.get(l.customerId) ?? []), l]);
  for (const [customerId, list] of byCustomer) {
    const sorted = list.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (let i = 2; i < sorted.length; i++) {
      if (sorted[i]!.at.getTime() - sorted[i - 2]!.at.getTime() < WEEK_MS) {
        note(violations, "more than 2 letters in 7 days", `customer ${customerId}: ${sorted.slice(i - 2, i + 1).map((l) => l.at.toISOString())}`);
      }
    }
    const steps = sorted.filter((l) => l.channel === "email").map((l) => l.step);
    for (const step of new Set(steps)) {
      if (steps.filter((s) => s === step).length > 1) note(violations, "two letters to one customer in one pass", `customer ${customerId}, step ${step}`);
    }
  }
}

export const heldAt = (holds: HoldSpan[], debt: TrackedDebt, at: Date) =>
  holds.some((h) => (h.customerId === debt.customer.id || h.debt === debt.name) && h.from.getTime() <= at.getTime() && at.getTime() < h.to.getTime());

/** A letter before the due date says the date is ahead, one on it says it is today: true only until then. */
const stillTrue = (stage: { offset: number }, dueDate: string, today: string) => stage.offset > 0 || (stage.offset === 0 ? today <= dueDate : today < dueDate);

/** The stages of the policy this customer is on at `at`, reached by then, still true, and later than the last one written for the debt. */
function reachable(truth: ShopTruth, debt: TrackedDebt, at: Date, lastOffset: number) {
  if (!debt.dueDate) return [];
  const firm = truth.repeatLatePayer(debt.customer.id, at);
  const today = shopClock(at).date;
  return POLICY_STAGES.filter(
    (s) => (firm || s.everyone) && plusDays(debt.dueDate!, s.offset) <= today && stillTrue(s, debt.dueDate!, today) && s.offset > lastOffset,
  );
}

/**
 * Each letter, in the order they went out: it lists exactly the customer's
 * debts that are owed, not on hold, and have reached a stage later than the
 * last one written to them, each at the latest such stage; never a debt
 * after it was paid, cancelled or authorized. Returns the last stage written for each debt.
 */
export function checkStages(
  letters: ObservedLetter[],
  truth: ShopTruth,
  holds: HoldSpan[],
  violations: Violations,
): Map<string, { offset: number; at: Date }[]> {
  const written = new Map<string, { offset: number; at: Date }[]>();
  const last = (name: string) => written.get(name)?.at(-1)?.offset ?? -Infinity;
  for (const letter of [...letters].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const where = `${letter.channel} letter to customer ${letter.customerId} at ${letter.at.toISOString()}`;
    for (const debt of truth.debtsOf(letter.customerId)) {
      const stage = letter.stages.get(debt.name);
      const open = truth.isOpen(debt, letter.at);
      const held = heldAt(holds, debt, letter.at);
      const reached = reachable(truth, debt, letter.at, last(debt.name));
      const expected = open && !held ? reached.at(-1)?.id : undefined;
      if (stage && !open) {
        const closed = truth.closedAt(debt)!;
        note(violations, `chased after ${closed.why}`, `${where}: ${debt.name}, ${closed.why} at ${closed.at.toISOString()}`);
      } else if (stage && held) note(violations, "chased while on hold", `${where}: ${debt.name}`);
      else if (stage && stage !== expected) {
        note(
          violations,
          "stage out of order, repeated or early",
          `${where}: ${debt.name} at ${stage}; the policy says ${expected ?? "nothing"} (due ${debt.dueDate})`,
        );
      } else if (!stage && expected) note(violations, "a debt due for a stage left out of the letter", `${where}: ${debt.name} at ${expected}`);
      if (stage) written.set(debt.name, [...(written.get(debt.name) ?? []), { offset: offsetOf.get(stage) ?? NaN, at: letter.at }]);
    }
    for (const name of letter.stages.keys()) {
      if (!truth.debts.get(name) || truth.debts.get(name)!.customer.id !== letter.customerId)
        note(violations, "a letter about someone else's debt", `${where}: ${name}`);
    }
  }
  return written;
}

/**
 * No debt is forgotten: on each day a debt reaches a stage everyone gets (and on the first day),
 * if it stays owed and off hold for the next seven days, a letter at that stage or a later one
 * goes out within them (a week covers a Sunday and the contact cap).
 */
export function checkNothingForgotten(
  truth: ShopTruth,
  holds: HoldSpan[],
  written: Map<string, { offset: number; at: Date }[]>,
  span: { start: Date; end: Date },
  violations: Violations,
): void {
  const startDate = shopClock(span.start).date;
  for (const debt of truth.debts.values()) {
    if (!debt.dueDate) continue;
    const days = new Set([startDate, ...POLICY_STAGES.map((s) => plusDays(debt.dueDate!, s.offset)).filter((d) => d > startDate)]);
    for (const day of days) {
      const from = new Date(`${day}T00:00:00-03:00`);
      const until = new Date(from.getTime() + WEEK_MS);
      if (until > span.end) continue;
      const hourly = Array.from({ length: 7 * 24 + 1 }, (_, h) => new Date(from.getTime() + h * 3_600_000));
      if (!hourly.every((at) => truth.isOpen(debt, at) && !heldAt(holds, debt, at))) continue;
      const due = POLICY_STAGES.filter((s) => s.everyone && plusDays(debt.dueDate!, s.offset) <= day && stillTrue(s, debt.dueDate!, day)).at(-1);
      if (!due) continue;
      const sent = (written.get(debt.name) ?? []).some((w) => w.at < until && w.offset >= due.offset);
      if (!sent)
        note(
          violations,
          "a debt left without its stage for a week",
          `${debt.name} (due ${debt.dueDate}): nothing at ${due.id} or later between ${day} and ${plusDays(day, 7)}`,
        );
    }
  }
}
