// What collecting adds to a debt's timeline, beside the ledger's own changes
// (domain/ledger/transitions.ts): every letter sent, skipped (and why), failed,
// of unknown fate, every Flow trigger, every pause and promise.
export type CollectionEventType =
  "reminder_sent" | "reminder_skipped" | "reminder_failed" | "reminder_unknown" | "flow_triggered" | "hold_started" | "hold_ended";
