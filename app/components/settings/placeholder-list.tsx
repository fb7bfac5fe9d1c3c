import { BlockStack, Button, InlineStack, Text } from "@shopify/polaris";
import { PLACEHOLDERS, type PlaceholderName } from "../../domain/letters/syntax";
import { useT } from "../../i18n/context";
import { cadenceMessages } from "../../i18n/messages/settings-cadence";
import { placeholderMessages } from "../../i18n/messages/settings-placeholders";

/** What a button inserts: a value that may be empty comes in its own section, a condition as a choice. */
function snippetOf(name: PlaceholderName): string {
  switch (PLACEHOLDERS[name]) {
    case "optional":
      return `{{#${name}}}{{${name}}}{{/${name}}}`;
    case "condition":
      return `{{#${name}}}{{else}}{{/${name}}}`;
    default:
      return `{{${name}}}`;
  }
}

/** The placeholders a letter may use, each inserted where the cursor is. */
export function PlaceholderList({ onInsert }: { onInsert: (text: string) => void }) {
  const t = useT(cadenceMessages);
  const describe = useT(placeholderMessages);
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {t("placeholders")}
      </Text>
      {(Object.keys(PLACEHOLDERS) as PlaceholderName[]).map((name) => (
        <InlineStack key={name} gap="200" blockAlign="center" wrap={false}>
          <Button size="slim" onClick={() => onInsert(snippetOf(name))} accessibilityLabel={t("insert", { placeholder: `{{${name}}}` })}>
            {`{{${name}}}`}
          </Button>
          <Text as="span" tone="subdued" variant="bodySm">
            {describe(name)}
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}
