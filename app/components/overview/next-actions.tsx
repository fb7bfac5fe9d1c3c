import { Suspense } from "react";
import { Await } from "@remix-run/react";
import { BlockStack, Card, Icon, InlineStack, SkeletonBodyText, Text } from "@shopify/polaris";
import { AlertTriangleIcon, CalendarIcon, ClockIcon, EmailIcon } from "@shopify/polaris-icons";
import type { NextActions as Actions, PlannedLetters } from "../../domain/overview";
import { useT } from "../../i18n/context";
import { overviewMessages } from "../../i18n/messages/overview";
import { useInBrowser } from "../use-in-browser";

type Line = { icon: typeof EmailIcon; tone?: "critical" | "caution"; text: string };

function Lines({ lines }: { lines: Line[] }) {
  return (
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
  );
}

/** What needs the merchant (letters of unknown fate, promises due), and what Quita will send today and this week. */
export function NextActions({ actions, planned }: { actions: Actions; planned: Promise<PlannedLetters> }) {
  const t = useT(overviewMessages);
  const live = useInBrowser();
  const forMerchant: Line[] = [
    ...(actions.unknownSends > 0 ? [{ icon: AlertTriangleIcon, tone: "critical" as const, text: t("unknownSends", { count: actions.unknownSends }) }] : []),
    ...(actions.promisesDue > 0 ? [{ icon: ClockIcon, tone: "caution" as const, text: t("promisesDue", { count: actions.promisesDue }) }] : []),
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("nextTitle")}
        </Text>
        {forMerchant.length > 0 && <Lines lines={forMerchant} />}
        {/* The planned letters arrive after the page (streamed): their boundary is drawn in the browser only.
            Server-rendered, it would wait to be hydrated until they arrive, and any update meanwhile (a link
            discovering its route, a click) would throw React's #421 and redraw it. */}
        {!live ? (
          <SkeletonBodyText lines={2} />
        ) : (
          <Suspense fallback={<SkeletonBodyText lines={2} />}>
            <Await
              resolve={planned}
              errorElement={
                <Text as="p" tone="critical">
                  {t("plannedUnavailable")}
                </Text>
              }
            >
              {(letters) => (
                <Lines
                  lines={[
                    { icon: EmailIcon, text: t("plannedToday", { count: letters.today }) },
                    { icon: CalendarIcon, text: t("plannedWeek", { count: letters.thisWeek }) },
                  ]}
                />
              )}
            </Await>
          </Suspense>
        )}
        {forMerchant.length === 0 && (
          <Text as="p" tone="subdued">
            {t("nothingToDo")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
