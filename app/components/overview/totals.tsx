import { BlockStack, Card, InlineGrid, Text, Tooltip } from "@shopify/polaris";
import type { CollectionsOverview } from "../../domain/overview";
import { useFormat, useT } from "../../i18n/context";
import { overviewMessages } from "../../i18n/messages/overview";

function Figure({ title, lines, empty, notes = [], help }: { title: string; lines: string[]; empty: string; notes?: string[]; help?: string }) {
  const heading = (
    <Text as="h2" variant="headingSm">
      {title}
    </Text>
  );
  return (
    <Card>
      <BlockStack gap="200">
        {help ? (
          <Tooltip content={help} hasUnderline activatorWrapper="div">
            {heading}
          </Tooltip>
        ) : (
          heading
        )}
        {(lines.length === 0 ? [empty] : lines).map((line) => (
          <Text as="p" variant="headingLg" key={line}>
            {line}
          </Text>
        ))}
        {notes.map((note) => (
          <Text as="p" tone="subdued" key={note}>
            {note}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}

type Headline = Pick<CollectionsOverview, "orders" | "debtorCount" | "overdueDebtors" | "recovered" | "incentiveCost" | "dso">;

/** What orders owe and how much of it is late, who owes, what letters brought back, and DSO. */
export function HeadlineFigures({ overview }: { overview: Headline }) {
  const t = useT(overviewMessages);
  const f = useFormat();
  const { dso } = overview;
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
      <Figure
        title={t("outstanding")}
        lines={overview.orders.map((c) => f.money(c.outstanding, c.currency))}
        empty={t("nothingOwed")}
        notes={[t("debtors", { count: overview.debtorCount })]}
      />
      <Figure
        title={t("overdue")}
        lines={overview.orders.map((c) => f.money(c.overdue, c.currency))}
        empty={t("nothingOverdue")}
        notes={[t("overdueDebtors", { count: overview.overdueDebtors }), t("daysCountedIn", { city: f.zoneCity() })]}
      />
      <Figure
        title={t("recovered")}
        lines={overview.recovered.map((r) => f.money(r.amount, r.currency))}
        empty={t("recoveredNone")}
        notes={[
          t("recoveredNote"),
          ...overview.recovered.map((r) =>
            t("recoveredSplit", { withIncentive: f.money(r.withIncentive, r.currency), withoutIncentive: f.money(r.withoutIncentive, r.currency) }),
          ),
          ...overview.incentiveCost.map((c) => t("incentiveCost", { amount: f.money(c.amount, c.currency), count: c.offers })),
        ]}
      />
      <Figure
        title={t("dso")}
        lines={dso?.days != null ? [t("dsoDays", { count: dso.days })] : []}
        empty={t("dsoNone")}
        notes={[t("dsoNote")]}
        help={dso ? t("dsoHelp", { open: f.money(dso.open, dso.currency), sales: f.money(dso.sales, dso.currency) }) : undefined}
      />
    </InlineGrid>
  );
}

/** Requests for payment (invoiced drafts) and secured money (authorized payments), apart from what orders owe. */
export function ApartTotals({ overview }: { overview: Pick<CollectionsOverview, "drafts" | "authorized"> }) {
  const t = useT(overviewMessages);
  const f = useFormat();
  if (overview.drafts.length === 0 && overview.authorized.length === 0) return null;
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <Figure
        title={t("drafts")}
        lines={overview.drafts.map((c) => `${f.money(c.outstanding, c.currency)} · ${t("receivables", { count: c.receivables })}`)}
        empty={t("draftsNone")}
        notes={[t("draftsNote")]}
      />
      <Figure
        title={t("authorized")}
        lines={overview.authorized.map((a) => `${f.money(a.amount, a.currency)} · ${t("receivables", { count: a.count })}`)}
        empty={t("authorizedNone")}
        notes={[t("authorizedNote")]}
      />
    </InlineGrid>
  );
}
