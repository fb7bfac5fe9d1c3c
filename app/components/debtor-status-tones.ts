import type { BadgeProps } from "@shopify/polaris";
import type { DebtorStatus } from "./debtors/debtor-query";

/** One colour per status, wherever the merchant meets it: the Debtors list and the customer's page. */
export const DEBTOR_STATUS_TONES: Record<DebtorStatus, BadgeProps["tone"]> = {
  on_track: "success",
  overdue: "warning",
  promised: "info",
  paused: undefined,
  no_email: "attention",
  in_agreement: "info",
};
