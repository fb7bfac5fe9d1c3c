import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import type { OfferActionResult, OfferMade } from "../../.server/customers/offer-action.server";
import type { FieldProblem } from "../../domain/field-problem";
import { useFormat, useT } from "../../i18n/context";
import { offerDiscountMessages } from "../../i18n/messages/offer-discount";
import { SendNowOutcome, type SendNowWire } from "./customer-actions";

type Problem = FieldProblem | undefined;
type Answer =
  Extract<OfferActionResult, { ok: false }> | { intent: "offer_discount"; ok: true; offer: Omit<OfferMade, "resend"> & { resend: SendNowWire | null } };

/** An open invoiced draft order a discount can be taken off. */
export interface OpenInvoice {
  resourceGid: string;
  name: string;
  outstanding: string;
  currency: string;
}

/**
 * "Offer a settlement discount": a percentage or an amount, as a code for the next order (a Shopify
 * customer only) or off one of their open invoices; the problem next to the field, the result once made.
 */
export function OfferDiscount({ codeAllowed, invoices }: { codeAllowed: boolean; invoices: OpenInvoice[] }) {
  const t = useT(offerDiscountMessages);
  const f = useFormat();
  const fetcher = useFetcher<Answer>();
  const [kind, setKind] = useState<"percent" | "amount">("percent");
  const [value, setValue] = useState("");
  const targets = [
    ...(codeAllowed ? [{ label: t("targetCode"), value: "code" }] : []),
    ...invoices.map((i) => ({ label: t("targetInvoice", { invoice: i.name, amount: f.money(i.outstanding, i.currency) }), value: i.resourceGid })),
  ];
  const [target, setTarget] = useState(targets[0]?.value ?? "code");
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const say = (problem: Problem) => (problem ? t(problem.code as Parameters<typeof t>[0], problem.params) : undefined);
  const errors = answer && !answer.ok ? answer.errors : {};
  const made = answer?.ok ? answer.offer : null;
  const madeValue = made ? (made.percentage ? `${Math.round(Number(made.percentage) * 100)}%` : f.money(made.amount!, made.currency)) : "";
  const madeText =
    made &&
    (made.invoice !== null
      ? t("offeredOnInvoice", { invoice: made.invoice, value: madeValue, until: f.date(made.endsAt) })
      : t("offered", { code: made.code ?? "", value: madeValue, until: f.date(made.endsAt) }));
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
            {targets.length > 1 ? (
              <Select label={t("target")} name="target" value={target} onChange={setTarget} options={targets} error={say(errors.target)} />
            ) : (
              <input type="hidden" name="target" value={target} />
            )}
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
        {targets.length <= 1 && errors.target && <Banner tone="warning">{say(errors.target)}</Banner>}
        {made && <Banner tone="success">{madeText}</Banner>}
        {made?.resend && <SendNowOutcome result={made.resend} />}
      </BlockStack>
    </Card>
  );
}
