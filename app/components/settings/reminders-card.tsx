import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineGrid, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { RemindersForm } from "../../domain/cadence/settings-form";
import type { action } from "../../routes/app.settings.reminders";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** When reminders may go out and how often, and whether Shopify's own reminders already go out. */
export function RemindersCard({ saved, timezone }: { saved: RemindersForm; timezone: string }) {
  const fetcher = useFetcher<typeof action>();
  const [form, setForm] = useState(saved);
  const errors: Record<string, string | undefined> = fetcher.data?.errors ?? {};
  return (
    <Card>
      <fetcher.Form method="post" action="/app/settings/reminders">
        <FormLayout>
          <Text as="h2" variant="headingMd">
            Reminders
          </Text>
          {fetcher.data?.saved && <Banner tone="success" title="Reminder settings saved" />}
          <Checkbox
            label="Shopify already emails my customers its payment reminders"
            helpText="If your store sends Shopify's “Payment schedule is due” reminders (a Flow workflow), Quita does not send its own on the due date, so no customer gets two emails for one event."
            name="shopifyPaymentReminders"
            checked={form.shopifyPaymentReminders}
            onChange={(checked) => setForm({ ...form, shopifyPaymentReminders: checked })}
          />
          <InlineGrid columns={2} gap="300">
            <TextField
              label="Send from"
              type="time"
              name="quietStart"
              value={form.quietStart}
              onChange={(v) => setForm({ ...form, quietStart: v })}
              error={errors.quietHours}
              autoComplete="off"
            />
            <TextField
              label="Until"
              type="time"
              name="quietEnd"
              value={form.quietEnd}
              onChange={(v) => setForm({ ...form, quietEnd: v })}
              autoComplete="off"
              helpText={`Your shop's time (${timezone}); never between 20:00 and 08:00.`}
            />
          </InlineGrid>
          <ChoiceList
            allowMultiple
            title="On these days"
            choices={DAYS.map((label, value) => ({ label, value: String(value) }))}
            selected={form.days.map(String)}
            onChange={(days) => setForm({ ...form, days: days.map(Number) })}
          />
          {form.days.map((d) => (
            <input key={d} type="hidden" name="days" value={d} />
          ))}
          <Select
            label="Letters to one customer in any 7 days, at most"
            name="contactsPerWeek"
            options={["1", "2", "3", "4", "5", "6", "7"]}
            value={form.contactsPerWeek}
            onChange={(v) => setForm({ ...form, contactsPerWeek: v })}
            error={errors.contactCap}
          />
          <BlockStack inlineAlign="start">
            <Button submit loading={fetcher.state === "submitting"}>
              Save reminder settings
            </Button>
          </BlockStack>
        </FormLayout>
      </fetcher.Form>
    </Card>
  );
}
