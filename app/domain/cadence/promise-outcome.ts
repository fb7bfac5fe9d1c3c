// Whether a customer kept a promise to pay, decided from the debts it covered: what each owed
// when the promise was made and what it owes now. Pure: the collections pass asks it about every
// running promise (app/.server/reminders/promise-outcomes.server.ts).
//
// - Kept: every debt it covered is settled (paid, or no longer owed: cancelled, deleted), or the
//   customer paid at least the amount promised, in its currency, since the promise.
// - Broken: its date came (the day after the promised date, in the shop's time zone) and neither
//   is true. The cadence then resumes by itself (the hold is over); the merchant's workflows hear
//   of it through the "promise-broken" Flow trigger.
// - Running: neither yet.
import { fromUnits, toUnits } from "../ledger/money";

export interface PromisedDebt {
  /** What the debt owed when the promise was made, in the currency billed. */
  owedThen: string;
  /** What it owes now; "0" once settled. */
  owedNow: string;
  currency: string;
  /** Still an open debt (not paid, cancelled or deleted). */
  open: boolean;
}

export interface PromiseToPay {
  /** The amount promised, in `currency`; null: what the debts owe. */
  amount: string | null;
  currency: string | null;
  /** The instant the promise runs to (the start of the day after the promised date). */
  until: Date;
  debts: PromisedDebt[];
}

export type PromiseOutcome = { outcome: "running" } | { outcome: "kept"; paid: string } | { outcome: "broken"; paid: string };

/** What the covered debts in the promise's currency came down by since it was made (never below zero). */
function paidSince(promise: PromiseToPay): bigint {
  const currency = promise.currency ?? promise.debts[0]?.currency;
  let paid = 0n;
  for (const debt of promise.debts) {
    if (debt.currency !== currency) continue;
    const drop = toUnits(debt.owedThen) - toUnits(debt.owedNow);
    if (drop > 0n) paid += drop;
  }
  return paid;
}

export function promiseOutcome(promise: PromiseToPay, now: Date): PromiseOutcome {
  const paid = paidSince(promise);
  const settled = promise.debts.every((d) => !d.open);
  const enough = promise.amount !== null && paid >= toUnits(promise.amount);
  if (settled || enough) return { outcome: "kept", paid: fromUnits(paid) };
  if (now.getTime() < promise.until.getTime()) return { outcome: "running" };
  return { outcome: "broken", paid: fromUnits(paid) };
}
