import { useFetcher } from "@remix-run/react";
import { BlockStack, Box, Card, Text } from "@shopify/polaris";
import { useEffect } from "react";
import type { LetterLocale } from "../../domain/letter-identity";
import type { LetterTemplate, StageKind } from "../../domain/letters/types";
import { useT } from "../../i18n/context";
import { cadenceMessages } from "../../i18n/messages/settings-cadence";
import type { action } from "../../routes/app.settings.preview";

export const PREVIEW_ACTION = "/app/settings/preview";
const PAUSE_MS = 400;

/** The letter being edited as the customer would read it, written again a moment after each change. */
export function LetterPreview({ kind, locale, template }: { kind: StageKind; locale: LetterLocale; template: LetterTemplate }) {
  const t = useT(cadenceMessages);
  const fetcher = useFetcher<typeof action>();
  const { submit } = fetcher;
  useEffect(() => {
    const timer = setTimeout(
      () => submit({ kind, locale, subject: template.subject, body: template.body }, { method: "post", action: PREVIEW_ACTION, encType: "application/json" }),
      PAUSE_MS,
    );
    return () => clearTimeout(timer);
  }, [submit, kind, locale, template.subject, template.body]);
  const letter = fetcher.data;
  return (
    <Card background="bg-surface-secondary">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {t("previewHeading")}
        </Text>
        {letter?.ok === false && (
          <Text as="p" tone="caution">
            {t("previewUnreadable")}
          </Text>
        )}
        {letter?.ok && (
          <BlockStack gap="200">
            <Text as="p" tone="subdued">
              {letter.sample.example ? t("previewExample") : t("previewSample", { debt: letter.sample.debt })}
            </Text>
            <Box background="bg-surface" padding="300" borderRadius="200" borderColor="border" borderWidth="025">
              <BlockStack gap="300">
                <Text as="p" fontWeight="semibold">
                  <span data-testid="preview-subject">{t("previewSubject", { subject: letter.subject })}</span>
                </Text>
                <div data-testid="preview-body" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", font: "inherit", maxWidth: "100ch" }} lang={locale}>
                  {letter.body}
                </div>
              </BlockStack>
            </Box>
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
