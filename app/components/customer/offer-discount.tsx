import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import type { OfferActionResult } from "../../.server/customers/offer-action.server";
import type { FieldProblem } from "../../domain/field-problem";
import { useFormat, useT } from "../../i18n/context";
import { offerDiscountMessages } from "../../i18n/messages/offer-discount";

type Problem = FieldProblem | undefined;

/** "Offer a settlement discount": a percentage or an amount, the problem next to the field, the code once made. */
export function OfferDiscount() {
  const t = useT(offerDiscountMessages);
  const f = useFormat();
  const fetcher = useFetcher<OfferActionResult>();
  const [kind, setKind] = useState<"percent" | "amount">("percent");
  const [value, setValue] = useState("");
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const say = (problem: Problem) => (problem ? t(problem.code as Parameters<typeof t>[0], problem.params) : undefined);
  const errors = answer && !answer.ok ? answer.errors : {};
  const made = answer?.ok ? answer.offer : null;
  const madeValue = made ? (made.percentage ? `${Math.round(Number(made.percentage) * 100)}%` : f.money(made.amount!, made.currency)) : "";
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
          <input type="hidden" name="intent" value="offer_discount" />
          <FormLayout>
            <Select
              label={t("kind")}
              name="kind"
              value={kind}
              onChange={(next) => setKind(next === "amount" ? "amount" : "percent")}
              options={[
                { label: t("kindPercent"), value: "percent" },
                { label: t("kindAmount"), value: "amount" },
              ]}
            />
            <TextField
              label={t("value")}
              name="value"
              value={value}
              onChange={setValue}
              autoComplete="off"
              inputMode="decimal"
              suffix={kind === "percent" ? "%" : undefined}
              error={say(kind === "percent" ? errors.percent : errors.amount)}
            />
            <Button submit loading={fetcher.state !== "idle"}>
              {t("offer")}
            </Button>
          </FormLayout>
        </fetcher.Form>
        {errors.form && <Banner tone="warning">{say(errors.form)}</Banner>}
        {made && <Banner tone="success">{t("offered", { code: made.code, value: madeValue, until: f.date(made.endsAt) })}</Banner>}
      </BlockStack>
    </Card>
  );
}
