import { Banner, Text } from "@shopify/polaris";

export interface ApiWindow {
  count: number;
  placedBefore: Date | string;
}

/**
 * Without read_all_orders Shopify shows Quita only the last 60 days of orders:
 * said plainly, with what Quita still knows from Shopify's notifications.
 */
export function ApiWindowNotice({ window, formatDate }: { window: ApiWindow | null; formatDate: (at: Date) => string }) {
  if (!window) return null;
  const since = formatDate(new Date(window.placedBefore));
  return (
    <Banner tone="warning" title={`Quita can read only orders placed since ${since}`}>
      <Text as="p">
        Shopify shows apps the last 60 days of orders unless the store grants access to all orders. Unpaid orders placed before {since} that Quita was not told
        about are not listed, and the {window.count === 1 ? "one" : window.count} older unpaid order{window.count === 1 ? "" : "s"} Quita knows from Shopify's
        notifications can't be checked against Shopify. To see them all, approve Quita's request for access to all orders when your Shopify admin asks, or
        contact us.
      </Text>
    </Banner>
  );
}
