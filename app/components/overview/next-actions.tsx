import { BlockStack, Card, Icon, InlineStack, Text } from "@shopify/polaris";
import { AlertTriangleIcon, CalendarIcon, ClockIcon, EmailIcon } from "@shopify/polaris-icons";
import type { NextActions as Actions } from "../../domain/overview";
import { useT } from "../../i18n/context";
import { overviewMessages } from "../../i18n/messages/overview";

/** What needs the merchant, or Quita, today and this week. */
export function NextActions({ actions }: { actions: Actions }) {
  const t = useT(overviewMessages);
  const lines = [
    { show: actions.unknownSends > 0, icon: AlertTriangleIcon, tone: "critical" as const, text: t("unknownSends", { count: actions.unknownSends }) },
    { show: actions.promisesDue > 0, icon: ClockIcon, tone: "caution" as const, text: t("promisesDue", { count: actions.promisesDue }) },
    { show: true, icon: EmailIcon, tone: undefined, text: t("plannedToday", { count: actions.plannedToday }) },
    { show: true, icon: CalendarIcon, tone: undefined, text: t("plannedWeek", { count: actions.plannedThisWeek }) },
  ].filter((line) => line.show);
  const needsMerchant = actions.unknownSends > 0 || actions.promisesDue > 0;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("nextTitle")}
        </Text>
        <BlockStack gap="200" as="ul">
          {lines.map((line) => (
            <InlineStack gap="200" wrap={false} blockAlign="center" key={line.text} as="li">
              <span>
                <Icon source={line.icon} tone={line.tone ?? "subdued"} />
              </span>
              <Text as="span" tone={line.tone}>
                {line.text}
              </Text>
            </InlineStack>
          ))}
        </BlockStack>
        {!needsMerchant && (
          <Text as="p" tone="subdued">
            {t("nothingToDo")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
