import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Select, TextField } from "@shopify/polaris";
import type { OfferActionResult, OfferMade } from "../../.server/customers/offer-action.server";
import { useFormat, useT } from "../../i18n/context";
import { offerDiscountMessages } from "../../i18n/messages/offer-discount";
import { SendNowOutcome, type SendNowWire } from "./customer-actions";
import { IncentiveCard, useIntentForm } from "./incentive-card";

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
  const form = useIntentForm(useFetcher<Answer>(), "offer_discount", t);
  const { errors, say } = form;
  const [kind, setKind] = useState<"percent" | "amount">("percent");
  const [value, setValue] = useState("");
  const targets = [
    ...(codeAllowed ? [{ label: t("targetCode"), value: "code" }] : []),
    ...invoices.map((i) => ({ label: t("targetInvoice", { invoice: i.name, amount: f.money(i.outstanding, i.currency) }), value: i.resourceGid })),
  ];
  const [target, setTarget] = useState(targets[0]?.value ?? "code");
  const made = form.answer?.ok ? form.answer.offer : null;
  const madeValue = made ? (made.percentage ? `${Math.round(Number(made.percentage) * 100)}%` : f.money(made.amount!, made.currency)) : "";
  const madeText =
    made &&
    (made.invoice !== null
      ? t("offeredOnInvoice", { invoice: made.invoice, value: madeValue, until: f.date(made.endsAt) })
      : t("offered", { code: made.code ?? "", value: madeValue, until: f.date(made.endsAt) }));
  return (
    <IncentiveCard
      form={form}
      title={t("title")}
      help={t("help")}
      submit={t("offer")}
      // With one place to take it off, the target is a hidden field: its problem has nowhere else to go.
      loose={targets.length <= 1 ? errors.target : undefined}
      success={made && madeText}
      after={made?.resend && <SendNowOutcome result={made.resend} />}
    >
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
    </IncentiveCard>
  );
}
