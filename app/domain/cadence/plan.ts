import { localDate } from "../ledger/aging";
import { addDays, nextAllowed, withinQuietHours } from "./local-time";
import type { CollectionSettings, Stage } from "./settings";

// Which friendly letters to write now. Given the shop's policy, what is owed
// and by whom, what was already done for each debt's stages and the time, it
// decides, per customer, at most one letter listing every debt that reached a
// stage, or why nothing goes out yet. Pure: the caller reads the ledger and the
// outbox, and records what this returns.

export interface OpenDebt {
  receivableId: string;
  customerKey: string;
  kind: "order" | "draft_order";
  /** Null: no due date yet (due on fulfillment…), so no stage has come. */
  dueAt: Date | null;
  /** A pause or promise on this debt alone, until then. */
  onHoldUntil: Date | null;
}

export interface CustomerState {
  customerKey: string;
  /** A usable email address: otherwise the letter is handed to Flow (SMS, WhatsApp…) instead of emailed. */
  hasEmail: boolean;
  /** Paid late before (or late on more than one debt now): the firmer cadence. */
  repeatLatePayer: boolean;
  /** A pause or a promise to pay covering all their debts, until then. */
  onHoldUntil: Date | null;
  /** When each of their recent letters went out (or may have: an unknown send counts). */
  recentContacts: Date[];
  /**
   * A letter to them is planned or being sent and has not gone yet (a send held until the shop's morning,
   * or waiting out Shopify's busy answers): no second letter is written until it has.
   */
  letterInFlight: boolean;
}

export interface PlanInput {
  settings: CollectionSettings;
  debts: OpenDebt[];
  customers: Map<string, CustomerState>;
  /** `${receivableId} ${stageId}` for every stage already settled for a debt: planned, sent, skipped, failed or unknown. */
  settledStages: Set<string>;
  now: Date;
  timeZone: string;
}

export interface LetterItem {
  receivableId: string;
  stageId: string;
}

export interface PlannedLetter {
  customerKey: string;
  /** The most advanced stage among its debts: it decides what the letter says. */
  stage: Stage;
  items: LetterItem[];
  /** email: Quita's letter in Shopify's invoice email; shopify_reminder: Shopify's own payment reminder for one order; flow: no usable email, handed to Flow. */
  channel: "email" | "flow" | "shopify_reminder";
}

export type SkipReason = "superseded" | "shopify_sends_its_own";
export interface PlannedSkip extends LetterItem {
  reason: SkipReason;
}

export type DeferReason = "quiet_hours" | "contact_cap" | "on_hold" | "in_flight";
export interface Deferred {
  customerKey: string;
  reason: DeferReason;
  /** When it may go out, as far as this reason goes. */
  until: Date;
}

export interface Plan {
  letters: PlannedLetter[];
  skips: PlannedSkip[];
  deferred: Deferred[];
}

export const stageKey = (receivableId: string, stageId: string) => `${receivableId} ${stageId}`;

/** The stage each debt is at today, and the earlier ones it passed without a letter. */
function candidates(input: PlanInput, today: string, dueDates: Map<number, string>) {
  const { settings } = input;
  const byCustomer = new Map<string, { debt: OpenDebt; stage: Stage }[]>();
  const skips: PlannedSkip[] = [];
  for (const debt of input.debts) {
    if (!debt.dueAt) continue;
    const customer = input.customers.get(debt.customerKey);
    const stages = customer?.repeatLatePayer ? settings.stages : settings.stages.filter((s) => s.audience === "everyone");
    const dueTime = debt.dueAt.getTime();
    let dueDate = dueDates.get(dueTime);
    if (!dueDate) dueDates.set(dueTime, (dueDate = localDate(debt.dueAt, input.timeZone)));
    // Never a stage before the last one settled: a customer who turns repeat late payer mid-cadence
    // does not get the firmer early letters (due date, +7) after a later one went out.
    const settledUpTo = settings.stages.findLast((s) => input.settledStages.has(stageKey(debt.receivableId, s.id)))?.offsetDays ?? -Infinity;
    const reached = stages.filter((s) => s.offsetDays > settledUpTo && addDays(dueDate!, s.offsetDays) <= today);
    const latest = reached.at(-1);
    if (!latest) continue;
    // Stages passed while nothing could be sent (installed late, paused, capped) are not sent late, one after another;
    // nor is a letter about a date ahead or today once that day is gone ("due soon" to a debt already late).
    const stale = latest.offsetDays < 0 ? today >= dueDate : latest.offsetDays === 0 && today > dueDate;
    for (const passed of stale ? reached : reached.slice(0, -1)) skips.push({ receivableId: debt.receivableId, stageId: passed.id, reason: "superseded" });
    if (stale) continue;
    if (latest.offsetDays === 0 && settings.shopifyPaymentReminders && debt.kind === "order") {
      // Shopify's own "payment is due" email already goes out: never two emails for one event.
      skips.push({ receivableId: debt.receivableId, stageId: latest.id, reason: "shopify_sends_its_own" });
      continue;
    }
    const list = byCustomer.get(debt.customerKey) ?? [];
    list.push({ debt, stage: latest });
    byCustomer.set(debt.customerKey, list);
  }
  return { byCustomer, skips };
}

export function planReminders(input: PlanInput): Plan {
  const { settings, now, timeZone } = input;
  const today = localDate(now, timeZone);
  const { byCustomer, skips } = candidates(input, today, new Map());
  const letters: PlannedLetter[] = [];
  const deferred: Deferred[] = [];
  const quietOk = withinQuietHours(now, timeZone, settings.quietHours);
  const windowMs = settings.contactCap.days * 86_400_000;

  for (const customerKey of [...byCustomer.keys()].sort()) {
    const customer = input.customers.get(customerKey);
    const held = (until: Date | null | undefined) => Boolean(until && until.getTime() > now.getTime());
    if (held(customer?.onHoldUntil)) {
      deferred.push({ customerKey, reason: "on_hold", until: customer!.onHoldUntil! });
      continue;
    }
    const due = byCustomer.get(customerKey)!.filter(({ debt }) => !held(debt.onHoldUntil));
    if (due.length === 0) {
      const until = new Date(Math.min(...byCustomer.get(customerKey)!.map(({ debt }) => debt.onHoldUntil!.getTime())));
      deferred.push({ customerKey, reason: "on_hold", until });
      continue;
    }
    if (customer?.letterInFlight) {
      // One letter per customer at a time: the one queued goes first (and counts against the cap once it
      // went); what is due now is judged again by a pass after it, cap and hours included.
      deferred.push({ customerKey, reason: "in_flight", until: nextAllowed(now, timeZone, settings.quietHours) });
      continue;
    }
    if (!quietOk) {
      deferred.push({ customerKey, reason: "quiet_hours", until: nextAllowed(now, timeZone, settings.quietHours) });
      continue;
    }
    const recent = (customer?.recentContacts ?? []).filter((at) => now.getTime() - at.getTime() < windowMs).sort((a, b) => a.getTime() - b.getTime());
    if (recent.length >= settings.contactCap.contacts) {
      const freed = new Date(recent[recent.length - settings.contactCap.contacts]!.getTime() + windowMs);
      deferred.push({ customerKey, reason: "contact_cap", until: nextAllowed(freed, timeZone, settings.quietHours) });
      continue;
    }
    const noEmail = customer?.hasEmail === false;
    // Orders at a stage left to Shopify's own reminder each get one; everything else shares one letter.
    const byShopify = noEmail ? [] : due.filter(({ debt, stage: s }) => s.delivery === "shopify_reminder" && debt.kind === "order");
    const inLetter = due.filter((c) => !byShopify.includes(c));
    let room = settings.contactCap.contacts - recent.length;
    if (inLetter.length) {
      const stage = inLetter.reduce((most, c) => (c.stage.offsetDays > most.offsetDays ? c.stage : most), inLetter[0]!.stage);
      const items = inLetter.map(({ debt, stage: s }) => ({ receivableId: debt.receivableId, stageId: s.id }));
      letters.push({ customerKey, stage, items, channel: noEmail ? "flow" : "email" });
      room--;
    }
    for (const { debt, stage } of byShopify) {
      if (room-- <= 0) {
        deferred.push({ customerKey, reason: "contact_cap", until: nextAllowed(new Date(now.getTime() + windowMs), timeZone, settings.quietHours) });
        break;
      }
      letters.push({ customerKey, stage, items: [{ receivableId: debt.receivableId, stageId: stage.id }], channel: "shopify_reminder" });
    }
  }
  return { letters, skips, deferred };
}
