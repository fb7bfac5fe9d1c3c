// The letter each stage sends until the merchant writes their own, per language.
import type { LetterLocale, LetterTemplate, StageKind } from "../types";
import { EN } from "./en";
import { ES } from "./es";
import { PT_BR } from "./pt-br";

export const DEFAULT_TEMPLATES: Record<LetterLocale, Record<StageKind, LetterTemplate>> = { "pt-BR": PT_BR, en: EN, es: ES };

export function defaultTemplate(kind: StageKind, locale: LetterLocale): LetterTemplate {
  return DEFAULT_TEMPLATES[locale][kind];
}
