import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { findShop, grantsAllOrders } from "../.server/shops.server";
import { readCollectionsOverview, readPlannedLetters } from "../.server/collections/overview.server";
import { now } from "../.server/clock.server";
import { ApartTotals, HeadlineFigures } from "../components/overview/totals";
import { AgingChart } from "../components/overview/aging-chart";
import { DebtorsTable } from "../components/overview/debtors-table";
import { NextActions } from "../components/overview/next-actions";
import { ApiWindowNotice } from "../components/api-window-notice";
import { LettersOnHoldNotice } from "../components/letters-on-hold-notice";
import { lettersOnHold } from "../domain/letter-identity";
import { useFormat, useT } from "../i18n/context";
import { commonMessages } from "../i18n/messages/common";
import { overviewMessages } from "../i18n/messages/overview";
import { resolveUiLocale } from "../i18n/locales";
import { translate } from "../i18n/translate";

// The document's title, in the admin's language (the layout's loader read it).
export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/app")?.data as { ui?: { locale?: string } } | undefined;
  return [{ title: `${translate(commonMessages, resolveUiLocale(layout?.ui?.locale), "navCollections")} · Quita` }];
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [shop, at] = await Promise.all([findShop(session.shop), now()]);
  const cadenceShop = {
    domain: session.shop,
    ianaTimezone: shop?.ianaTimezone ?? "UTC",
    settings: shop?.settings ?? {},
    currencyCode: shop?.currencyCode ?? null,
  };
  // Streamed in after the rest (single fetch): working the cadence out for every debt takes longest.
  const planned = readPlannedLetters(cadenceShop, at);
  planned.catch(() => undefined); // its failure is shown where it would be; never an unhandled rejection
  const overview = await readCollectionsOverview({ ...cadenceShop, readAllOrders: grantsAllOrders(shop?.scopes ?? session.scope) }, at);
  const onHold = shop ? lettersOnHold(shop) : null;
  return { shopName: shop?.name ?? session.shop, overview, planned, onHold };
};

export default function CollectionsOverview() {
  const { shopName, overview, planned, onHold } = useLoaderData<typeof loader>();
  const t = useT(overviewMessages);
  const common = useT(commonMessages);
  const f = useFormat();
  const owedNothing = overview.orders.length === 0 && overview.drafts.length === 0 && overview.authorized.length === 0;
  return (
    <Page title={common("navCollections")} subtitle={shopName}>
      <TitleBar title={common("navCollections")} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <LettersOnHoldNotice hold={onHold} linkToSettings />
            <ApiWindowNotice window={overview.beyondApiWindow} formatDate={f.date} />
            <HeadlineFigures overview={overview} />
            <ApartTotals overview={overview} />
          </BlockStack>
        </Layout.Section>
        {owedNothing ? (
          <Layout.Section>
            <Card>
              <EmptyState heading={t("emptyHeading")} image="">
                <p>{t("emptyBody")}</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <>
            {overview.orders.length > 0 && (
              <Layout.Section>
                <AgingChart currencies={overview.orders} />
              </Layout.Section>
            )}
            <Layout.Section variant="oneThird">
              <NextActions actions={overview.nextActions} planned={planned} />
            </Layout.Section>
            <Layout.Section>
              <DebtorsTable debtors={overview.topOverdue} />
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}
