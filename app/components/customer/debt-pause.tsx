import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Modal, Text, TextField } from "@shopify/polaris";
import { useFormat, useT } from "../../i18n/context";
import { debtPauseMessages } from "../../i18n/messages/debt-pause";
import { customerActionMessages } from "../../i18n/messages/customer-actions";
import type { CustomerActionResult } from "../../.server/customers/actions.server";
import { lastDayHeld, type CustomerView } from "./serialized";

// One order's reminders paused from its row: until a date (a week from today unless the merchant
// picks another day), with a note for the team; a paused row says until when and offers to resume.

type Debt = CustomerView["openDebts"][number];
type Answer = Extract<CustomerActionResult, { ok: false }> | { intent: string; ok: true };
type Field = "date" | "note" | "form";

function useAnswer() {
  const fetcher = useFetcher<Answer>();
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const errorOf = (field: Field) => (answer && !answer.ok ? answer.errors[field] : undefined);
  return { fetcher, answer, errorOf, busy: fetcher.state !== "idle" };
}

function PauseDebtModal({ debt, today, open, onClose }: { debt: Debt; today: string; open: boolean; onClose(): void }) {
  const t = useT(debtPauseMessages);
  const fields = useT(customerActionMessages);
  const { fetcher, answer, errorOf, busy } = useAnswer();
  const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const [until, setUntil] = useState(inDays(7));
  const [note, setNote] = useState("");
  useEffect(() => {
    if (!open) return;
    setUntil(inDays(7));
    setNote("");
    // Only when it opens: a week from the day it is opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  useEffect(() => {
    if (answer?.ok) onClose();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answer]);
  const dateProblem = errorOf("date");
  const noteProblem = errorOf("note");
  const formProblem = errorOf("form");
  const pause = () => fetcher.submit({ intent: "pause_debt", receivableId: debt.id, date: until, note }, { method: "post" });
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("pauseTitle", { name: debt.name })}
      primaryAction={{ content: t("pauseConfirm"), onAction: pause, loading: busy }}
      secondaryActions={[{ content: t("cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          {formProblem && <Banner tone="warning">{t(formProblem === "hold_ended" ? "hold_ended" : "debt_not_open")}</Banner>}
          <Text as="p">{t("pauseText", { name: debt.name })}</Text>
          <TextField
            label={t("pauseUntil")}
            type="date"
            value={until}
            min={today}
            max={inDays(365)}
            onChange={setUntil}
            autoComplete="off"
            error={dateProblem ? fields(dateProblem as "date_invalid" | "date_past" | "date_too_far") : undefined}
          />
          <TextField
            label={t("noteLabel")}
            value={note}
            onChange={setNote}
            multiline={2}
            autoComplete="off"
            placeholder={t("notePlaceholder")}
            maxLength={2100}
            error={noteProblem ? t("note_too_long") : undefined}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}

function PausedDebt({ pause }: { pause: NonNullable<Debt["pause"]> }) {
  const t = useT(debtPauseMessages);
  const f = useFormat();
  const { fetcher, errorOf, busy } = useAnswer();
  return (
    <BlockStack gap="100" inlineAlign="start">
      <Badge tone="attention">{t("pausedUntil", { until: f.date(lastDayHeld(pause.until)) })}</Badge>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="resume" />
        <input type="hidden" name="holdId" value={pause.id} />
        <Button submit variant="plain" loading={busy}>
          {t("resume")}
        </Button>
      </fetcher.Form>
      {pause.note && (
        <Text as="span" variant="bodySm" tone="subdued">
          {pause.note}
        </Text>
      )}
      {errorOf("form") && <Banner tone="warning">{t("hold_ended")}</Banner>}
    </BlockStack>
  );
}

/** A debt's reminders: paused until a date (and resume), or a way to pause them. A debt under an agreement has its plan instead. */
export function DebtPause({ debt, today }: { debt: Debt; today: string }) {
  const t = useT(debtPauseMessages);
  const [open, setOpen] = useState(false);
  if (debt.agreement) return null;
  // The table's cells do not wrap; this one does, so the row fits the card without scrolling sideways.
  return (
    <div style={{ whiteSpace: "normal", minWidth: "7rem" }}>
      {debt.pause ? (
        <PausedDebt pause={debt.pause} />
      ) : (
        <Button variant="plain" textAlign="left" onClick={() => setOpen(true)}>
          {t("pauseDebt")}
        </Button>
      )}
      <PauseDebtModal debt={debt} today={today} open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
