import { useState } from "react";
import { BlockStack, Box, Button, Card, EmptyState, InlineStack, Text } from "@shopify/polaris";
import { useFormat, useT } from "../../i18n/context";
import { customerTimelineMessages } from "../../i18n/messages/customer-timeline";
import { debtPauseMessages } from "../../i18n/messages/debt-pause";
import type { Translator } from "../../i18n/translate";
import type { Formatter } from "../../i18n/format";
import { lastDayHeld, type TimelineView } from "./serialized";

type T = Translator<typeof customerTimelineMessages.en>;
type P = Translator<typeof debtPauseMessages.en>;
type Reminder = Extract<TimelineView, { kind: "reminder" }>;

export function stageName(t: T, kind: string): string {
  const key = `stage.${kind}` as const;
  return key in customerTimelineMessages.en ? t(key as Parameters<T>[0]) : kind;
}

/** One line per entry, in the merchant's language; amounts with their currency. */
function sentence(entry: TimelineView, t: T, f: Formatter, p: P): string {
  switch (entry.kind) {
    case "order_placed":
      return t(entry.debt.kind === "draft_order" ? "entryDraftPlaced" : "entryOrderPlaced", {
        name: entry.debt.name,
        amount: f.money(entry.amount, entry.currency),
      });
    case "due":
      return t("entryDue", { name: entry.debt.name });
    case "ledger":
      if (entry.event === "terms_changed" && entry.newDueAt) {
        const was = entry.previousDueAt ? ` ${t("termsMovedWas", { date: f.date(entry.previousDueAt) })}` : "";
        const moved = `${t("termsMovedEntry", { name: entry.debt.name, date: f.date(entry.newDueAt) })}${was}`;
        return entry.fromFlow ? `${moved} ${t("holdFromFlow")}` : moved;
      }
      return t(`ledger.${entry.event}` as Parameters<T>[0], {
        name: entry.debt.name,
        outstanding: f.money(entry.outstanding, entry.currency),
        change: entry.change ? f.money(entry.change.amount, entry.change.currency) : "",
      });
    case "reminder":
      return t(`reminder.${entry.status}`, { stage: stageName(t, entry.stageKind) });
    case "hold_started": {
      const until = f.date(lastDayHeld(entry.until));
      const started =
        entry.hold === "pause" && entry.debt
          ? p("timelinePaused", { name: entry.debt.name, until })
          : entry.hold === "pause"
            ? t("holdPauseStarted", { until })
            : entry.amount && entry.currency
              ? t("holdPromiseStarted", { amount: f.money(entry.amount, entry.currency), until })
              : t("holdPromiseStartedNoAmount", { until });
      return entry.fromFlow ? `${started} ${t("holdFromFlow")}` : started;
    }
    case "hold_ended":
      if (entry.hold === "pause") return entry.debt ? p("timelineResumed", { name: entry.debt.name }) : t("holdPauseEnded");
      return t(entry.outcome === "kept" ? "holdPromiseKept" : entry.outcome === "broken" ? "holdPromiseBroken" : "holdPromiseEnded");
    case "note":
      return t("noteEntry");
    case "offer": {
      const value = entry.percentage ? `${Math.round(Number(entry.percentage) * 100)}%` : f.money(entry.amount!, entry.currency);
      if (entry.invoice !== null) return t("invoiceOfferEntry", { value, invoice: entry.invoice, until: f.date(entry.endsAt) });
      return t("offerEntry", { value, code: entry.code ?? "", until: f.date(entry.endsAt) });
    }
    case "offer_ended":
      return entry.invoice !== null ? t("invoiceOfferEnded", { invoice: entry.invoice }) : t("offerEnded", { code: entry.code ?? "" });
    case "offer_used":
      if (entry.invoice !== null) return t("invoiceOfferUsed", { invoice: entry.invoice, amount: f.money(entry.amount, entry.currency) });
      return t("offerUsed", { code: entry.code ?? "", order: entry.order, amount: f.money(entry.amount, entry.currency) });
    case "agreement": {
      const facts = { order: entry.order, number: entry.number ?? 0, count: entry.count, amount: f.money(entry.amount, entry.currency) };
      return t(`agreement.${entry.event}`, { ...facts, date: f.date(`${entry.dueOn}T12:00:00Z`) });
    }
    case "flow": {
      const key = `flow.${entry.handle}`;
      const known = key in customerTimelineMessages.en;
      // Not "triggered (failed)": a run Shopify did not take (a letter about draft orders only, which
      // Flow's triggers cannot name) says it was not triggered.
      if (entry.status === "failed") {
        const name = known ? t(`flowName.${entry.handle}` as Parameters<T>[0]) : entry.handle;
        return t("flowNotFired", { trigger: name });
      }
      const text = known ? t(key as Parameters<T>[0]) : t("flowOther", { handle: entry.handle });
      return entry.status === "pending" ? `${text} ${t("flowPending")}` : text;
    }
  }
}

function LetterDetails({ entry }: { entry: Reminder }) {
  const t = useT(customerTimelineMessages);
  const [open, setOpen] = useState(false);
  return (
    <BlockStack gap="100">
      {entry.debts.length > 0 && (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("aboutDebts", { names: entry.debts.map((d) => d.name).join(", ") })}
        </Text>
      )}
      {entry.channel === "shopify_reminder" && (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("shopifyReminder")}
        </Text>
      )}
      {entry.channel === "flow" && (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("handedToFlow")}
        </Text>
      )}
      {entry.reason && (entry.status === "skipped" || entry.status === "failed" || entry.status === "unknown") && (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("reasonLabel", { reason: entry.reason })}
        </Text>
      )}
      {entry.letter && (
        <div>
          <Button variant="plain" onClick={() => setOpen(!open)} ariaExpanded={open} ariaControls={`letter-${entry.id}`}>
            {open ? t("hideLetter") : t("showLetter")}
          </Button>
        </div>
      )}
      {entry.letter && open && (
        <div id={`letter-${entry.id}`}>
          <Box background="bg-surface-secondary" padding="300" borderRadius="200">
            <BlockStack gap="200">
              {entry.letter.recipient && <Text as="p">{t("letterTo", { recipient: entry.letter.recipient })}</Text>}
              <Text as="p" fontWeight="semibold">
                {t("letterSubject", { subject: entry.letter.subject })}
              </Text>
              <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{entry.letter.body}</div>
            </BlockStack>
          </Box>
        </div>
      )}
    </BlockStack>
  );
}

/** Everything that happened with this customer, newest first. */
export function Timeline({ entries }: { entries: TimelineView[] }) {
  const t = useT(customerTimelineMessages);
  const p = useT(debtPauseMessages);
  const f = useFormat();
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("timelineTitle")}
        </Text>
        {entries.length === 0 ? (
          <EmptyState heading={t("timelineEmptyHeading")} image="">
            <p>{t("timelineEmptyText")}</p>
          </EmptyState>
        ) : (
          <ol style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label={t("timelineTitle")}>
            {entries.map((entry) => (
              <li
                key={`${entry.kind}-${entry.id}`}
                data-entry-kind={entry.kind}
                style={{ borderLeft: "2px solid var(--p-color-border)", paddingLeft: 12, paddingBottom: 16 }}
              >
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="baseline">
                    <Text as="span" variant="bodySm" tone="subdued">
                      <time dateTime={entry.at}>{f.dateTime(entry.at)}</time>
                    </Text>
                  </InlineStack>
                  <Text as="p" fontWeight="medium">
                    {sentence(entry, t, f, p)}
                  </Text>
                  {entry.kind === "note" && <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{entry.body}</div>}
                  {entry.kind === "reminder" && <LetterDetails entry={entry} />}
                  {entry.kind === "hold_started" && entry.note && (
                    <Text as="p" variant="bodySm" tone="subdued">
                      {p("timelineNote", { note: entry.note })}
                    </Text>
                  )}
                </BlockStack>
              </li>
            ))}
          </ol>
        )}
      </BlockStack>
    </Card>
  );
}
