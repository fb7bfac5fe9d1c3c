import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Text } from "@shopify/polaris";
import type { SyncRunView, SyncStatus } from "../../.server/ledger/sync-status.server";
import { useFormat, useT } from "../../i18n/context";
import type { Translator } from "../../i18n/translate";
import { syncMessages } from "../../i18n/messages/settings-sync";

// Settings' "Orders from Shopify" card: the last full reload and the last
// drift check, as the merchant would say them, and the button to reload.

type T = Translator<typeof syncMessages.en>;
type When = (iso: string) => string;

function details(run: SyncRunView, t: T, when: When) {
  return {
    at: when(run.finishedAt ?? run.startedAt ?? run.queuedAt),
    attempt: run.attempt > 1 ? t("attempt", { attempt: run.attempt, attempts: run.attempts }) : "",
    attempts: run.attempt || 1,
    because: run.error ? t("because", { error: run.error }) : "",
    checked: run.checked,
    corrected: run.corrected,
  };
}

function reloadSentence(run: SyncRunView | null, t: T, when: When): string {
  if (!run) return t("reloadNone");
  const d = details(run, t, when);
  switch (run.status) {
    case "queued":
      return t("reloadQueued", { at: when(run.queuedAt) });
    case "running":
      return t("reloadRunning", { at: when(run.startedAt ?? run.queuedAt), attempt: d.attempt });
    case "retrying":
      return t("reloadRetrying", { attempt: run.attempt, attempts: run.attempts, because: d.because });
    case "succeeded":
      return t("reloadSucceeded", { at: d.at, counts: t("counts", { checked: run.checked, corrected: run.corrected }) });
    case "failed":
      return t("reloadFailed", { at: d.at, attempts: d.attempts, because: d.because });
    case "cancelled":
      return t("reloadCancelled");
  }
}

function checkSentence(run: SyncRunView | null, t: T, when: When): string {
  if (!run) return t("checkNone");
  const d = details(run, t, when);
  switch (run.status) {
    case "queued":
      return t("checkQueued", { at: when(run.queuedAt) });
    case "running":
      return t("checkRunning", { at: when(run.startedAt ?? run.queuedAt), attempt: d.attempt });
    case "retrying":
      return t("checkRetrying", { because: d.because });
    case "succeeded":
      return t("checkSucceeded", { at: when(run.startedAt ?? run.queuedAt), checked: d.checked, corrected: d.corrected });
    case "failed":
      return t("checkFailed", { at: d.at, because: d.because });
    case "cancelled":
      return t("checkCancelled");
  }
}

export function SyncStatusCard({ sync, reloading }: { sync: SyncStatus; reloading: boolean }) {
  const t = useT(syncMessages);
  const f = useFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("syncHeading")}
        </Text>
        <Text as="p">{t("syncIntro")}</Text>
        <Text as="p" tone={sync.backfill?.status === "failed" ? "critical" : "subdued"}>
          {reloadSentence(sync.backfill, t, f.dateTime)}
        </Text>
        <Text as="p" tone="subdued">
          {checkSentence(sync.reconciliation, t, f.dateTime)}
        </Text>
        {reloading && <Banner tone="info" title={t("reloading")} />}
        <Form method="post">
          <input type="hidden" name="intent" value="backfill" />
          <Button submit>{t("reloadNow")}</Button>
        </Form>
      </BlockStack>
    </Card>
  );
}
