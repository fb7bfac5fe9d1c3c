import { BlockStack, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, InlineError, Text, TextField } from "@shopify/polaris";
import { useMemo } from "react";
import type { SettingsErrors } from "../../domain/cadence/settings";
import type { RemindersForm } from "../../domain/cadence/settings-form";
import { useFormat, useT } from "../../i18n/context";
import { settingsMessages } from "../../i18n/messages/settings";
import { useProblemText } from "./problem-text";

// 4 January 1970 was a Sunday: day d of the week is 4 + d January.
const weekdayNames = (locale: string) => {
  const format = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  return [0, 1, 2, 3, 4, 5, 6].map((d) => format.format(new Date(Date.UTC(1970, 0, 4 + d))));
};

/** When letters may go out and how often, and whether Shopify's own reminders already go out. */
export function RemindersCard({ value, onChange, errors }: { value: RemindersForm; onChange: (value: RemindersForm) => void; errors?: SettingsErrors }) {
  const t = useT(settingsMessages);
  const f = useFormat();
  const say = useProblemText();
  const days = useMemo(() => weekdayNames(f.locale), [f.locale]);
  const noDays = errors?.quietHours?.code === "quietHoursNoDays";
  const hoursError = noDays ? undefined : say(errors?.quietHours);
  const capError = say(errors?.contactCap);
  const set =
    <K extends keyof RemindersForm>(name: K) =>
    (field: RemindersForm[K]) =>
      onChange({ ...value, [name]: field });
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("remindersHeading")}
        </Text>
        <FormLayout>
          <Checkbox
            label={t("shopifyReminders")}
            helpText={t("shopifyRemindersHelp")}
            checked={value.shopifyPaymentReminders}
            onChange={set("shopifyPaymentReminders")}
          />
          <BlockStack gap="100">
            <InlineGrid columns={2} gap="300">
              <TextField
                id="quiet-start"
                label={t("sendFrom")}
                type="time"
                value={value.quietStart}
                onChange={set("quietStart")}
                error={Boolean(hoursError)}
                autoComplete="off"
              />
              <TextField
                id="quiet-end"
                label={t("sendUntil")}
                type="time"
                value={value.quietEnd}
                onChange={set("quietEnd")}
                error={Boolean(hoursError)}
                autoComplete="off"
              />
            </InlineGrid>
            {hoursError && <InlineError message={hoursError} fieldID="quiet-start" />}
            <Text as="p" tone="subdued">
              {t("quietHoursHelp", { city: f.zoneCity() })}
            </Text>
          </BlockStack>
          <ChoiceList
            allowMultiple
            title={t("onDays")}
            choices={days.map((label, day) => ({ label, value: String(day) }))}
            selected={value.days.map(String)}
            onChange={(chosen) => set("days")(chosen.map(Number).sort())}
            error={noDays ? say(errors?.quietHours) : undefined}
          />
          <BlockStack gap="100">
            <InlineGrid columns={2} gap="300">
              <TextField
                id="contact-cap"
                label={t("contacts")}
                type="number"
                min={1}
                max={7}
                value={value.contacts}
                onChange={set("contacts")}
                error={Boolean(capError)}
                autoComplete="off"
              />
              <TextField
                label={t("contactDays")}
                type="number"
                min={1}
                max={30}
                value={value.contactDays}
                onChange={set("contactDays")}
                error={Boolean(capError)}
                autoComplete="off"
              />
            </InlineGrid>
            {capError ? (
              <InlineError message={capError} fieldID="contact-cap" />
            ) : (
              <Text as="p" tone="subdued">
                {t("contactCapHelp")}
              </Text>
            )}
          </BlockStack>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
