import prisma from "../../db.server";
import type { Prisma } from "../../generated/prisma/client";
import { checkTone } from "../../domain/letters/tone";
import { STAGE_KINDS, type LetterTemplate, type StageKind, type ToneProblem } from "../../domain/letters/types";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";

// The merchant's own wording for a stage's letter in one language, kept in the
// shop's settings (Shop.settings.templates[kind][locale]) and used by every
// letter and preview from then on. A template that threatens or shames, or
// leaves out the way to pay or the merchant's identity, is refused: it is never
// saved, and the merchant is told which words or which part.

export type SaveTemplateResult = { ok: true } | { ok: false; problems: ToneProblem[] };

export async function saveLetterTemplate(shopDomain: string, kind: StageKind, locale: LetterLocale, template: LetterTemplate): Promise<SaveTemplateResult> {
  if (!STAGE_KINDS.includes(kind) || !LETTER_LOCALES.includes(locale)) throw new Error(`no letter ${kind} in ${locale}`);
  const tone = checkTone(template, locale);
  if (!tone.ok) return tone;
  await prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { domain: shopDomain }, select: { settings: true } });
    const settings = (shop.settings as { templates?: Record<string, Record<string, LetterTemplate>> } | null) ?? {};
    const templates = { ...settings.templates, [kind]: { ...settings.templates?.[kind], [locale]: { subject: template.subject, body: template.body } } };
    await tx.shop.update({ where: { domain: shopDomain }, data: { settings: { ...settings, templates } as unknown as Prisma.InputJsonValue } });
  });
  return { ok: true };
}

/** Back to Quita's own letter for this stage and language. */
export async function resetLetterTemplate(shopDomain: string, kind: StageKind, locale: LetterLocale): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { domain: shopDomain }, select: { settings: true } });
    const settings = (shop.settings as { templates?: Record<string, Record<string, LetterTemplate>> } | null) ?? {};
    const forKind = { ...settings.templates?.[kind] };
    delete forKind[locale];
    await tx.shop.update({
      where: { domain: shopDomain },
      data: { settings: { ...settings, templates: { ...settings.templates, [kind]: forKind } } as unknown as Prisma.InputJsonValue },
    });
  });
}
