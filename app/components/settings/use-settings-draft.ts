import { useFetcher, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { LetterTemplates, SettingsDraft, SettingsErrorsByPart, TemplateDraft } from "../../.server/settings/settings-page.server";
import type { LetterLocale } from "../../domain/letter-identity";
import type { LetterTemplate, StageKind } from "../../domain/letters/types";

/** What Settings' action answers (routes/app.settings.tsx). */
export type SettingsActionResult = { saved: true } | { saved: false; errors: SettingsErrorsByPart } | { saved: false; reloading: true };

// The Settings form as the merchant is changing it: what the shop has saved
// (the loader's), what the fields say now, whether they differ (the admin's
// save bar shows then), and saving or discarding everything at once.

export type PageDraft = Omit<SettingsDraft, "templates"> & { templates: Record<string, LetterTemplate> };

export const templateKey = (kind: StageKind, locale: LetterLocale) => `${kind}/${locale}`;

function editedTemplates(draft: PageDraft, saved: LetterTemplates): TemplateDraft[] {
  return Object.entries(draft.templates).flatMap(([key, template]) => {
    const [kind, locale] = key.split("/") as [StageKind, LetterLocale];
    const before = saved[kind]?.[locale];
    return before && before.subject === template.subject && before.body === template.body ? [] : [{ kind, locale, ...template }];
  });
}

export function useSettingsDraft(saved: Omit<SettingsDraft, "templates">, savedTemplates: LetterTemplates, onSaved: () => void) {
  const fetcher = useFetcher<SettingsActionResult>();
  // Compared by content: the loader also runs again after a refused save, and the
  // merchant's changes must stay then.
  const savedText = JSON.stringify(saved);
  const initial = useMemo((): PageDraft => ({ ...(JSON.parse(savedText) as typeof saved), templates: {} }), [savedText]);
  const [draft, setDraft] = useState<PageDraft>(initial);
  const edited = useMemo(() => editedTemplates(draft, savedTemplates), [draft, savedTemplates]);
  const fields = useMemo(
    (): Omit<SettingsDraft, "templates"> => ({ identity: draft.identity, reminders: draft.reminders, incentives: draft.incentives }),
    [draft.identity, draft.reminders, draft.incentives],
  );
  const dirty = JSON.stringify(fields) !== savedText || edited.length > 0;

  // After a save the loader reads the shop again: the saved settings are the new starting point.
  useEffect(() => setDraft(initial), [initial]);
  const outcome = fetcher.state === "idle" ? fetcher.data : undefined;
  const announced = useRef<unknown>(null);
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (!outcome || announced.current === outcome) return;
    announced.current = outcome;
    if (!("saved" in outcome && outcome.saved)) return;
    onSaved();
    // The letter preview posts too, and Remix revalidates once after the last of overlapping
    // submissions: a preview answered after the save (its route skips revalidation) left the page
    // with the settings as loaded before the save, and the save bar up. Read them again.
    revalidate();
  }, [outcome, onSaved, revalidate]);

  const save = useCallback(() => {
    const body: SettingsDraft = { ...fields, templates: edited };
    fetcher.submit({ intent: "save", draft: body } as unknown as Parameters<typeof fetcher.submit>[0], { method: "post", encType: "application/json" });
  }, [fetcher, fields, edited]);
  const discard = useCallback(() => setDraft(initial), [initial]);

  return {
    draft,
    setDraft,
    dirty,
    save,
    discard,
    saving: fetcher.state !== "idle",
    errors: outcome && "errors" in outcome ? outcome.errors : undefined,
  };
}
