import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { Debtor } from "../../domain/overview";

/** The customers who owe the longest, most overdue first. */
export function DebtorsTable({ debtors, money }: { debtors: Debtor[]; money: (amount: string, currency: string) => string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Who owes the longest
        </Text>
        <DataTable
          columnContentTypes={["text", "text", "numeric", "numeric"]}
          headings={["Customer", "Company", "Owed", "Days late"]}
          rows={debtors.map((d) => [
            d.customerName ?? "Customer (data erased on request)",
            d.companyName ?? "—",
            d.owed.map((o) => money(o.amount, o.currency)).join(" + "),
            d.maxDaysOverdue > 0 ? <Badge tone={d.maxDaysOverdue > 60 ? "critical" : "warning"}>{String(d.maxDaysOverdue)}</Badge> : "Not yet due",
          ])}
        />
      </BlockStack>
    </Card>
  );
}
