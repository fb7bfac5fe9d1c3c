import { lazy, Suspense } from "react";
import { BlockStack, Box, Card, DataTable, Text } from "@shopify/polaris";
import { AGING_BUCKETS, type AgingBucket } from "../../domain/ledger/aging";
import type { CurrencyOverview } from "../../domain/overview";
import { useFormat, useT } from "../../i18n/context";
import { commonMessages } from "../../i18n/messages/common";
import { overviewMessages } from "../../i18n/messages/overview";
import { useInBrowser } from "../use-in-browser";

const BUCKET_KEYS = {
  undated: "bucketUndated",
  current: "bucketCurrent",
  "1-30": "bucket1-30",
  "31-60": "bucket31-60",
  "61-90": "bucket61-90",
  "90+": "bucket90+",
} as const satisfies Record<AgingBucket, string>;

const CHART_HEIGHT = 240;
const AgingBars = lazy(() => import("./aging-bars"));

// polaris-viz measures its container in the browser and reads `window` while rendering, so the
// server (and the first render in the browser, to hydrate the same markup) draws an empty box of
// the chart's size, and the chart is loaded and drawn once the page is live. The figures
// themselves are in the table below it from the first byte.
function CurrencyChart({ currency, label }: { currency: CurrencyOverview; label: string }) {
  const t = useT(overviewMessages);
  const common = useT(commonMessages);
  const f = useFormat();
  const live = useInBrowser();
  const bars = AGING_BUCKETS.map((bucket) => ({ key: common(BUCKET_KEYS[bucket]), value: Number(currency.buckets[bucket].amount) }));
  return (
    // The chart is a picture of the table that follows it: screen readers read the table.
    <div style={{ height: CHART_HEIGHT }} aria-hidden="true" data-chart={label}>
      {live && (
        <Suspense fallback={null}>
          <AgingBars name={t("agingSeries")} bars={bars} format={(value) => f.money(String(value), currency.currency)} />
        </Suspense>
      )}
    </div>
  );
}

/** What orders owe, by how late, in each currency: a bar chart and its figures. */
export function AgingChart({ currencies }: { currencies: CurrencyOverview[] }) {
  const t = useT(overviewMessages);
  const common = useT(commonMessages);
  const f = useFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("agingTitle")}
        </Text>
        {currencies.map((currency) => (
          <BlockStack gap="200" key={currency.currency}>
            {currencies.length > 1 && (
              <Text as="h3" variant="headingSm">
                {currency.currency}
              </Text>
            )}
            <CurrencyChart currency={currency} label={currency.currency} />
            <Box>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric"]}
                headings={[t("agingBucket"), t("agingAmount"), t("agingCount")]}
                rows={AGING_BUCKETS.map((bucket) => [
                  common(BUCKET_KEYS[bucket]),
                  f.money(currency.buckets[bucket].amount, currency.currency),
                  f.number(currency.buckets[bucket].count),
                ])}
              />
            </Box>
          </BlockStack>
        ))}
        <Text as="p" tone="subdued">
          {t("agingUndatedNote")}
        </Text>
      </BlockStack>
    </Card>
  );
}
