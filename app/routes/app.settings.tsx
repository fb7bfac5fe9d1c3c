import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { authenticate } from "../shopify.server";
import { findShop, updateLetterIdentity } from "../.server/shops.server";
import { findSyncStatus, requestBackfill } from "../.server/ledger/sync-status.server";
import { SyncStatusCard } from "../components/settings/sync-status-card";
import { LETTER_LOCALES, validateLetterIdentity } from "../domain/letter-identity";
import { dataRequestSummaries } from "../.server/ledger/data-requests.server";
import { apiWindowFor } from "../.server/ledger/overview.server";
import { DataRequestsCard } from "../components/settings/data-requests-card";
import { ApiWindowNotice } from "../components/api-window-notice";
import { RemindersCard } from "../components/settings/reminders-card";
import { settingsFrom } from "../domain/cadence/settings";
import { remindersFormOf } from "../domain/cadence/settings-form";

export const meta = () => [{ title: "Settings · Quita" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [shop, sync, dataRequests] = await Promise.all([findShop(session.shop), findSyncStatus(session.shop), dataRequestSummaries(session.shop)]);
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  return {
    sync,
    dataRequests,
    apiWindow: await apiWindowFor(shop),
    reminders: remindersFormOf(settingsFrom((shop.settings as { collection?: unknown } | null)?.collection)),
    legalName: shop.legalName ?? "",
    legalAddress: shop.legalAddress ?? "",
    taxId: shop.taxId ?? "",
    locale: shop.locale,
    timezone: shop.ianaTimezone,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") === "backfill") {
    await requestBackfill(session.shop);
    return { saved: false as const, reloading: true as const, errors: {} };
  }
  const field = (name: string) => String(form.get(name) ?? "");
  const result = validateLetterIdentity({
    legalName: field("legalName"),
    legalAddress: field("legalAddress"),
    taxId: field("taxId"),
    locale: field("locale"),
  });
  if (!result.ok) return { saved: false as const, reloading: false as const, errors: result.errors };
  await updateLetterIdentity(session.shop, result.value);
  return { saved: true as const, reloading: false as const, errors: {} };
};

export default function Settings() {
  const saved = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [values, setValues] = useState({ legalName: saved.legalName, legalAddress: saved.legalAddress, taxId: saved.taxId, locale: saved.locale });
  const errors: Record<string, string | undefined> = outcome?.errors ?? {};
  const set = (name: keyof typeof values) => (value: string) => setValues({ ...values, [name]: value });
  const when = (iso: string) => new Date(iso).toLocaleString(saved.locale, { timeZone: saved.timezone, dateStyle: "medium", timeStyle: "short" });
  return (
    <Page title="Settings">
      <TitleBar title="Settings" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {outcome?.saved && <Banner tone="success" title="Settings saved" />}
            <ApiWindowNotice
              window={saved.apiWindow}
              formatDate={(at) => at.toLocaleDateString(saved.locale, { timeZone: saved.timezone, dateStyle: "medium" })}
            />
            <Card>
              <Form method="post">
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    How your letters are signed
                  </Text>
                  <TextField
                    label="Legal name"
                    name="legalName"
                    value={values.legalName}
                    onChange={set("legalName")}
                    error={errors.legalName}
                    autoComplete="organization"
                  />
                  <TextField
                    label="Address"
                    name="legalAddress"
                    value={values.legalAddress}
                    onChange={set("legalAddress")}
                    error={errors.legalAddress}
                    autoComplete="street-address"
                    multiline={2}
                  />
                  <TextField
                    label="Tax ID (CNPJ, VAT, EIN…)"
                    name="taxId"
                    value={values.taxId}
                    onChange={set("taxId")}
                    error={errors.taxId}
                    autoComplete="off"
                  />
                  <Select
                    label="Default letter language"
                    name="locale"
                    options={LETTER_LOCALES.map((code) => ({ label: code, value: code }))}
                    value={values.locale}
                    onChange={set("locale")}
                    error={errors.locale}
                    helpText="Used when a customer has no language of their own."
                  />
                  <Text as="p" tone="subdued">
                    Due dates and quiet hours follow your shop's time zone: {saved.timezone}.
                  </Text>
                  <Button submit variant="primary" loading={saving}>
                    Save
                  </Button>
                </FormLayout>
              </Form>
            </Card>
            <RemindersCard saved={saved.reminders} timezone={saved.timezone} />
            <SyncStatusCard sync={saved.sync} reloading={Boolean(outcome?.reloading)} when={when} />
            <DataRequestsCard requests={saved.dataRequests} formatDate={when} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
