import { Badge, BlockStack, Button, Card, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { LetterTemplates } from "../../.server/settings/settings-page.server";
import type { StageForm } from "../../domain/cadence/settings-form";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";
import { defaultTemplate } from "../../domain/letters/templates";
import type { LetterTemplate, StageKind, ToneProblem } from "../../domain/letters/types";
import { useT, useUiSettings } from "../../i18n/context";
import { cadenceMessages } from "../../i18n/messages/settings-cadence";
import { settingsMessages } from "../../i18n/messages/settings";
import { LetterPreview } from "./letter-preview";
import { PlaceholderList } from "./placeholder-list";
import { useToneText } from "./problem-text";
import { templateKey } from "./use-settings-draft";

const SUBJECT_ID = "letter-subject";
const BODY_ID = "letter-body";

/** Puts `text` where the cursor is in the subject or the letter (the last one the merchant was in), and the cursor after it. */
function insertAtCursor(fieldId: string, current: string, text: string): { value: string; caret: number } {
  const input = document.getElementById(fieldId) as HTMLInputElement | HTMLTextAreaElement | null;
  const start = input?.selectionStart ?? current.length;
  const end = input?.selectionEnd ?? start;
  return { value: current.slice(0, start) + text + current.slice(end), caret: start + text.length };
}

/** Each stage's letter in each language: edited, checked on save, previewed as it is written, or back to Quita's own. */
export function LettersCard({
  stages,
  saved,
  edited,
  onChange,
  errors,
}: {
  stages: StageForm[];
  saved: LetterTemplates;
  edited: Record<string, LetterTemplate>;
  onChange: (edited: Record<string, LetterTemplate>) => void;
  errors?: Record<string, ToneProblem[]>;
}) {
  const t = useT(cadenceMessages);
  const ts = useT(settingsMessages);
  const toneText = useToneText();
  const { locale: uiLocale } = useUiSettings();
  const kinds = [...new Set(stages.map((s) => s.kind))];
  const [chosenKind, setKind] = useState<StageKind>(kinds[0] ?? "first_late");
  const [locale, setLocale] = useState<LetterLocale>(uiLocale);
  const [lastField, setLastField] = useState(BODY_ID);
  const kind = kinds.includes(chosenKind) ? chosenKind : (kinds[0] ?? chosenKind);

  // A refused save opens the first letter it refused.
  useEffect(() => {
    const first = errors && Object.keys(errors)[0];
    if (!first) return;
    const [k, l] = first.split("/") as [StageKind, LetterLocale];
    setKind(k);
    setLocale(l);
  }, [errors]);

  const key = templateKey(kind, locale);
  const stored = saved[kind]?.[locale] ?? { ...defaultTemplate(kind, locale), custom: false };
  const template = edited[key] ?? { subject: stored.subject, body: stored.body };
  const original = defaultTemplate(kind, locale);
  const isQuitas = template.subject === original.subject && template.body === original.body;
  const problems = (errors?.[key] ?? []).map(toneText);
  const set = (next: LetterTemplate) => onChange({ ...edited, [key]: next });

  const insert = (text: string) => {
    const field = lastField === SUBJECT_ID ? "subject" : "body";
    const { value, caret } = insertAtCursor(lastField, template[field], text);
    set({ ...template, [field]: value });
    requestAnimationFrame(() => {
      const input = document.getElementById(lastField) as HTMLInputElement | null;
      input?.focus();
      input?.setSelectionRange(caret, caret);
    });
  };

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("lettersHeading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("lettersIntro")}
          </Text>
        </BlockStack>
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
          <Select
            id="letter-kind"
            label={t("letterStage")}
            options={kinds.map((k) => ({ label: t(`kind_${k}`), value: k }))}
            value={kind}
            onChange={(k) => setKind(k as StageKind)}
          />
          <Select
            id="letter-locale"
            label={t("letterLanguage")}
            options={LETTER_LOCALES.map((l) => ({ label: ts(`language_${l}`), value: l }))}
            value={locale}
            onChange={(l) => setLocale(l as LetterLocale)}
          />
        </InlineGrid>
        <InlineStack align="space-between" blockAlign="center">
          <Badge tone={isQuitas ? undefined : "info"}>{isQuitas ? t("quitas") : t("yours")}</Badge>
          <Button variant="plain" disabled={isQuitas} onClick={() => set(original)}>
            {t("resetLetter")}
          </Button>
        </InlineStack>
        {/* The preview under the editor, as wide as the card: beside it, a column of 400px broke each
            of the letter's lines (up to 100 characters, as the email carries them) a second time. */}
        <BlockStack gap="400">
          <BlockStack gap="300">
            <TextField
              id={SUBJECT_ID}
              label={t("subject")}
              value={template.subject}
              onChange={(subject) => set({ ...template, subject })}
              onFocus={() => setLastField(SUBJECT_ID)}
              autoComplete="off"
            />
            <TextField
              id={BODY_ID}
              label={t("body")}
              value={template.body}
              onChange={(body) => set({ ...template, body })}
              onFocus={() => setLastField(BODY_ID)}
              error={problems.length > 0 ? problems : undefined}
              multiline={14}
              autoComplete="off"
              monospaced
            />
            <PlaceholderList onInsert={insert} />
          </BlockStack>
          <LetterPreview kind={kind} locale={locale} template={template} />
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
