import { Form } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Text } from "@shopify/polaris";
import type { SyncRunView, SyncStatus } from "../../.server/ledger/sync-status.server";

// Settings' "Orders from Shopify" card: the last full reload and the last
// drift check, as the merchant would say them, and the button to reload.

type When = (iso: string) => string;

const counts = (run: SyncRunView) => `${run.checked} order(s) read, ${run.corrected} added or corrected`;
const attemptNote = (run: SyncRunView) => (run.attempt > 1 ? ` (attempt ${run.attempt} of ${run.attempts})` : "");

function reloadSentence(run: SyncRunView | null, when: When): string {
  if (!run) return "No full reload yet.";
  switch (run.status) {
    case "queued":
      return `Full reload: waiting to start (asked ${when(run.queuedAt)}).`;
    case "running":
      return `Full reload: running since ${when(run.startedAt ?? run.queuedAt)}${attemptNote(run)}.`;
    case "retrying":
      return `Full reload: attempt ${run.attempt} of ${run.attempts} failed${run.error ? ` (${run.error})` : ""}; Quita tries again shortly.`;
    case "succeeded":
      return `Last full reload: ${when(run.finishedAt ?? run.queuedAt)}, ${counts(run)}.`;
    case "failed":
      return `Last full reload failed${run.finishedAt ? ` ${when(run.finishedAt)}` : ""} after ${run.attempt || 1} attempt(s)${run.error ? `: ${run.error}` : ""}. Try "Reload unpaid orders now" again.`;
    case "cancelled":
      return "The last full reload was cancelled.";
  }
}

function checkSentence(run: SyncRunView | null, when: When): string {
  if (!run) return "No check has run yet.";
  switch (run.status) {
    case "queued":
      return `Next check: waiting to start (queued ${when(run.queuedAt)}).`;
    case "running":
      return `Checking now, since ${when(run.startedAt ?? run.queuedAt)}${attemptNote(run)}.`;
    case "retrying":
      return `The last check failed${run.error ? ` (${run.error})` : ""}; Quita tries again shortly.`;
    case "succeeded":
      return `Last check: ${when(run.startedAt ?? run.queuedAt)}, ${run.checked} order(s) checked, ${run.corrected} corrected.`;
    case "failed":
      return `The last check failed${run.finishedAt ? ` ${when(run.finishedAt)}` : ""}${run.error ? `: ${run.error}` : ""}. The next hourly check tries again.`;
    case "cancelled":
      return "The last check was cancelled.";
  }
}

export function SyncStatusCard({ sync, reloading, when }: { sync: SyncStatus; reloading: boolean; when: When }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Orders from Shopify
        </Text>
        <Text as="p">Quita follows orders as Shopify reports changes, and checks every hour for anything a missed update left out.</Text>
        <Text as="p" tone={sync.backfill?.status === "failed" ? "critical" : "subdued"}>
          {reloadSentence(sync.backfill, when)}
        </Text>
        <Text as="p" tone="subdued">
          {checkSentence(sync.reconciliation, when)}
        </Text>
        {reloading && <Banner tone="info" title="Reloading unpaid orders from Shopify" />}
        <Form method="post">
          <input type="hidden" name="intent" value="backfill" />
          <Button submit>Reload unpaid orders now</Button>
        </Form>
      </BlockStack>
    </Card>
  );
}
