import { Banner, BlockStack, Text } from "@shopify/polaris";
import { useT } from "../i18n/context";
import { apiWindowMessages } from "../i18n/messages/api-window";

export interface ApiWindow {
  count: number;
  placedBefore: Date | string;
}

/**
 * Without read_all_orders Shopify shows Quita only the last 60 days of orders:
 * said plainly, with what Quita still knows from Shopify's notifications.
 */
export function ApiWindowNotice({ window, formatDate }: { window: ApiWindow | null; formatDate: (at: Date) => string }) {
  const t = useT(apiWindowMessages);
  if (!window) return null;
  const date = formatDate(new Date(window.placedBefore));
  return (
    <Banner tone="warning" title={t("title", { date })}>
      <BlockStack gap="200">
        <Text as="p">{t("body", { date, count: window.count })}</Text>
        <Text as="p">{t("nextStep")}</Text>
      </BlockStack>
    </Banner>
  );
}
