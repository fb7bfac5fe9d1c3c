import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { findShop } from "../.server/shops.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  return {
    shopName: shop?.name ?? session.shop,
    currencyCode: shop?.currencyCode ?? null,
    timezone: shop?.ianaTimezone ?? "UTC",
  };
};

export default function CollectionsOverview() {
  const { shopName, currencyCode, timezone } = useLoaderData<typeof loader>();
  return (
    <Page title="Collections">
      <TitleBar title="Collections" />
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">Total outstanding</Text>
                <Text as="p" variant="headingLg">Nothing owed</Text>
                <Text as="p" tone="subdued">{currencyCode ? `Amounts in ${currencyCode} and each order's own currency` : "Amounts in each order's currency"}</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">Customers with open balances</Text>
                <Text as="p" variant="headingLg">0</Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingSm">Shop</Text>
                <Text as="p" variant="headingMd">{shopName}</Text>
                <Text as="p" tone="subdued">Due dates and ageing follow {timezone}</Text>
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
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
      </Layout>
    </Page>
  );
}
