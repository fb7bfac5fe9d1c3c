// Shopify's GraphQL DateTime is UTC without milliseconds; REST/webhook payloads use the shop's
// local offset ("2021-12-31T19:00:00-05:00"). Apps that compare the two must parse, not
// string-compare, and the double keeps that difference on purpose.
export const gqlTime = (d: Date | null | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, "Z") : null);

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
function offsetOf(d: Date, tz: string): string {
  let f = offsetFormatters.get(tz);
  if (!f) offsetFormatters.set(tz, (f = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })));
  const name = f.formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  return name === "GMT" ? "+00:00" : name.slice(3);
}

export function restTime(d: Date | null | undefined, tz: string): string | null {
  if (!d) return null;
  const off = offsetOf(d, tz);
  const sign = off.startsWith("-") ? -1 : 1;
  const [h, m] = off.slice(1).split(":").map(Number);
  const local = new Date(d.getTime() + sign * (h * 60 + m) * 60_000);
  return local.toISOString().replace(/\.\d{3}Z$/, off);
}
