import { BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { AGING_BUCKETS, type AgingBucket } from "../../domain/ledger/aging";
import type { CurrencyOverview } from "../../domain/overview";

export const BUCKET_LABELS: Record<AgingBucket, string> = {
  undated: "No due date yet",
  current: "Not yet due",
  "1-30": "1–30 days late",
  "31-60": "31–60 days late",
  "61-90": "61–90 days late",
  "90+": "Over 90 days late",
};

/** What is owed on orders, by how late, one column per currency. */
export function AgingTable({ currencies, money }: { currencies: CurrencyOverview[]; money: (amount: string, currency: string) => string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          How late
        </Text>
        <DataTable
          columnContentTypes={["text", ...currencies.map(() => "numeric" as const)]}
          headings={["", ...currencies.map((c) => c.currency)]}
          rows={AGING_BUCKETS.map((bucket) => [
            BUCKET_LABELS[bucket],
            ...currencies.map((c) => `${money(c.buckets[bucket].amount, c.currency)} (${c.buckets[bucket].count})`),
          ])}
        />
        <Text as="p" tone="subdued">
          "No due date yet": terms due on fulfillment before the order is fulfilled, or a B2B order without a payment schedule. They start ageing when Shopify
          sets their due date.
        </Text>
      </BlockStack>
    </Card>
  );
}
