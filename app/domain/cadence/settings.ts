// A shop's collection policy ("régua de cobrança"): when each friendly
// letter goes out relative to the due date, what it says, to whom, and the
// bounds every contact respects. Pure: the Settings page validates with it,
// the planner reads it.

import type { StageKind } from "../letters/types";
import type { FieldProblem } from "../field-problem";

/** What a stage's letter may be about (each has a default template per language, domain/letters); a missed installment is the agreements', not the cadence's. */
export const CADENCE_KINDS: readonly StageKind[] = ["courtesy", "due_today", "first_late", "follow_up", "proposal", "final_notice"];

export interface Stage {
  /** Stable id, recorded with every letter sent for the stage (never two letters for one stage of one debt). */
  id: string;
  /** Days after the due date (negative: before), counted in the shop's calendar. */
  offsetDays: number;
  kind: StageKind;
  /** "everyone", or only customers who were late before (the firmer, still courteous, cadence). */
  audience: "everyone" | "repeat_late_payers";
  /** Whether the letter carries the shop's offer to settle (incentives). */
  offer: boolean;
  /**
   * "letter" (default): Quita's letter in Shopify's invoice email. "shopify_reminder": Shopify's own
   * payment reminder email for an order's payment schedule instead (paymentReminderSend; Shopify's
   * wording, no letter), one per order; invoiced drafts, which have no schedule, still get the letter.
   */
  delivery?: "letter" | "shopify_reminder";
}

export interface QuietHours {
  /** Local time letters may start going out, "HH:MM", no earlier than 08:00. */
  start: string;
  /** Local time they stop, "HH:MM", no later than 20:00 (never between 21:00 and 08:00). */
  end: string;
  /** Days of the week letters may go out, 0 = Sunday … 6 = Saturday. */
  days: number[];
}

export interface CollectionSettings {
  stages: Stage[];
  quietHours: QuietHours;
  /** At most `contacts` letters to one customer (all their debts together) in any `days` days. */
  contactCap: { contacts: number; days: number };
  /** The shop already emails Shopify's own "Payment schedule is due" reminders: Quita then skips its due-date letter. */
  shopifyPaymentReminders: boolean;
}

export const DEFAULT_STAGES: Stage[] = [
  { id: "before-3", offsetDays: -3, kind: "courtesy", audience: "everyone", offer: false },
  { id: "due", offsetDays: 0, kind: "due_today", audience: "repeat_late_payers", offer: false },
  { id: "late-3", offsetDays: 3, kind: "first_late", audience: "everyone", offer: false },
  { id: "late-7", offsetDays: 7, kind: "follow_up", audience: "repeat_late_payers", offer: false },
  { id: "late-15", offsetDays: 15, kind: "proposal", audience: "everyone", offer: true },
  { id: "late-30", offsetDays: 30, kind: "final_notice", audience: "everyone", offer: true },
];

export const DEFAULT_SETTINGS: CollectionSettings = {
  stages: DEFAULT_STAGES,
  quietHours: { start: "08:00", end: "20:00", days: [1, 2, 3, 4, 5, 6] },
  contactCap: { contacts: 2, days: 7 },
  shopifyPaymentReminders: false,
};

export const MAX_CONTACTS_PER_WEEK = 7;
const EARLIEST = 8 * 60;
const LATEST = 20 * 60;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const OFFSET_BOUNDS = { earliest: -30, latest: 180 } as const;
export const CONTACT_DAYS_BOUNDS = { least: 1, most: 30 } as const;

/** Codes (translated by the page): `stage` is the index of the stage at fault, in the order given. */
export type SettingsErrors = Partial<Record<"stages" | "quietHours" | "contactCap", FieldProblem>>;

function stagesProblem(stages: Stage[]): FieldProblem | null {
  if (stages.length === 0) return { code: "stagesEmpty" };
  const seen = new Set<string>();
  const days = new Map<number, number>();
  for (const [stage, s] of stages.entries()) {
    if (seen.has(s.id)) return { code: "stageIdTwice", params: { stage } };
    seen.add(s.id);
    if (!Number.isInteger(s.offsetDays) || s.offsetDays < OFFSET_BOUNDS.earliest || s.offsetDays > OFFSET_BOUNDS.latest) {
      return { code: "stageOffsetOutOfBounds", params: { stage, earliest: -OFFSET_BOUNDS.earliest, latest: OFFSET_BOUNDS.latest } };
    }
    if (days.has(s.offsetDays)) return { code: "stageSameDay", params: { stage, other: days.get(s.offsetDays)! } };
    days.set(s.offsetDays, stage);
    if (!CADENCE_KINDS.includes(s.kind)) return { code: "stageKindUnknown", params: { stage } };
    if (s.audience !== "everyone" && s.audience !== "repeat_late_payers") return { code: "stageAudienceUnknown", params: { stage } };
  }
  return null;
}

/** Checks a policy a merchant saved; the bounds protect customers whatever the merchant chose. */
export function validateSettings(input: CollectionSettings): { ok: true; value: CollectionSettings } | { ok: false; errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const { stages, quietHours, contactCap } = input;
  const stageProblem = stagesProblem(stages);
  if (stageProblem) errors.stages = stageProblem;

  if (!HHMM.test(quietHours.start) || !HHMM.test(quietHours.end)) errors.quietHours = { code: "quietHoursFormat" };
  else if (minutesOf(quietHours.start) < EARLIEST || minutesOf(quietHours.end) > LATEST) errors.quietHours = { code: "quietHoursAtNight" };
  else if (minutesOf(quietHours.start) >= minutesOf(quietHours.end)) errors.quietHours = { code: "quietHoursBackwards" };
  else if (quietHours.days.length === 0 || quietHours.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    errors.quietHours = { code: "quietHoursNoDays" };
  }

  if (!Number.isInteger(contactCap.contacts) || contactCap.contacts < 1 || contactCap.contacts * (7 / contactCap.days) > MAX_CONTACTS_PER_WEEK) {
    errors.contactCap = { code: "contactCapAboveWeekly", params: { max: MAX_CONTACTS_PER_WEEK } };
  } else if (!Number.isInteger(contactCap.days) || contactCap.days < CONTACT_DAYS_BOUNDS.least || contactCap.days > CONTACT_DAYS_BOUNDS.most) {
    errors.contactCap = { code: "contactCapDays", params: { least: CONTACT_DAYS_BOUNDS.least, most: CONTACT_DAYS_BOUNDS.most } };
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  const sorted = [...stages].sort((a, b) => a.offsetDays - b.offsetDays);
  return { ok: true, value: { ...input, stages: sorted, quietHours: { ...quietHours, days: [...new Set(quietHours.days)].sort() } } };
}

/** A shop's stored policy (Shop.settings.collection), with the defaults for what it doesn't say. */
export function settingsFrom(stored: unknown): CollectionSettings {
  const saved = (stored && typeof stored === "object" ? stored : {}) as Partial<CollectionSettings>;
  const merged = {
    ...DEFAULT_SETTINGS,
    ...saved,
    quietHours: { ...DEFAULT_SETTINGS.quietHours, ...saved.quietHours },
    contactCap: { ...DEFAULT_SETTINGS.contactCap, ...saved.contactCap },
  };
  const checked = validateSettings(merged);
  // A stored policy that no longer passes (bounds tightened since) falls back to the defaults, never to something looser.
  return checked.ok ? checked.value : DEFAULT_SETTINGS;
}
