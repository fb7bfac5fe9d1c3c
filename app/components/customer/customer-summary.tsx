import { Badge, BlockStack, Card, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { useFormat, useT } from "../../i18n/context";
import { customerMessages } from "../../i18n/messages/customer";
import { letterPreviewMessages } from "../../i18n/messages/letter-preview";
import type { CustomerStatus } from "../../.server/customers/customer-facts.server";
import type { CustomerView } from "./serialized";
import { DEBTOR_STATUS_TONES } from "../debtor-status-tones";

// Each status in the customer page's words, in the colour it has on the Debtors list, where the merchant met this customer.
const STATUS_KEY = {
  overdue: "statusOverdue",
  promised: "statusPromised",
  paused: "statusPaused",
  no_email: "statusNoEmail",
  in_agreement: "statusInAgreement",
} as const satisfies Record<CustomerStatus, string>;

export function StatusBadges({ statuses }: { statuses: CustomerStatus[] }) {
  const t = useT(customerMessages);
  if (statuses.length === 0) return <Badge tone={DEBTOR_STATUS_TONES.on_track}>{t("statusOnTrack")}</Badge>;
  return (
    <InlineStack gap="200">
      {statuses.map((s) => (
        <Badge key={s} tone={DEBTOR_STATUS_TONES[s]}>
          {t(STATUS_KEY[s])}
        </Badge>
      ))}
    </InlineStack>
  );
}

function Fact({ label, value }: { label: string; value: string | null }) {
  const t = useT(customerMessages);
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" tone={value ? undefined : "subdued"} breakWord>
        {value ?? t("notGiven")}
      </Text>
    </BlockStack>
  );
}

/**
 * Who the customer is (and their company, for B2B) and what they owe, per currency billed and in the
 * shop's; of it, what is overdue and what is left of running installment plans (never both: a debt
 * under a plan is paid on the plan's days, not the order's).
 */
export function CustomerSummary({ customer }: { customer: CustomerView }) {
  const t = useT(customerMessages);
  const lang = useT(letterPreviewMessages);
  const f = useFormat();
  const { contact, company, owed } = customer;
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("contactTitle")}
          </Text>
          <InlineGrid columns={2} gap="300">
            <Fact label={t("email")} value={contact.email} />
            <Fact label={t("phone")} value={contact.phone} />
            <Fact label={t("letterLanguage")} value={lang(`lang.${customer.letterLocale}`)} />
            {company && <Fact label={t("company")} value={company.name} />}
            {company && <Fact label={t("location")} value={company.location} />}
          </InlineGrid>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("owedTitle")}
          </Text>
          {owed.billed.length === 0 ? (
            <Text as="p" tone="subdued">
              {t("owedNothing")}
            </Text>
          ) : (
            <BlockStack gap="200">
              {owed.billed.map((o) => (
                <InlineStack key={o.currency} align="space-between">
                  <Text as="span">{t("owedBilled", { currency: o.currency })}</Text>
                  <Text as="span" variant="headingMd">
                    {f.money(o.amount, o.currency)}
                  </Text>
                </InlineStack>
              ))}
              {owed.overdue.map((o) => (
                <InlineStack key={`overdue-${o.currency}`} align="space-between">
                  <Text as="span">{t("owedOverdue", { currency: o.currency })}</Text>
                  <Text as="span">{f.money(o.amount, o.currency)}</Text>
                </InlineStack>
              ))}
              {owed.inAgreement.map((o) => (
                <InlineStack key={`agreement-${o.currency}`} align="space-between">
                  <Text as="span">{t("owedInAgreement", { currency: o.currency })}</Text>
                  <Text as="span">{f.money(o.amount, o.currency)}</Text>
                </InlineStack>
              ))}
              {owed.shop.map((o) => (
                <InlineStack key={`shop-${o.currency}`} align="space-between">
                  <Text as="span" tone="subdued">
                    {t("owedShop", { currency: o.currency })}
                  </Text>
                  <Text as="span" tone="subdued">
                    {f.money(o.amount, o.currency)}
                  </Text>
                </InlineStack>
              ))}
            </BlockStack>
          )}
          <StatusBadges statuses={customer.statuses} />
        </BlockStack>
      </Card>
    </InlineGrid>
  );
}
