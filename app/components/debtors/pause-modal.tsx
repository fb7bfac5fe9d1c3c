import { useEffect, useState } from "react";
import { BlockStack, Modal, Text, TextField } from "@shopify/polaris";
import { useT } from "../../i18n/context";
import { debtorsBulkMessages } from "../../i18n/messages/debtors-bulk";

// Pausing asks until when: a week from today unless the merchant picks another day.

export function PauseModal({
  count,
  today,
  open,
  error,
  busy,
  onClose,
  onPause,
}: {
  count: number;
  /** YYYY-MM-DD in the shop's calendar. */
  today: string;
  open: boolean;
  error: string | null;
  busy: boolean;
  onClose(): void;
  onPause(until: string): void;
}) {
  const t = useT(debtorsBulkMessages);
  const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const [until, setUntil] = useState(inDays(7));
  useEffect(() => {
    if (open) setUntil(inDays(7));
    // Only when it opens: a week from the day it is opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t("pauseTitle")}
      primaryAction={{ content: t("pauseConfirm"), onAction: () => onPause(until), loading: busy }}
      secondaryActions={[{ content: t("cancel"), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">{t("pauseText", { count })}</Text>
          <TextField
            label={t("pauseUntil")}
            type="date"
            value={until}
            min={today}
            max={inDays(365)}
            onChange={setUntil}
            autoComplete="off"
            error={error ?? undefined}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
