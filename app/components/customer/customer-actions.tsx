import { useEffect, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Divider, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useFormat, useT } from "../../i18n/context";
import { customerMessages } from "../../i18n/messages/customer";
import { customerActionMessages } from "../../i18n/messages/customer-actions";
import type { CustomerActionResult } from "../../.server/customers/actions.server";
import type { SendNowResult } from "../../.server/reminders/send-now.server";
import { lastDayHeld, type CustomerView } from "./serialized";

type T = ReturnType<typeof useT<typeof customerActionMessages.en>>;
type Wire<R> = R extends { until: Date }
  ? Omit<R, "until"> & { until: string }
  : R extends { until: Date | null }
    ? Omit<R, "until"> & { until: string | null }
    : R;
/** A send-now answer as the page receives it (dates as strings). */
export type SendNowWire = Wire<SendNowResult>;
type Answer = Extract<CustomerActionResult, { ok: false }> | (Omit<Extract<CustomerActionResult, { ok: true }>, "sendNow"> & { sendNow?: Wire<SendNowResult> });

/** A form posting one intent to the page's action, with its own answer (errors next to its fields). */
function useIntent() {
  const fetcher = useFetcher<Answer>();
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const errorOf = (field: "body" | "date" | "amount" | "currency" | "form") => (answer && !answer.ok ? answer.errors[field] : undefined);
  return { fetcher, answer, errorOf, busy: fetcher.state !== "idle" };
}

/** What became of a letter asked for now, in a sentence (also after a discount on an invoice). */
export function SendNowOutcome({ result }: { result: Wire<SendNowResult> }) {
  const t = useT(customerActionMessages);
  const f = useFormat();
  const when = "until" in result && result.until ? f.dateTime(result.until) : "";
  if (result.outcome === "queued") return <Banner tone="success">{t("sendNow.queued")}</Banner>;
  if (result.outcome === "waits") return <Banner tone="info">{t("sendNow.waits", { when, zone: f.zoneCity() })}</Banner>;
  if (result.outcome === "already_queued") return <Banner tone="info">{t("sendNow.already_queued")}</Banner>;
  return <Banner tone="warning">{t(`sendNow.${result.reason}`, { when })}</Banner>;
}

function SendNow() {
  const t = useT(customerActionMessages);
  const { fetcher, answer, busy } = useIntent();
  return (
    <BlockStack gap="200">
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="send_now" />
        <Button submit loading={busy}>
          {t("sendNow")}
        </Button>
      </fetcher.Form>
      {answer?.ok && answer.sendNow && <SendNowOutcome result={answer.sendNow} />}
    </BlockStack>
  );
}

function problem(t: T, code: string | undefined): string | undefined {
  return code ? t(code as Parameters<T>[0]) : undefined;
}

function NoteForm() {
  const t = useT(customerActionMessages);
  const { fetcher, answer, errorOf, busy } = useIntent();
  const [body, setBody] = useState("");
  const saved = useRef<Answer | undefined>(undefined);
  useEffect(() => {
    if (answer?.ok && saved.current !== answer) setBody("");
    saved.current = answer;
  }, [answer]);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="note" />
      <FormLayout>
        <TextField
          label={t("addNote")}
          name="body"
          value={body}
          onChange={setBody}
          multiline={3}
          autoComplete="off"
          placeholder={t("notePlaceholder")}
          error={problem(t, errorOf("body"))}
          maxLength={2100}
        />
        <InlineStack gap="200" blockAlign="center">
          <Button submit loading={busy}>
            {t("saveNote")}
          </Button>
          {answer?.ok && (
            <Text as="span" tone="success">
              {t("savedNote")}
            </Text>
          )}
        </InlineStack>
      </FormLayout>
    </fetcher.Form>
  );
}

function HoldForm({ kind, currencies }: { kind: "promise" | "pause"; currencies: string[] }) {
  const t = useT(customerActionMessages);
  const { fetcher, answer, errorOf, busy } = useIntent();
  const [date, setDate] = useState("");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState(currencies[0] ?? "");
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={kind} />
      <FormLayout>
        <Text as="h3" variant="headingSm">
          {t(kind === "promise" ? "promiseTitle" : "pauseTitle")}
        </Text>
        <FormLayout.Group condensed>
          <TextField
            label={t(kind === "promise" ? "promiseDate" : "pauseDate")}
            type="date"
            name="date"
            value={date}
            onChange={setDate}
            autoComplete="off"
            error={problem(t, errorOf("date"))}
          />
          {kind === "promise" && (
            <TextField
              label={t("promiseAmount")}
              name="amount"
              value={amount}
              onChange={setAmount}
              autoComplete="off"
              inputMode="decimal"
              error={problem(t, errorOf("amount"))}
            />
          )}
          {kind === "promise" && currencies.length > 1 && (
            <Select
              label={t("promiseCurrency")}
              name="currency"
              options={currencies}
              value={currency}
              onChange={setCurrency}
              error={problem(t, errorOf("currency"))}
            />
          )}
        </FormLayout.Group>
        {kind === "promise" && currencies.length <= 1 && <input type="hidden" name="currency" value={currency} />}
        <InlineStack gap="200" blockAlign="center">
          <Button submit loading={busy}>
            {t(kind === "promise" ? "savePromise" : "savePause")}
          </Button>
          {answer?.ok && (
            <Text as="span" tone="success">
              {t(kind === "promise" ? "savedPromise" : "savedPause")}
            </Text>
          )}
        </InlineStack>
      </FormLayout>
    </fetcher.Form>
  );
}

function ActiveHold({ hold }: { hold: CustomerView["holds"][number] }) {
  const t = useT(customerActionMessages);
  const f = useFormat();
  const { fetcher, errorOf, busy } = useIntent();
  const until = f.date(lastDayHeld(hold.until));
  const text =
    hold.kind === "pause"
      ? t("activeHoldPause", { until })
      : hold.amount && hold.currency
        ? t("activeHoldPromise", { amount: f.money(hold.amount, hold.currency), until })
        : t("activeHoldPromiseNoAmount", { until });
  return (
    <BlockStack gap="100">
      <InlineStack gap="300" blockAlign="center" align="space-between">
        <Text as="span">{hold.debtName ? `${text} ${t("onDebt", { name: hold.debtName })}` : text}</Text>
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="resume" />
          <input type="hidden" name="holdId" value={hold.id} />
          <Button submit loading={busy}>
            {t(hold.kind === "pause" ? "resume" : "resumePromise")}
          </Button>
        </fetcher.Form>
      </InlineStack>
      {errorOf("form") && <Banner tone="warning">{problem(t, errorOf("form"))}</Banner>}
    </BlockStack>
  );
}

/** What the merchant can do: write now, note, record a promise, pause or resume. */
export function CustomerActions({ customer, previewUrl }: { customer: CustomerView; previewUrl: string }) {
  const t = useT(customerActionMessages);
  const page = useT(customerMessages);
  const currencies = customer.owed.billed.map((o) => o.currency);
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("actionsTitle")}
        </Text>
        {/* Debts under a running installment agreement get their installments' invoices, not letters. */}
        {customer.openDebts.some((d) => !d.agreement) && (
          <InlineStack gap="200">
            <SendNow />
            <div>
              <Button url={previewUrl}>{page("previewLetter")}</Button>
            </div>
          </InlineStack>
        )}
        {customer.holds.map((hold) => (
          <ActiveHold key={hold.id} hold={hold} />
        ))}
        <Divider />
        <NoteForm />
        {customer.openDebts.length > 0 && (
          <>
            <Divider />
            <HoldForm kind="promise" currencies={currencies} />
            <Divider />
            <HoldForm kind="pause" currencies={currencies} />
          </>
        )}
      </BlockStack>
    </Card>
  );
}
