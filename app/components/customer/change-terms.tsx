import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Select, TextField } from "@shopify/polaris";
import type { TermsActionResult } from "../../.server/customers/terms-action.server";
import { useFormat, useT } from "../../i18n/context";
import { changeTermsMessages } from "../../i18n/messages/change-terms";
import type { Params } from "../../i18n/translate";
import { IncentiveCard, useIntentForm } from "./incentive-card";
import type { CustomerView } from "./serialized";

/** "Give more time": one open debt and its new due date, the problem next to the field, the new date once Shopify has it. */
export function ChangeTerms({ debts }: { debts: CustomerView["openDebts"] }) {
  const t = useT(changeTermsMessages);
  const f = useFormat();
  // A day of the shop's calendar (YYYY-MM-DD), written as the merchant reads dates; noon UTC is that day in every shop's zone.
  const day = (date: string) => f.date(`${date}T12:00:00Z`);
  const asDays = (params: Params) => {
    for (const key of ["current", "latest", "today"]) if (typeof params[key] === "string") params[key] = day(String(params[key]));
    return params;
  };
  const form = useIntentForm(useFetcher<TermsActionResult>(), "change_terms", t, asDays);
  const { errors, say } = form;
  const [order, setOrder] = useState(debts[0]?.resourceGid ?? "");
  const [date, setDate] = useState("");
  const done = form.answer?.ok ? form.answer.change : null;
  const options = debts.map((d) => ({ label: `${d.name} · ${d.dueAt ? t("dueOn", { date: f.date(d.dueAt) }) : t("noDueDate")}`, value: d.resourceGid }));
  return (
    <IncentiveCard
      form={form}
      title={t("title")}
      help={t("help")}
      submit={t("change")}
      success={done && t("changed", { name: done.name, date: day(done.dueDate) })}
    >
      <Select label={t("order")} name="order" value={order} onChange={setOrder} options={options} error={say(errors.order)} />
      <TextField label={t("date")} name="date" type="date" value={date} onChange={setDate} autoComplete="off" error={say(errors.date)} />
    </IncentiveCard>
  );
}
