// "On to the next 10:00 in the shop, on a working day": where a demo or test that lets time pass
// lands, so letters may go out (Quita writes only in the shop's daytime) whatever the wall clock
// said when it started. Working days here are Monday to Friday, inside every shop's sending days.

const QUARTER_HOUR = 15 * 60_000;
const WEEKDAYS = new Set(["Mon", "Tue", "Wed", "Thu", "Fri"]);

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f)
    formatters.set(timeZone, (f = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })));
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return { weekday: parts.weekday!, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The first instant at or after `from` that is `hour`:00 in `timeZone` on a Monday to Friday. */
export function nextWorkingHour(from: Date, timeZone: string, hour: number): Date {
  // Every time zone's offset is a whole number of quarter hours, so a local o'clock falls on one.
  let at = Math.ceil(from.getTime() / QUARTER_HOUR) * QUARTER_HOUR;
  for (let step = 0; step < 8 * 96; step++, at += QUARTER_HOUR) {
    const local = partsIn(new Date(at), timeZone);
    if (local.hour === hour && local.minute === 0 && WEEKDAYS.has(local.weekday)) return new Date(at);
  }
  throw new Error(`no ${hour}:00 on a working day in ${timeZone} within eight days`);
}
