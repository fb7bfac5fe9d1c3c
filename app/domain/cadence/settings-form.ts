import type { StageKind } from "../letters/types";
import { validateSettings, type CollectionSettings, type SettingsErrors, type Stage } from "./settings";

// The cadence part of Settings as a form: the stages, when letters may go out,
// how many to one customer, and whether Shopify's own reminders already go out,
// as the merchant typed them (numbers still text), read into the policy and
// checked with its bounds.

export interface StageForm {
  id: string;
  offsetDays: string;
  kind: StageKind;
  audience: Stage["audience"];
  offer: boolean;
  delivery: NonNullable<Stage["delivery"]>;
}

export interface RemindersForm {
  stages: StageForm[];
  shopifyPaymentReminders: boolean;
  quietStart: string;
  quietEnd: string;
  days: number[];
  /** At most `contacts` letters to one customer in any `contactDays` days. */
  contacts: string;
  contactDays: string;
}

export function remindersFormOf(settings: CollectionSettings): RemindersForm {
  return {
    stages: settings.stages.map((s) => ({ ...s, offsetDays: String(s.offsetDays), delivery: s.delivery ?? "letter" })),
    shopifyPaymentReminders: settings.shopifyPaymentReminders,
    quietStart: settings.quietHours.start,
    quietEnd: settings.quietHours.end,
    days: settings.quietHours.days,
    contacts: String(settings.contactCap.contacts),
    contactDays: String(settings.contactCap.days),
  };
}

/** A whole number as typed ("  3 ", "-3"), or NaN for anything else, which the bounds then refuse. */
const wholeNumber = (text: string) => (/^\s*-?\d{1,4}\s*$/.test(text) ? Number(text) : Number.NaN);

export function readRemindersForm(form: RemindersForm): { ok: true; value: CollectionSettings } | { ok: false; errors: SettingsErrors } {
  return validateSettings({
    stages: form.stages.map((s) => ({
      id: s.id,
      offsetDays: wholeNumber(s.offsetDays),
      kind: s.kind,
      audience: s.audience,
      offer: s.offer,
      // The letter is the default: stored only when Shopify's own reminder replaces it.
      ...(s.delivery === "shopify_reminder" ? { delivery: "shopify_reminder" as const } : {}),
    })),
    shopifyPaymentReminders: form.shopifyPaymentReminders,
    quietHours: { start: form.quietStart.trim(), end: form.quietEnd.trim(), days: form.days },
    contactCap: { contacts: wholeNumber(form.contacts), days: wholeNumber(form.contactDays) },
  });
}
