import { BlockStack, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import type { FieldProblem } from "../../domain/field-problem";
import { LETTER_LOCALES, type IdentityField, type LetterIdentityInput } from "../../domain/letter-identity";
import { useT } from "../../i18n/context";
import { settingsMessages } from "../../i18n/messages/settings";
import { useProblemText } from "./problem-text";

/** Who signs the letters (required on every collection letter in Brazil), and their language when a customer has none. */
export function IdentityCard({
  value,
  onChange,
  errors,
  required,
}: {
  /** What every letter of this shop must carry (requiredIdentityFields): marked as required. */
  required: IdentityField[];
  value: LetterIdentityInput;
  onChange: (value: LetterIdentityInput) => void;
  errors?: Partial<Record<keyof LetterIdentityInput, FieldProblem>>;
}) {
  const t = useT(settingsMessages);
  const say = useProblemText();
  const set = (name: keyof LetterIdentityInput) => (text: string) => onChange({ ...value, [name]: text });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("identityHeading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("identityIntro")}
        </Text>
        <FormLayout>
          <TextField
            label={t("legalName")}
            value={value.legalName}
            onChange={set("legalName")}
            error={say(errors?.legalName)}
            autoComplete="organization"
            requiredIndicator={required.includes("legalName")}
          />
          <TextField
            label={t("legalAddress")}
            value={value.legalAddress}
            onChange={set("legalAddress")}
            error={say(errors?.legalAddress)}
            autoComplete="street-address"
            multiline={2}
            requiredIndicator={required.includes("legalAddress")}
          />
          <TextField
            label={t("taxId")}
            value={value.taxId}
            onChange={set("taxId")}
            error={say(errors?.taxId)}
            autoComplete="off"
            requiredIndicator={required.includes("taxId")}
          />
          <Select
            label={t("letterLanguage")}
            options={LETTER_LOCALES.map((code) => ({ label: t(`language_${code}`), value: code }))}
            value={value.locale}
            onChange={set("locale")}
            error={say(errors?.locale)}
            helpText={t("letterLanguageHelp")}
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
