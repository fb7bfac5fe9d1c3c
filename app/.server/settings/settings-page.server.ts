import prisma from "../../db.server";
import type { Prisma, Shop } from "../../generated/prisma/client";
import { CADENCE_KINDS, settingsFrom, type SettingsErrors } from "../../domain/cadence/settings";
import { readRemindersForm, remindersFormOf, type RemindersForm, type StageForm } from "../../domain/cadence/settings-form";
import {
  incentiveLimitsFrom,
  incentiveLimitsInputOf,
  validateIncentiveLimits,
  type IncentiveLimitsErrors,
  type IncentiveLimitsInput,
} from "../../domain/incentives/limits";
import { LETTER_LOCALES, validateLetterIdentity, type LetterIdentityInput, type LetterLocale } from "../../domain/letter-identity";
import type { FieldProblem } from "../../domain/field-problem";
import { checkTone } from "../../domain/letters/tone";
import { defaultTemplate } from "../../domain/letters/templates";
import type { LetterTemplate, StageKind, ToneProblem } from "../../domain/letters/types";

// Settings as one form, saved at once from the admin's contextual save bar: how
// letters are signed, the cadence and its bounds, the merchant's own letters and
// the incentive limits. Everything is checked before anything is written, and
// then written in one transaction: a refused field leaves every saved one as it was.

type StoredSettings = { collection?: unknown; incentives?: unknown; templates?: Record<string, Record<string, LetterTemplate>> } & Record<string, unknown>;

export interface TemplateDraft extends LetterTemplate {
  kind: StageKind;
  locale: LetterLocale;
}

export interface SettingsDraft {
  identity: LetterIdentityInput;
  reminders: RemindersForm;
  incentives: IncentiveLimitsInput;
  /** Only the letters the merchant edited; a letter equal to Quita's own goes back to being Quita's own. */
  templates: TemplateDraft[];
}

/** Each stage kind's letter in each language: the shop's own, or Quita's with `custom` false. */
export type LetterTemplates = Record<StageKind, Record<LetterLocale, LetterTemplate & { custom: boolean }>>;

export interface SettingsErrorsByPart {
  identity?: Partial<Record<keyof LetterIdentityInput, FieldProblem>>;
  reminders?: SettingsErrors;
  incentives?: IncentiveLimitsErrors;
  /** By `${kind}/${locale}`: what the tone check found. */
  templates?: Record<string, ToneProblem[]>;
}

export type SaveSettingsResult = { ok: true } | { ok: false; errors: SettingsErrorsByPart };

const storedOf = (shop: Pick<Shop, "settings">) => (shop.settings as StoredSettings | null) ?? {};

export function letterTemplatesOf(shop: Pick<Shop, "settings">): LetterTemplates {
  const saved = storedOf(shop).templates ?? {};
  return Object.fromEntries(
    CADENCE_KINDS.map((kind) => [
      kind,
      Object.fromEntries(
        LETTER_LOCALES.map((locale) => {
          const own = saved[kind]?.[locale];
          return [locale, own ? { subject: own.subject, body: own.body, custom: true } : { ...defaultTemplate(kind, locale), custom: false }];
        }),
      ),
    ]),
  ) as LetterTemplates;
}

/** The form as the shop's saved settings fill it. */
export function settingsDraftOf(shop: Shop): Omit<SettingsDraft, "templates"> {
  const stored = storedOf(shop);
  return {
    identity: { legalName: shop.legalName ?? "", legalAddress: shop.legalAddress ?? "", taxId: shop.taxId ?? "", locale: shop.locale },
    reminders: remindersFormOf(settingsFrom(stored.collection)),
    incentives: incentiveLimitsInputOf(incentiveLimitsFrom(stored.incentives)),
  };
}

// The draft comes from the browser: every field is read as the type it must be,
// whatever was sent, and the validators judge the values.
const text = (value: unknown) => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function readStage(raw: unknown): StageForm {
  const stage = record(raw);
  return {
    id: text(stage.id),
    offsetDays: text(stage.offsetDays),
    kind: text(stage.kind) as StageKind,
    audience: text(stage.audience) as StageForm["audience"], // validateSettings refuses any other
    offer: stage.offer === true,
    delivery: stage.delivery === "shopify_reminder" ? "shopify_reminder" : "letter",
  };
}

export function readSettingsDraft(raw: unknown): SettingsDraft {
  const draft = record(raw);
  const identity = record(draft.identity);
  const reminders = record(draft.reminders);
  const incentives = record(draft.incentives);
  return {
    identity: { legalName: text(identity.legalName), legalAddress: text(identity.legalAddress), taxId: text(identity.taxId), locale: text(identity.locale) },
    reminders: {
      stages: list(reminders.stages).map(readStage),
      shopifyPaymentReminders: reminders.shopifyPaymentReminders === true,
      quietStart: text(reminders.quietStart),
      quietEnd: text(reminders.quietEnd),
      days: list(reminders.days).map(Number),
      contacts: text(reminders.contacts),
      contactDays: text(reminders.contactDays),
    },
    incentives: {
      maxDiscountPercent: text(incentives.maxDiscountPercent),
      maxFixedAmount: text(incentives.maxFixedAmount),
      minDaysOverdue: text(incentives.minDaysOverdue),
      offerExpiryDays: text(incentives.offerExpiryDays),
      automaticOffers: String(incentives.automaticOffers === true || incentives.automaticOffers === "true"),
      maxExtensionDays: text(incentives.maxExtensionDays),
    },
    templates: list(draft.templates).map((t) => {
      const template = record(t);
      return {
        kind: text(template.kind) as StageKind,
        locale: text(template.locale) as LetterLocale,
        subject: text(template.subject),
        body: text(template.body),
      };
    }),
  };
}

const sameLetter = (a: LetterTemplate, b: LetterTemplate) => a.subject === b.subject && a.body === b.body;

export async function saveSettings(shopDomain: string, draft: SettingsDraft): Promise<SaveSettingsResult> {
  const errors: SettingsErrorsByPart = {};
  const identity = validateLetterIdentity(draft.identity);
  if (!identity.ok) errors.identity = identity.errors;
  const collection = readRemindersForm(draft.reminders);
  if (!collection.ok) errors.reminders = collection.errors;
  const incentives = validateIncentiveLimits(draft.incentives);
  if (!incentives.ok) errors.incentives = incentives.errors;
  const letters: { template: TemplateDraft; isDefault: boolean }[] = [];
  for (const template of draft.templates) {
    const key = `${template.kind}/${template.locale}`;
    if (!CADENCE_KINDS.includes(template.kind) || !LETTER_LOCALES.includes(template.locale)) {
      errors.templates = { ...errors.templates, [key]: [{ kind: "malformed", words: [key], message: `no letter ${key}` }] };
      continue;
    }
    const isDefault = sameLetter(template, defaultTemplate(template.kind, template.locale));
    const tone = isDefault ? ({ ok: true } as const) : checkTone(template, template.locale);
    if (!tone.ok) errors.templates = { ...errors.templates, [key]: tone.problems };
    else letters.push({ template, isDefault });
  }
  if (!identity.ok || !collection.ok || !incentives.ok || errors.templates) return { ok: false, errors };

  await prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { domain: shopDomain }, select: { settings: true } });
    const stored = storedOf(shop);
    const templates = { ...stored.templates };
    for (const { template, isDefault } of letters) {
      const forKind = { ...templates[template.kind] };
      if (isDefault) delete forKind[template.locale];
      else forKind[template.locale] = { subject: template.subject, body: template.body };
      templates[template.kind] = forKind;
    }
    const settings = { ...stored, collection: collection.value, incentives: incentives.value, templates } as unknown as Prisma.InputJsonValue;
    await tx.shop.update({ where: { domain: shopDomain }, data: { ...identity.value, settings } });
  });
  return { ok: true };
}
