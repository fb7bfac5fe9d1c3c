import type { UiLocale } from "./locales";

// Messages live in one catalog per area of the app (messages/*.ts): English
// defines the keys, Portuguese and Spanish must give every one (the type
// checker says which is missing). Placeholders are `{name}`; a key with
// `_one`/`_other` variants is chosen by the count's plural rule.
export type Messages = Record<string, string>;
export type Catalog<M extends Messages> = { en: M } & Record<Exclude<UiLocale, "en">, Record<keyof M, string>>;

/** Declares an area's catalog with the keys English defines. */
export function defineCatalog<M extends Messages>(catalog: { en: M } & Record<Exclude<UiLocale, "en">, { [K in keyof M]: string }>): Catalog<M> {
  return catalog;
}

type BaseKey<K> = K extends `${infer Base}_one` ? Base : K extends `${infer Base}_other` ? Base : K;
export type MessageKey<M extends Messages> = BaseKey<keyof M & string>;
export type Params = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralOf(locale: UiLocale, count: number): string {
  // CLDR puts 0 with 1 in Portuguese ("0 cliente"), but Brazilian Portuguese says "0 clientes",
  // as English and Spanish do: none is always the plural.
  if (count === 0) return "other";
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count) === "one" ? "one" : "other";
}

export function translate<M extends Messages>(catalog: Catalog<M>, locale: UiLocale, key: MessageKey<M>, params: Params = {}): string {
  const messages: Record<string, string> = catalog[locale] ?? catalog.en;
  let text = messages[key];
  if (text === undefined && typeof params.count === "number") text = messages[`${key}_${pluralOf(locale, params.count)}`];
  if (text === undefined) text = (catalog.en as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translator<M extends Messages> = (key: MessageKey<M>, params?: Params) => string;

export function translator<M extends Messages>(catalog: Catalog<M>, locale: UiLocale): Translator<M> {
  return (key, params) => translate(catalog, locale, key, params);
}
