import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, DataTable, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { findShop } from "../.server/shops.server";
import { findOpenReceivables } from "../.server/ledger/overview.server";
import { summarizeReceivables } from "../domain/overview";
import { AGING_BUCKETS } from "../domain/ledger/aging";
import { formatMoney } from "../components/money";
import { now } from "../.server/clock.server";

const DEBTORS_SHOWN = 10;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [shop, open] = await Promise.all([findShop(session.shop), findOpenReceivables(session.shop)]);
  const timezone = shop?.ianaTimezone ?? "UTC";
  const overview = summarizeReceivables(open, await now(), timezone);
  return {
    shopName: shop?.name ?? session.shop,
    locale: shop?.locale ?? "en",
    timezone,
    currencies: overview.currencies,
    debtorCount: overview.debtors.length,
    overdueDebtors: overview.overdueDebtors,
    debtors: overview.debtors.slice(0, DEBTORS_SHOWN),
  };
};

const BUCKET_LABELS = { current: "Not yet due", "1-30": "1–30 days late", "31-60": "31–60 days late", "61-90": "61–90 days late", "90+": "Over 90 days late" } as const;

export default function CollectionsOverview() {
  const { shopName, locale, timezone, currencies, debtorCount, overdueDebtors, debtors } = useLoaderData<typeof loader>();
  const money = (amount: string, currency: string) => formatMoney(amount, currency, locale);
  return (
    <Page title="Collections" subtitle={shopName}>
      <TitleBar title="Collections" />
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">Total outstanding</Text>
                {currencies.length === 0 && <Text as="p" variant="headingLg">Nothing owed</Text>}
                {currencies.map((c) => (
                  <Text as="p" variant="headingLg" key={c.currency}>{money(c.outstanding, c.currency)}</Text>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">Overdue</Text>
                {currencies.length === 0 && <Text as="p" variant="headingLg">Nothing overdue</Text>}
                {currencies.map((c) => (
                  <Text as="p" variant="headingLg" key={c.currency}>{money(c.overdue, c.currency)}</Text>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">Customers with open balances</Text>
                <Text as="p" variant="headingLg">{debtorCount}</Text>
                <Text as="p" tone="subdued">{overdueDebtors} past a due date · days counted in {timezone}</Text>
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        {currencies.length === 0 ? (
          <Layout.Section>
            <Card>
              <EmptyState heading="No unpaid orders are being followed yet" image="">
                <p>
                  Quita lists here every B2B order on payment terms that is not fully paid and every draft order whose
                  invoice was sent and is still open, grouped by customer and by how late it is.
                </p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <>
            <Layout.Section>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">How late</Text>
                  <DataTable
                    columnContentTypes={["text", ...currencies.map(() => "numeric" as const)]}
                    headings={["", ...currencies.map((c) => c.currency)]}
                    rows={AGING_BUCKETS.map((bucket) => [
                      BUCKET_LABELS[bucket],
                      ...currencies.map((c) => `${money(c.buckets[bucket].amount, c.currency)} (${c.buckets[bucket].count})`),
                    ])}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
            <Layout.Section>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">Who owes the longest</Text>
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
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}
