import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import type { TermsActionResult } from "../../.server/customers/terms-action.server";
import type { FieldProblem } from "../../domain/field-problem";
import { useFormat, useT } from "../../i18n/context";
import { changeTermsMessages } from "../../i18n/messages/change-terms";
import type { CustomerView } from "./serialized";

type Problem = FieldProblem | undefined;

/** "Give more time": one open debt and its new due date, the problem next to the field, the new date once Shopify has it. */
export function ChangeTerms({ debts }: { debts: CustomerView["openDebts"] }) {
  const t = useT(changeTermsMessages);
  const f = useFormat();
  const fetcher = useFetcher<TermsActionResult>();
  const [order, setOrder] = useState(debts[0]?.resourceGid ?? "");
  const [date, setDate] = useState("");
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  // A day of the shop's calendar (YYYY-MM-DD), written as the merchant reads dates; noon UTC is that day in every shop's zone.
  const day = (date: string) => f.date(`${date}T12:00:00Z`);
  const say = (problem: Problem) => {
    if (!problem) return undefined;
    const params = { ...problem.params };
    for (const key of ["current", "latest", "today"]) if (typeof params[key] === "string") params[key] = day(String(params[key]));
    return t(problem.code as Parameters<typeof t>[0], params);
  };
  const errors = answer && !answer.ok ? answer.errors : {};
  const done = answer?.ok ? answer.change : null;
  const options = debts.map((d) => ({ label: `${d.name} · ${d.dueAt ? t("dueOn", { date: f.date(d.dueAt) }) : t("noDueDate")}`, value: d.resourceGid }));
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("help")}
        </Text>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="change_terms" />
          <FormLayout>
            <Select label={t("order")} name="order" value={order} onChange={setOrder} options={options} error={say(errors.order)} />
            <TextField label={t("date")} name="date" type="date" value={date} onChange={setDate} autoComplete="off" error={say(errors.date)} />
            <Button submit loading={fetcher.state !== "idle"}>
              {t("change")}
            </Button>
          </FormLayout>
        </fetcher.Form>
        {errors.form && <Banner tone="warning">{say(errors.form)}</Banner>}
        {done && <Banner tone="success">{t("changed", { name: done.name, date: day(done.dueDate) })}</Banner>}
      </BlockStack>
    </Card>
  );
}
