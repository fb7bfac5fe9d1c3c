// Aging is counted in whole calendar days in the shop's time zone: an invoice
// due on 10 March is "1 day overdue" from the shop's midnight of 11 March,
// wherever the server runs.

// "undated": owed, but with no due date yet (terms due on fulfillment before
// it happens, a B2B order with no payment schedule): it is neither "not yet
// due" nor late, and starts ageing when its due date appears.
export type AgingBucket = "undated" | "current" | "1-30" | "31-60" | "61-90" | "90+";
export const AGING_BUCKETS: readonly AgingBucket[] = ["undated", "current", "1-30", "31-60", "61-90", "90+"];
export const OVERDUE_BUCKETS: readonly AgingBucket[] = ["1-30", "31-60", "61-90", "90+"];

export const isOverdueBucket = (bucket: string) => (OVERDUE_BUCKETS as readonly string[]).includes(bucket);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      f = formatter("UTC"); // an unknown zone name must not stop the ledger
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** `timeZone` if the runtime knows it, else "UTC" (as `localDate` reads an unknown zone). */
export function zoneOrUtc(timeZone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** The calendar date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const dayNumber = (isoDate: string) => Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10)) / 86_400_000;

/** Whole days past the due date in the shop's zone; 0 or less when not yet overdue. */
export function daysOverdue(dueAt: Date, now: Date, timeZone: string): number {
  return dayNumber(localDate(now, timeZone)) - dayNumber(localDate(dueAt, timeZone));
}

export function agingBucket(dueAt: Date | null, now: Date, timeZone: string): AgingBucket {
  if (!dueAt) return "undated";
  const days = daysOverdue(dueAt, now, timeZone);
  if (days <= 0) return "current";
  if (days <= 30) return "1-30";
  if (days <= 60) return "31-60";
  if (days <= 90) return "61-90";
  return "90+";
}
