import { BlockStack, Button, Card, DataTable, Text } from "@shopify/polaris";
import { useState } from "react";
import type { DataRequestSummary } from "../../.server/ledger/data-requests.server";
import { useFormat, useT } from "../../i18n/context";
import { syncMessages } from "../../i18n/messages/settings-sync";

/**
 * Downloads through fetch, which App Bridge gives the session token; a plain
 * link inside the admin's frame would reach the app without one.
 */
async function download(id: string): Promise<void> {
  const response = await fetch(`/app/data-requests/${id}`);
  if (!response.ok) throw new Error(await response.text());
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? `data-request-${id}.json`;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/** Customer data requests Shopify forwarded (GDPR/LGPD): each export, ready to send to the customer. */
export function DataRequestsCard({ requests }: { requests: DataRequestSummary[] }) {
  const t = useT(syncMessages);
  const f = useFormat();
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("requestsHeading")}
        </Text>
        <Text as="p" tone="subdued">
          {t("requestsIntro")}
        </Text>
        {requests.length === 0 ? (
          <Text as="p">{t("requestsNone")}</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "text"]}
            headings={[t("received"), t("customer"), t("orders"), ""]}
            rows={requests.map((r) => [
              f.dateTime(r.receivedAt),
              r.customer,
              String(r.receivables),
              <Button key={r.id} onClick={() => download(r.id).catch((e: Error) => setFailed(e.message))}>
                {t("download")}
              </Button>,
            ])}
          />
        )}
        {failed && (
          <Text as="p" tone="critical">
            {t("downloadFailed", { reason: failed })}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
