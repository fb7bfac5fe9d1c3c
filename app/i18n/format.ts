import type { UiLocale } from "./locales";

// How the pages write money, dates and times for the merchant: in the admin's
// language, and dates in the shop's time zone (where aging is counted), never
// the server's. Amounts are exact decimal strings: Intl formats a decimal
// string without going through a float (ES2023), so "1234.5" stays 1234.50.

export interface Formatter {
  locale: UiLocale;
  timezone: string;
  money(amount: string, currency: string): string;
  number(value: number): string;
  percent(fraction: number): string;
  /** 12 Mar 2026 */
  date(at: Date | string): string;
  /** 12 Mar 2026, 14:05 */
  dateTime(at: Date | string): string;
  /** 14:05 */
  time(at: Date | string): string;
  /** The shop's time zone by its city ("São Paulo"), not its IANA name. */
  zoneCity(): string;
}

const asDate = (at: Date | string) => (at instanceof Date ? at : new Date(at));

function safeZone(timezone: string): string {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return timezone;
  } catch {
    return "UTC";
  }
}

// The cities whose names differ from the zone's last part (accents, or a name of
// their own in a language); the rest read well with "_" as a space.
const CITY_NAMES: Record<string, Partial<Record<UiLocale, string>>> = {
  "America/Sao_Paulo": { en: "São Paulo", "pt-BR": "São Paulo", es: "São Paulo" },
  "America/Bogota": { en: "Bogotá", "pt-BR": "Bogotá", es: "Bogotá" },
  "America/Mexico_City": { en: "Mexico City", "pt-BR": "Cidade do México", es: "Ciudad de México" },
  "America/New_York": { en: "New York", "pt-BR": "Nova York", es: "Nueva York" },
  "Europe/Lisbon": { en: "Lisbon", "pt-BR": "Lisboa", es: "Lisboa" },
  "Europe/London": { en: "London", "pt-BR": "Londres", es: "Londres" },
  "America/Belem": { en: "Belém", "pt-BR": "Belém", es: "Belém" },
  "America/Maceio": { en: "Maceió", "pt-BR": "Maceió", es: "Maceió" },
  "America/Cuiaba": { en: "Cuiabá", "pt-BR": "Cuiabá", es: "Cuiabá" },
  "America/Araguaina": { en: "Araguaína", "pt-BR": "Araguaína", es: "Araguaína" },
  "Atlantic/Canary": { en: "Canary Islands", "pt-BR": "Ilhas Canárias", es: "Canarias" },
};

export function cityOfZone(timezone: string, locale: UiLocale): string {
  const known = CITY_NAMES[timezone]?.[locale];
  if (known) return known;
  if (timezone === "UTC" || timezone === "Etc/UTC") return "UTC";
  return (timezone.split("/").pop() ?? timezone).replace(/_/g, " ");
}

export function formatterFor(locale: UiLocale, timezone: string): Formatter {
  const timeZone = safeZone(timezone);
  const dates = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium" });
  const dateTimes = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "medium", timeStyle: "short" });
  const times = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: "short" });
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const currencies = new Map<string, Intl.NumberFormat>();
  return {
    locale,
    timezone: timeZone,
    money(amount, currency) {
      let format = currencies.get(currency);
      if (!format) currencies.set(currency, (format = new Intl.NumberFormat(locale, { style: "currency", currency })));
      return format.format(amount as unknown as number);
    },
    number: (value) => numbers.format(value),
    percent: (fraction) => percents.format(fraction),
    date: (at) => dates.format(asDate(at)),
    dateTime: (at) => dateTimes.format(asDate(at)),
    time: (at) => times.format(asDate(at)),
    zoneCity: () => cityOfZone(timeZone, locale),
  };
}
