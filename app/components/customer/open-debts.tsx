import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useFormat, useT } from "../../i18n/context";
import { customerMessages } from "../../i18n/messages/customer";
import { commonMessages } from "../../i18n/messages/common";
import { debtPauseMessages } from "../../i18n/messages/debt-pause";
import { adminUrlOf, type CustomerView } from "./serialized";
import { DebtPause } from "./debt-pause";

type Debt = CustomerView["openDebts"][number];
const noonOf = (day: string) => `${day}T12:00:00Z`;

/**
 * A debt under a running installment agreement: the plan, not the order's own due date, says what
 * is owed and when, so the row says where the plan stands instead of how late the order is.
 */
function AgreementStatus({ agreement }: { agreement: NonNullable<Debt["agreement"]> }) {
  const t = useT(customerMessages);
  const f = useFormat();
  const { next, currency } = agreement;
  const nextKey = next ? ({ due: "agreementNext", overdue: "agreementOverdue", missed: "agreementMissed" } as const)[next.state] : null;
  return (
    <BlockStack gap="100" inlineAlign="start">
      <Badge tone={next && next.state !== "due" ? "warning" : "info"}>{t("agreementBadge")}</Badge>
      <Text as="span" variant="bodySm">
        {t("agreementPaid", { paid: agreement.paid, count: agreement.count })}
      </Text>
      <Text as="span" variant="bodySm">
        {t("agreementLeft", { amount: f.money(agreement.left, currency) })}
      </Text>
      {next && nextKey && (
        <Text as="span" variant="bodySm" tone={next.state === "due" ? "subdued" : next.state === "overdue" ? "caution" : "critical"}>
          {t(nextKey, { number: next.number, amount: f.money(next.amount, currency), date: f.date(noonOf(next.dueOn)) })}
        </Text>
      )}
    </BlockStack>
  );
}

function AgeStatus({ debt }: { debt: Debt }): ReactNode {
  const common = useT(commonMessages);
  if (debt.agreement) return <AgreementStatus agreement={debt.agreement} />;
  if (debt.daysOverdue > 0) return <Badge tone={debt.daysOverdue > 60 ? "critical" : "warning"}>{common("daysOverdue", { count: debt.daysOverdue })}</Badge>;
  return <Badge>{common(debt.dueAt ? "bucketCurrent" : "bucketUndated")}</Badge>;
}

/** The open orders and invoiced drafts, each a link to its page in Shopify's admin; what they owe is Shopify's figure. */
export function OpenDebts({ debts, today }: { debts: CustomerView["openDebts"]; today: string }) {
  const t = useT(customerMessages);
  const pauses = useT(debtPauseMessages);
  const f = useFormat();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("debtsTitle")}
        </Text>
        {debts.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("debtsEmpty")}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "numeric", "text", "text", "text"]}
            headings={[t("colDebt"), t("colOwed"), t("colDue"), t("colAge"), pauses("colReminders")]}
            rows={debts.map((d) => {
              const href = adminUrlOf(d.resourceGid);
              const label = `${d.name} · ${t(d.kind === "draft_order" ? "kindDraft" : "kindOrder")}`;
              return [
                href ? (
                  <a key="link" href={href} target="_top" title={t("openInShopify", { name: d.name })} className="Polaris-Link">
                    {label}
                  </a>
                ) : (
                  label
                ),
                d.currency === d.shopCurrency
                  ? f.money(d.outstanding, d.currency)
                  : `${f.money(d.outstanding, d.currency)} (${f.money(d.shopOutstanding, d.shopCurrency)})`,
                d.dueAt ? f.date(d.dueAt) : t("noDueDate"),
                <AgeStatus key="age" debt={d} />,
                <DebtPause key="pause" debt={d} today={today} />,
              ];
            })}
          />
        )}
      </BlockStack>
    </Card>
  );
}
