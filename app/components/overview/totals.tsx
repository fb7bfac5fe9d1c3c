import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { Overview } from "../../domain/overview";

type Money = (amount: string, currency: string) => string;

function Figure({ title, lines, empty, note }: { title: string; lines: string[]; empty: string; note?: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm">
          {title}
        </Text>
        {lines.length === 0 && (
          <Text as="p" variant="headingLg">
            {empty}
          </Text>
        )}
        {lines.map((line) => (
          <Text as="p" variant="headingLg" key={line}>
            {line}
          </Text>
        ))}
        {note && (
          <Text as="p" tone="subdued">
            {note}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

/** The headline figures: owed and overdue on orders, and how many customers owe. */
export function OverviewTotals({
  overview,
  debtorCount,
  money,
  timezone,
}: {
  overview: Pick<Overview, "orders" | "overdueDebtors">;
  debtorCount: number;
  money: Money;
  timezone: string;
}) {
  return (
    <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
      <Figure title="Owed on orders" lines={overview.orders.map((c) => money(c.outstanding, c.currency))} empty="Nothing owed" />
      <Figure title="Overdue" lines={overview.orders.map((c) => money(c.overdue, c.currency))} empty="Nothing overdue" />
      <Figure
        title="Customers with open balances"
        lines={[String(debtorCount)]}
        empty="0"
        note={`${overview.overdueDebtors} past a due date · days counted in ${timezone}`}
      />
    </InlineGrid>
  );
}

/** Requests for payment (invoiced drafts) and secured money (authorized payments), apart from what orders owe. */
export function ApartTotals({ overview, money }: { overview: Pick<Overview, "drafts" | "authorized">; money: Money }) {
  if (overview.drafts.length === 0 && overview.authorized.length === 0) return null;
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <Figure
        title="Invoiced draft orders"
        lines={overview.drafts.map((c) => `${money(c.outstanding, c.currency)} (${c.receivables})`)}
        empty="None open"
        note="Invoices sent and not paid yet. They become orders, and sales, when paid."
      />
      <Figure
        title="Authorized payments"
        lines={overview.authorized.map((a) => `${money(a.amount, a.currency)} (${a.count})`)}
        empty="None"
        note="Payment secured and awaiting capture: nobody is reminded about these."
      />
    </InlineGrid>
  );
}
