import { Badge, BlockStack, Card, DataTable, InlineStack, Link, Text } from "@shopify/polaris";
import type { OverdueDebtor } from "../../domain/overview";
import { customerPath } from "../customer-path";
import { useFormat, useT } from "../../i18n/context";
import { commonMessages } from "../../i18n/messages/common";
import { overviewMessages } from "../../i18n/messages/overview";

type Shown = Omit<OverdueDebtor, "oldestDueAt"> & { oldestDueAt: Date | string };

/** The customers most overdue, each leading to their page, and the way to all debtors. */
export function DebtorsTable({ debtors }: { debtors: Shown[] }) {
  const t = useT(overviewMessages);
  const common = useT(commonMessages);
  const f = useFormat();
  const nameOf = (d: Shown) => d.customerName ?? (d.customerKey.startsWith("gid://shopify/Customer/") ? common("unnamedCustomer") : common("noCustomer"));
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("topTitle")}
          </Text>
          <Link url="/app/debtors">{t("seeAllDebtors")}</Link>
        </InlineStack>
        {debtors.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("topEmpty")}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "numeric", "numeric"]}
            headings={[t("columnCustomer"), t("columnCompany"), t("columnOwed"), t("columnOverdue")]}
            rows={debtors.map((d) => [
              <Link url={customerPath(d.customerKey)} key={d.customerKey}>
                {nameOf(d)}
              </Link>,
              d.companyName ?? "—",
              d.owed.map((o) => f.money(o.amount, o.currency)).join(" + "),
              <Badge tone={d.maxDaysOverdue > 60 ? "critical" : "warning"} key="days">
                {common("daysOverdue", { count: d.maxDaysOverdue })}
              </Badge>,
            ])}
          />
        )}
      </BlockStack>
    </Card>
  );
}
