import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { BlockStack, List, Select, Text, TextField } from "@shopify/polaris";
import type { InstallmentActionResult } from "../../.server/customers/installment-action.server";
import { useFormat, useT } from "../../i18n/context";
import { offerInstallmentsMessages } from "../../i18n/messages/offer-installments";
import { IncentiveCard, useIntentForm } from "./incentive-card";
import type { CustomerView } from "./serialized";

/** A calendar day of the shop (YYYY-MM-DD) as an instant at its noon: the same day in any time zone near the shop's. */
const noonOf = (day: string) => `${day}T12:00:00Z`;

/** "Offer an installment plan": which order, how many installments, from when and how far apart; the problem next to the field. */
export function OfferInstallments({ debts }: { debts: CustomerView["openDebts"] }) {
  const t = useT(offerInstallmentsMessages);
  const f = useFormat();
  const form = useIntentForm(useFetcher<InstallmentActionResult>(), "offer_installments", t);
  const { errors, say } = form;
  const orders = debts.filter((d) => d.kind === "order");
  const [debt, setDebt] = useState(orders[0]?.id ?? "");
  const [count, setCount] = useState("3");
  const [firstDate, setFirstDate] = useState("");
  const [intervalDays, setIntervalDays] = useState("30");
  const made = form.answer?.ok ? form.answer.plan : null;
  if (orders.length === 0) return null;
  const success = made && (
    <BlockStack gap="200">
      <Text as="p">{t("offered", { count: made.installments.length, first: f.date(noonOf(made.installments[0]!.dueOn)) })}</Text>
      <List type="bullet">
        {made.installments.map((i) => (
          <List.Item key={i.number}>
            {t("installmentLine", {
              number: i.number,
              amount: f.money(i.amount, made.currency),
              date: f.date(noonOf(i.dueOn)),
              draft: i.draftOrderName,
            })}
          </List.Item>
        ))}
      </List>
    </BlockStack>
  );
  return (
    <IncentiveCard form={form} title={t("title")} help={t("help")} submit={t("offer")} success={success}>
      <Select
        label={t("debt")}
        name="debt"
        value={debt}
        onChange={setDebt}
        options={orders.map((d) => ({ label: `${d.name} · ${f.money(d.outstanding, d.currency)}`, value: d.id }))}
        error={say(errors.debt)}
      />
      <TextField label={t("count")} name="count" type="number" value={count} onChange={setCount} autoComplete="off" error={say(errors.count)} />
      <TextField
        label={t("firstDate")}
        name="firstDate"
        type="date"
        value={firstDate}
        onChange={setFirstDate}
        autoComplete="off"
        error={say(errors.firstDate)}
      />
      <TextField
        label={t("intervalDays")}
        name="intervalDays"
        type="number"
        value={intervalDays}
        onChange={setIntervalDays}
        autoComplete="off"
        error={say(errors.intervalDays)}
      />
    </IncentiveCard>
  );
}
