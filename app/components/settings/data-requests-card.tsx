import { BlockStack, Button, Card, DataTable, Text } from "@shopify/polaris";
import { useState } from "react";
import type { DataRequestSummary } from "../../.server/ledger/data-requests.server";

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
export function DataRequestsCard({ requests, formatDate }: { requests: DataRequestSummary[]; formatDate: (iso: string) => string }) {
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer data requests
        </Text>
        <Text as="p" tone="subdued">
          When a customer asks your store for their data, Shopify tells Quita and Quita prepares what it holds about them. Download it and send it to the
          customer. A customer's request to be forgotten erases it.
        </Text>
        {requests.length === 0 ? (
          <Text as="p">No customer has asked for their data.</Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "text"]}
            headings={["Received", "Customer", "Orders", ""]}
            rows={requests.map((r) => [
              formatDate(r.receivedAt),
              r.customer,
              String(r.receivables),
              <Button key={r.id} onClick={() => download(r.id).catch((e: Error) => setFailed(e.message))}>
                Download
              </Button>,
            ])}
          />
        )}
        {failed && (
          <Text as="p" tone="critical">
            The download did not work: {failed}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
