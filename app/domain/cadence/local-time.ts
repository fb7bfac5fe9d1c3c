import { localDate, zoneOrUtc } from "../ledger/aging";
import { minutesOf, type QuietHours } from "./settings";

// Wall-clock time where the shop is: letters go out in its daytime, on its
// working days, whatever zone the server runs in.

const parts = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = parts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zoneOrUtc(timeZone),
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    parts.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export interface LocalTime {
  date: string; // YYYY-MM-DD
  weekday: number; // 0 = Sunday
  minutes: number; // since local midnight
}

export function localTime(instant: Date, timeZone: string): LocalTime {
  const p = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAYS.indexOf(p.weekday!), minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** The instant when it is `minutes` past midnight of local `date` in `timeZone` (the earlier one if a clock change repeats it). */
export function instantAt(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wanted = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const seen = localTime(new Date(guess), timeZone);
    const [sy, sm, sd] = seen.date.split("-").map(Number) as [number, number, number];
    const diff = wanted - Date.UTC(sy, sm - 1, sd, 0, seen.minutes);
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

/** Adds whole calendar days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function withinQuietHours(instant: Date, timeZone: string, quiet: QuietHours): boolean {
  const t = localTime(instant, timeZone);
  return quiet.days.includes(t.weekday) && t.minutes >= minutesOf(quiet.start) && t.minutes < minutesOf(quiet.end);
}

/** `instant` if letters may go out then, else the start of the next allowed window. */
export function nextAllowed(instant: Date, timeZone: string, quiet: QuietHours): Date {
  if (withinQuietHours(instant, timeZone, quiet)) return instant;
  const today = localDate(instant, timeZone);
  for (let day = 0; day <= 7; day++) {
    const date = addDays(today, day);
    const start = instantAt(date, minutesOf(quiet.start), timeZone);
    if (start.getTime() > instant.getTime() && withinQuietHours(start, timeZone, quiet)) return start;
  }
  throw new Error("quiet hours allow no time in a week");
}
