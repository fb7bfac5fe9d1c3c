import { useFormat, useT } from "../../i18n/context";
import { debtorsBulkMessages } from "../../i18n/messages/debtors-bulk";
import type { BulkOutcome } from "../../.server/collections/debtor-actions.server";

/** What a bulk action did, as one sentence for a toast. */
export function useBulkOutcomeText(): (outcome: BulkOutcome) => string {
  const t = useT(debtorsBulkMessages);
  const f = useFormat();
  return (outcome) => {
    switch (outcome.intent) {
      case "pause":
        return t("paused", {
          count: outcome.paused,
          date: new Intl.DateTimeFormat(f.locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${outcome.until}T00:00:00Z`)),
        });
      case "resume":
        return outcome.resumed ? t("resumed", { count: outcome.resumed }) : t("resumedNone");
      case "send": {
        const parts: string[] = [];
        if (outcome.queued) parts.push(t("sendQueued", { count: outcome.queued }));
        if (outcome.waits) parts.push(t("sendWaits", { count: outcome.waits }));
        if (outcome.already) parts.push(t("sendAlready", { count: outcome.already }));
        if (outcome.refused) parts.push(t("sendRefused", { count: outcome.refused }));
        return parts.join(". ");
      }
      case "error":
        return {
          no_selection: t("errorNoSelection"),
          date_missing: t("errorDateMissing"),
          date_past: t("errorDatePast"),
          date_far: t("errorDateFar"),
        }[outcome.error];
    }
  };
}
