import { Badge, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { useFormat, useT } from "../../i18n/context";
import { customerMessages } from "../../i18n/messages/customer";
import { commonMessages } from "../../i18n/messages/common";
import { adminUrlOf, type CustomerView } from "./serialized";

/** The open orders and invoiced drafts, each a link to its page in Shopify's admin. */
export function OpenDebts({ debts }: { debts: CustomerView["openDebts"] }) {
  const t = useT(customerMessages);
  const common = useT(commonMessages);
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
            columnContentTypes={["text", "numeric", "text", "text"]}
            headings={[t("colDebt"), t("colOwed"), t("colDue"), t("colAge")]}
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
                d.daysOverdue > 0 ? (
                  <Badge key="age" tone={d.daysOverdue > 60 ? "critical" : "warning"}>
                    {common("daysOverdue", { count: d.daysOverdue })}
                  </Badge>
                ) : d.dueAt ? (
                  <Badge key="age">{common("bucketCurrent")}</Badge>
                ) : (
                  <Badge key="age">{common("bucketUndated")}</Badge>
                ),
              ];
            })}
          />
        )}
      </BlockStack>
    </Card>
  );
}
