import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { findShop, grantsAllOrders } from "../.server/shops.server";
import { findOpenReceivables } from "../.server/ledger/overview.server";
import { summarizeReceivables } from "../domain/overview";
import { formatMoney } from "../components/money";
import { now } from "../.server/clock.server";
import { ApartTotals, OverviewTotals } from "../components/overview/totals";
import { AgingTable } from "../components/overview/aging-table";
import { DebtorsTable } from "../components/overview/debtors-table";
import { ApiWindowNotice } from "../components/api-window-notice";

const DEBTORS_SHOWN = 10;

export const meta = () => [{ title: "Collections · Quita" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [shop, open, at] = await Promise.all([findShop(session.shop), findOpenReceivables(session.shop), now()]);
  const timezone = shop?.ianaTimezone ?? "UTC";
  const overview = summarizeReceivables(open, at, timezone, {
    shopCurrency: shop?.currencyCode ?? null,
    readAllOrders: grantsAllOrders(shop?.scopes ?? session.scope),
  });
  return {
    shopName: shop?.name ?? session.shop,
    locale: shop?.locale ?? "en",
    timezone,
    overview: { ...overview, debtors: overview.debtors.slice(0, DEBTORS_SHOWN), debtorCount: overview.debtors.length },
  };
};

export default function CollectionsOverview() {
  const { shopName, locale, timezone, overview } = useLoaderData<typeof loader>();
  const money = (amount: string, currency: string) => formatMoney(amount, currency, locale);
  const date = (at: Date) => at.toLocaleDateString(locale, { timeZone: timezone, dateStyle: "medium" });
  const owedNothing = overview.orders.length === 0 && overview.drafts.length === 0 && overview.authorized.length === 0;
  return (
    <Page title="Collections" subtitle={shopName}>
      <TitleBar title="Collections" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <ApiWindowNotice window={overview.beyondApiWindow} formatDate={date} />
            <OverviewTotals overview={overview} debtorCount={overview.debtorCount} money={money} timezone={timezone} />
            <ApartTotals overview={overview} money={money} />
          </BlockStack>
        </Layout.Section>
        {owedNothing ? (
          <Layout.Section>
            <Card>
              <EmptyState heading="No unpaid orders are being followed yet" image="">
                <p>
                  Quita lists here every B2B order on payment terms that is not fully paid and every draft order whose invoice was sent and is still open,
                  grouped by customer and by how late it is.
                </p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <>
            {overview.orders.length > 0 && (
              <Layout.Section>
                <AgingTable currencies={overview.orders} money={money} />
              </Layout.Section>
            )}
            <Layout.Section>
              <DebtorsTable debtors={overview.debtors} money={money} />
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}
