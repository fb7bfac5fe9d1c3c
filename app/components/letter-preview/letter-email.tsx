import { BlockStack, Box, Card, Divider, InlineGrid, Text } from "@shopify/polaris";
import { useT } from "../../i18n/context";
import { letterPreviewMessages } from "../../i18n/messages/letter-preview";

const URL_LINE = /^https?:\/\/\S+$/;

/** A letter as the customer's email shows it: who from, to whom, the subject, then the text as written, links clickable. */
export function LetterEmail({ from, to, subject, body, locale }: { from: string; to: string | null; subject: string; body: string; locale: string }) {
  const t = useT(letterPreviewMessages);
  const header = (label: string, value: string, tone?: "subdued") => (
    <InlineGrid columns="80px 1fr" gap="200">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" tone={tone} breakWord>
        {value}
      </Text>
    </InlineGrid>
  );
  return (
    <Card padding="0">
      <Box padding="400">
        <BlockStack gap="150">
          {header(t("from"), from)}
          {header(t("to"), to ?? t("noRecipient"), to ? undefined : "subdued")}
          <InlineGrid columns="80px 1fr" gap="200">
            <Text as="span" tone="subdued">
              {t("subject")}
            </Text>
            <Text as="span" variant="headingMd" breakWord>
              <span data-letter-subject>{subject}</span>
            </Text>
          </InlineGrid>
        </BlockStack>
      </Box>
      <Divider />
      <Box padding="400">
        {/* The renderer already breaks the text into lines of at most LINE_WIDTH (100) characters, as the
            email carries it: the column must hold such a line whole, or every long line breaks twice
            ("…e queremos muito resolver / isso em bons termos"). 100ch fits 100 letters of running text. */}
        <div lang={locale} data-letter-body style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", lineHeight: 1.6, fontSize: 15, maxWidth: "100ch" }}>
          {body.split("\n").map((line, i) => (
            <div key={i} style={{ minHeight: "1.6em" }}>
              {URL_LINE.test(line.trim()) ? (
                <a href={line.trim()} target="_blank" rel="noreferrer">
                  {line}
                </a>
              ) : (
                line
              )}
            </div>
          ))}
        </div>
      </Box>
    </Card>
  );
}
