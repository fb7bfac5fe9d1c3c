import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { useCallback } from "react";
import { authenticate } from "../shopify.server";
import { findShop } from "../.server/shops.server";
import { findSyncStatus, requestBackfill } from "../.server/ledger/sync-status.server";
import { dataRequestSummaries } from "../.server/ledger/data-requests.server";
import { apiWindowFor } from "../.server/ledger/overview.server";
import { letterTemplatesOf, readSettingsDraft, saveSettings, settingsDraftOf } from "../.server/settings/settings-page.server";
import { ApiWindowNotice } from "../components/api-window-notice";
import { LettersOnHoldNotice } from "../components/letters-on-hold-notice";
import { lettersOnHold, requiredIdentityFields } from "../domain/letter-identity";
import { SyncStatusCard } from "../components/settings/sync-status-card";
import { DataRequestsCard } from "../components/settings/data-requests-card";
import { IdentityCard } from "../components/settings/identity-card";
import { RemindersCard } from "../components/settings/reminders-card";
import { CadenceCard } from "../components/settings/cadence-card";
import { LettersCard } from "../components/settings/letters-card";
import { IncentivesCard } from "../components/settings/incentives-card";
import { PREVIEW_ACTION } from "../components/settings/letter-preview";
import { useSettingsDraft } from "../components/settings/use-settings-draft";
import { useFormat, useT } from "../i18n/context";
import { settingsMessages } from "../i18n/messages/settings";
import { resolveUiLocale } from "../i18n/locales";
import { translate } from "../i18n/translate";

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/app")?.data as { ui?: { locale?: string } } | undefined;
  return [{ title: `${translate(settingsMessages, resolveUiLocale(layout?.ui?.locale), "pageTitle")} · Quita` }];
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [shop, sync, dataRequests] = await Promise.all([findShop(session.shop), findSyncStatus(session.shop), dataRequestSummaries(session.shop)]);
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  return {
    sync,
    dataRequests,
    apiWindow: await apiWindowFor(shop),
    lettersOnHold: lettersOnHold(shop),
    requiredIdentity: requiredIdentityFields(shop.countryCode),
    settings: settingsDraftOf(shop),
    templates: letterTemplatesOf(shop),
    currency: shop.currencyCode ?? "USD",
  };
};

// A letter preview changes nothing saved: the page's data is not read again for it.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === PREVIEW_ACTION ? false : defaultShouldRevalidate;

// Two things are posted here: the whole settings form (JSON, from the save bar),
// and the sync card's "Reload unpaid orders now".
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  if (!request.headers.get("content-type")?.includes("application/json")) {
    const form = await request.formData();
    if (form.get("intent") !== "backfill") throw new Response("Unknown request", { status: 400 });
    await requestBackfill(session.shop);
    return { saved: false as const, reloading: true as const };
  }
  const body = (await request.json().catch(() => null)) as { intent?: unknown; draft?: unknown } | null;
  if (body?.intent !== "save") throw new Response("Unknown request", { status: 400 });
  const result = await saveSettings(session.shop, readSettingsDraft(body.draft));
  return result.ok ? { saved: true as const } : { saved: false as const, errors: result.errors };
};

export default function Settings() {
  const loaded = useLoaderData<typeof loader>();
  const reloaded = useActionData<typeof action>();
  const t = useT(settingsMessages);
  const f = useFormat();
  const shopify = useAppBridge();
  const onSaved = useCallback(() => shopify.toast.show(t("saved")), [shopify, t]);
  const { draft, setDraft, dirty, save, discard, saving, errors } = useSettingsDraft(loaded.settings, loaded.templates, onSaved);
  const primary = { variant: "primary" } as object;
  return (
    <Page title={t("pageTitle")}>
      <TitleBar title={t("pageTitle")} />
      <SaveBar id="quita-settings-save-bar" open={dirty || saving}>
        <button {...primary} {...(saving ? { loading: "" } : {})} onClick={save} />
        <button {...(saving ? { disabled: true } : {})} onClick={discard} />
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {errors && <Banner tone="critical" title={t("notSaved")} />}
            <LettersOnHoldNotice hold={loaded.lettersOnHold} />
            <ApiWindowNotice window={loaded.apiWindow} formatDate={f.date} />
            <IdentityCard
              required={loaded.requiredIdentity}
              value={draft.identity}
              onChange={(identity) => setDraft({ ...draft, identity })}
              errors={errors?.identity}
            />
            <RemindersCard value={draft.reminders} onChange={(reminders) => setDraft({ ...draft, reminders })} errors={errors?.reminders} />
            <CadenceCard value={draft.reminders} onChange={(reminders) => setDraft({ ...draft, reminders })} error={errors?.reminders?.stages} />
            <LettersCard
              stages={draft.reminders.stages}
              saved={loaded.templates}
              edited={draft.templates}
              onChange={(templates) => setDraft({ ...draft, templates })}
              errors={errors?.templates}
            />
            <IncentivesCard
              value={draft.incentives}
              currency={loaded.currency}
              onChange={(incentives) => setDraft({ ...draft, incentives })}
              errors={errors?.incentives}
            />
            <SyncStatusCard sync={loaded.sync} reloading={Boolean(reloaded && "reloading" in reloaded)} />
            <DataRequestsCard requests={loaded.dataRequests} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
