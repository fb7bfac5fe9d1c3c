import { MAX_CONTACTS_PER_WEEK, validateSettings, type CollectionSettings, type SettingsErrors } from "./settings";

// The reminders part of Settings as a form: what the merchant typed, read into
// the policy (the stages are kept as they are) and checked with its bounds.

export interface RemindersForm {
  shopifyPaymentReminders: boolean;
  quietStart: string;
  quietEnd: string;
  days: number[];
  contactsPerWeek: string;
}

export function remindersFormOf(settings: CollectionSettings): RemindersForm {
  return {
    shopifyPaymentReminders: settings.shopifyPaymentReminders,
    quietStart: settings.quietHours.start,
    quietEnd: settings.quietHours.end,
    days: settings.quietHours.days,
    contactsPerWeek: String(settings.contactCap.contacts),
  };
}

export function readRemindersForm(
  current: CollectionSettings,
  form: RemindersForm,
): { ok: true; value: CollectionSettings } | { ok: false; errors: SettingsErrors } {
  const contacts = Number(form.contactsPerWeek);
  if (!/^\d+$/.test(form.contactsPerWeek.trim()) || contacts < 1 || contacts > MAX_CONTACTS_PER_WEEK) {
    return { ok: false, errors: { contactCap: `Between 1 and ${MAX_CONTACTS_PER_WEEK} letters a week to one customer` } };
  }
  return validateSettings({
    ...current,
    shopifyPaymentReminders: form.shopifyPaymentReminders,
    quietHours: { start: form.quietStart.trim(), end: form.quietEnd.trim(), days: form.days },
    contactCap: { contacts, days: 7 },
  });
}
