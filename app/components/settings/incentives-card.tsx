import { BlockStack, Card, Checkbox, FormLayout, InlineGrid, Text, TextField } from "@shopify/polaris";
import { INCENTIVE_BOUNDS, type IncentiveLimitsErrors, type IncentiveLimitsInput } from "../../domain/incentives/limits";
import { useT } from "../../i18n/context";
import { settingsMessages } from "../../i18n/messages/settings";
import { useProblemText } from "./problem-text";

/** The most Quita may offer a late customer to settle, and when (the incentives read these limits). */
export function IncentivesCard({
  value,
  currency,
  onChange,
  errors,
}: {
  value: IncentiveLimitsInput;
  currency: string;
  onChange: (value: IncentiveLimitsInput) => void;
  errors?: IncentiveLimitsErrors;
}) {
  const t = useT(settingsMessages);
  const say = useProblemText();
  const field = (name: keyof IncentiveLimitsInput) => ({
    value: value[name],
    onChange: (text: string) => onChange({ ...value, [name]: text }),
    error: say(errors?.[name]),
    autoComplete: "off",
  });
  const bounds = (name: keyof typeof INCENTIVE_BOUNDS) => ({ type: "number" as const, min: INCENTIVE_BOUNDS[name].least, max: INCENTIVE_BOUNDS[name].most });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("incentivesHeading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("incentivesIntro")}
        </Text>
        <FormLayout>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
            <TextField
              label={t("maxDiscountPercent")}
              helpText={t("maxDiscountPercentHelp")}
              suffix="%"
              {...bounds("maxDiscountPercent")}
              {...field("maxDiscountPercent")}
            />
            <TextField label={t("maxFixedAmount", { currency })} helpText={t("maxFixedAmountHelp")} inputMode="decimal" {...field("maxFixedAmount")} />
            <TextField label={t("minDaysOverdue")} {...bounds("minDaysOverdue")} {...field("minDaysOverdue")} />
            <TextField label={t("offerExpiryDays")} {...bounds("offerExpiryDays")} {...field("offerExpiryDays")} />
            <TextField label={t("maxExtensionDays")} helpText={t("maxExtensionDaysHelp")} {...bounds("maxExtensionDays")} {...field("maxExtensionDays")} />
          </InlineGrid>
          <Checkbox
            label={t("automaticOffers")}
            helpText={t("automaticOffersHelp")}
            checked={value.automaticOffers === "true"}
            onChange={(checked) => onChange({ ...value, automaticOffers: String(checked) })}
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
