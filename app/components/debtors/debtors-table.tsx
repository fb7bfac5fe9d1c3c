import { Badge, BlockStack, IndexTable, Link, Text, useIndexResourceState } from "@shopify/polaris";
import type { DebtorStatus } from "./debtor-query";
import { customerPath } from "../customer-path";
import { DEBTOR_STATUS_TONES } from "../debtor-status-tones";
import { useFormat, useT } from "../../i18n/context";
import { commonMessages } from "../../i18n/messages/common";
import { debtorsMessages } from "../../i18n/messages/debtors";
import { debtorsBulkMessages } from "../../i18n/messages/debtors-bulk";

// One row per debtor: who (B2B: the company, its location, then the contact), what they owe per
// currency billed (with its value in the shop's currency when billed in another), how late, their
// status, and when Quita last wrote and writes next. The name leads to the customer's page.

export interface ShownDebtor {
  customerKey: string;
  customerName: string | null;
  companyName: string | null;
  companyLocationName: string | null;
  owed: { currency: string; amount: string; shopCurrency: string; shopAmount: string }[];
  receivables: number;
  oldestDueAt: Date | string | null;
  daysOverdue: number | null;
  status: DebtorStatus;
  lastContactAt: Date | string | null;
  nextContactOn: string | null;
}

export interface BulkHandlers {
  onPause(keys: string[]): void;
  onResume(keys: string[]): void;
  onSend(keys: string[]): void;
}

export function DebtorsTable({
  debtors,
  loading,
  bulk,
  pagination,
}: {
  debtors: ShownDebtor[];
  loading: boolean;
  bulk: BulkHandlers;
  pagination: React.ComponentProps<typeof IndexTable>["pagination"];
}) {
  const t = useT(debtorsMessages);
  const common = useT(commonMessages);
  const bulkT = useT(debtorsBulkMessages);
  const f = useFormat();
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(debtors.map((d) => ({ id: d.customerKey })));
  const selected = () => (allResourcesSelected ? debtors.map((d) => d.customerKey) : selectedResources);
  const act = (handler: (keys: string[]) => void) => () => {
    handler(selected());
    clearSelection();
  };
  const nameOf = (d: ShownDebtor) => d.customerName ?? (d.customerKey.startsWith("gid://shopify/Customer/") ? common("unnamedCustomer") : common("noCustomer"));
  // A next contact is a calendar day in the shop already: written as that day, with no zone to move it.
  const calendarDay = new Intl.DateTimeFormat(f.locale, { dateStyle: "medium", timeZone: "UTC" });
  const day = (isoDate: string) => calendarDay.format(new Date(`${isoDate}T00:00:00Z`));
  const lateness = (d: ShownDebtor) => {
    if (d.daysOverdue === null) return "—";
    if (d.daysOverdue > 0) return common("daysOverdue", { count: d.daysOverdue });
    if (d.daysOverdue === 0) return common("dueToday");
    return common("dueInDays", { count: -d.daysOverdue });
  };

  return (
    <IndexTable
      resourceName={{ singular: t("resourceSingular"), plural: t("resourcePlural") }}
      itemCount={debtors.length}
      selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
      onSelectionChange={handleSelectionChange}
      loading={loading}
      promotedBulkActions={[
        { content: bulkT("bulkPause"), onAction: act(bulk.onPause) },
        { content: bulkT("bulkResume"), onAction: act(bulk.onResume) },
        { content: bulkT("bulkSend"), onAction: act(bulk.onSend) },
      ]}
      headings={[
        { title: t("columnCustomer") },
        { title: t("columnOwed"), alignment: "end" },
        { title: t("columnOldestDue") },
        { title: t("columnLate") },
        { title: t("columnStatus") },
        { title: t("columnLastContact") },
        { title: t("columnNextContact") },
      ]}
      pagination={pagination}
    >
      {debtors.map((d, index) => (
        <IndexTable.Row id={d.customerKey} key={d.customerKey} position={index} selected={selectedResources.includes(d.customerKey)}>
          <IndexTable.Cell>
            <BlockStack gap="050">
              <Link url={customerPath(d.customerKey)} dataPrimaryLink removeUnderline monochrome>
                <Text as="span" fontWeight="semibold">
                  {d.companyName ?? nameOf(d)}
                </Text>
              </Link>
              {d.companyName && (
                <Text as="span" variant="bodySm" tone="subdued">
                  {[d.companyLocationName, nameOf(d)].filter(Boolean).join(" · ")}
                </Text>
              )}
              <Text as="span" variant="bodySm" tone="subdued">
                {t("debtsCount", { count: d.receivables })}
              </Text>
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <BlockStack gap="050" inlineAlign="end">
              {d.owed.map((o) => (
                <Text as="span" numeric key={o.currency + o.shopCurrency}>
                  {f.money(o.amount, o.currency)}
                  {o.currency !== o.shopCurrency && (
                    <Text as="span" variant="bodySm" tone="subdued">
                      {" "}
                      ({t("inShopCurrency", { amount: f.money(o.shopAmount, o.shopCurrency) })})
                    </Text>
                  )}
                </Text>
              ))}
            </BlockStack>
          </IndexTable.Cell>
          <IndexTable.Cell>{d.oldestDueAt ? f.date(d.oldestDueAt) : t("noDueDate")}</IndexTable.Cell>
          <IndexTable.Cell>{lateness(d)}</IndexTable.Cell>
          <IndexTable.Cell>
            <Badge tone={DEBTOR_STATUS_TONES[d.status]}>{t(`status_${d.status}`)}</Badge>
          </IndexTable.Cell>
          <IndexTable.Cell>{d.lastContactAt ? f.date(d.lastContactAt) : t("neverContacted")}</IndexTable.Cell>
          <IndexTable.Cell>{d.nextContactOn ? day(d.nextContactOn) : t("nothingPlanned")}</IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
