import { localDate } from "../ledger/aging";
import { addDays, nextAllowed, withinQuietHours } from "./local-time";
import { stageKey, type PlanInput, type PlannedLetter, type PlannedSkip } from "./plan";
import type { Stage } from "./settings";

// The merchant asks for a customer's next letter now rather than on its date.
// Each open debt moves to its next stage: the latest one it has reached and
// that is still not settled, else the first one ahead of it. The letter says
// what the most advanced of those says. Everything else the cadence holds to
// still holds: a pause or a promise, the contact cap, the shop's hours (the
// letter waits for the morning), Shopify's own payment reminders. Pure: the
// caller reads the ledger and records what this returns, as for a planned pass.

export type SendNowRefusal = "nothing_owed" | "on_hold" | "contact_cap" | "no_stage_left";

export type SendNowDecision =
  | {
      kind: "letters";
      letters: PlannedLetter[];
      /** Stages passed without a letter (stale): settled as superseded, as a pass would. */
      skips: PlannedSkip[];
      /** Null: it goes now; otherwise the shop's hours make it wait until then. */
      waitsUntil: Date | null;
    }
  | { kind: "refused"; reason: SendNowRefusal; until: Date | null };

/** The stage a debt goes to when asked now, and the reached ones it passes over. */
function nextStageOf(input: PlanInput, stages: Stage[], receivableId: string, dueDate: string, today: string, kind: "order" | "draft_order") {
  const { settings } = input;
  const settledUpTo = settings.stages.findLast((s) => input.settledStages.has(stageKey(receivableId, s.id)))?.offsetDays ?? -Infinity;
  // Shopify already emails "payment is due" for orders: never two emails for one event.
  const leftToShopify = (s: Stage) => s.offsetDays === 0 && settings.shopifyPaymentReminders && kind === "order";
  const ahead = stages.filter((s) => s.offsetDays > settledUpTo && !leftToShopify(s));
  const reached = ahead.filter((s) => addDays(dueDate, s.offsetDays) <= today);
  const latest = reached.at(-1);
  // A letter about a date ahead, or about today, once that day is gone, is never sent late.
  const stale = latest && (latest.offsetDays < 0 ? today >= dueDate : latest.offsetDays === 0 && today > dueDate);
  if (latest && !stale) return { stage: latest, passed: reached.slice(0, -1) };
  const next = ahead.find((s) => addDays(dueDate, s.offsetDays) > today);
  return next ? { stage: next, passed: reached } : null;
}

export function decideSendNow(input: PlanInput, customerKey: string): SendNowDecision {
  const { settings, now, timeZone } = input;
  const refused = (reason: SendNowRefusal, until: Date | null = null): SendNowDecision => ({ kind: "refused", reason, until });
  const debts = input.debts.filter((d) => d.customerKey === customerKey);
  if (debts.length === 0) return refused("nothing_owed");
  const customer = input.customers.get(customerKey);
  const held = (until: Date | null | undefined): until is Date => Boolean(until && until.getTime() > now.getTime());
  if (held(customer?.onHoldUntil)) return refused("on_hold", customer.onHoldUntil);
  const free = debts.filter((d) => !held(d.onHoldUntil));
  if (free.length === 0) return refused("on_hold", new Date(Math.min(...debts.map((d) => d.onHoldUntil!.getTime()))));

  const today = localDate(now, timeZone);
  const stages = customer?.repeatLatePayer ? settings.stages : settings.stages.filter((s) => s.audience === "everyone");
  const moves = free.flatMap((debt) => {
    if (!debt.dueAt) return [];
    const next = nextStageOf(input, stages, debt.receivableId, localDate(debt.dueAt, timeZone), today, debt.kind);
    return next ? [{ debt, ...next }] : [];
  });
  if (moves.length === 0) return refused("no_stage_left");

  const windowMs = settings.contactCap.days * 86_400_000;
  const recent = (customer?.recentContacts ?? []).filter((at) => now.getTime() - at.getTime() < windowMs).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length >= settings.contactCap.contacts) {
    const freed = new Date(recent[recent.length - settings.contactCap.contacts]!.getTime() + windowMs);
    return refused("contact_cap", nextAllowed(freed, timeZone, settings.quietHours));
  }

  const noEmail = customer?.hasEmail === false;
  // As a pass does: orders at a stage left to Shopify's own reminder each get one, the rest share a letter.
  const byShopify = noEmail ? [] : moves.filter((m) => m.stage.delivery === "shopify_reminder" && m.debt.kind === "order");
  const inLetter = moves.filter((m) => !byShopify.includes(m));
  const letters: PlannedLetter[] = [];
  if (inLetter.length) {
    const stage = inLetter.reduce((most, m) => (m.stage.offsetDays > most.offsetDays ? m.stage : most), inLetter[0]!.stage);
    letters.push({
      customerKey,
      stage,
      items: inLetter.map((m) => ({ receivableId: m.debt.receivableId, stageId: m.stage.id })),
      channel: noEmail ? "flow" : "email",
    });
  }
  const room = settings.contactCap.contacts - recent.length - letters.length;
  for (const m of byShopify.slice(0, Math.max(room, 0)))
    letters.push({ customerKey, stage: m.stage, items: [{ receivableId: m.debt.receivableId, stageId: m.stage.id }], channel: "shopify_reminder" });
  if (letters.length === 0) return refused("contact_cap", nextAllowed(new Date(now.getTime() + windowMs), timeZone, settings.quietHours));

  const sent = new Set(letters.flatMap((l) => l.items.map((i) => i.receivableId)));
  const skips = moves
    .filter((m) => sent.has(m.debt.receivableId))
    .flatMap((m) => m.passed.map((s) => ({ receivableId: m.debt.receivableId, stageId: s.id, reason: "superseded" as const })));
  const waitsUntil = withinQuietHours(now, timeZone, settings.quietHours) ? null : nextAllowed(now, timeZone, settings.quietHours);
  return { kind: "letters", letters, skips, waitsUntil };
}
