import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { UiLocale } from "./locales";
import { formatterFor, type Formatter } from "./format";
import { translator, type Catalog, type Messages, type Translator } from "./translate";

// What every embedded page needs to speak to the merchant: the admin's language
// and the shop's time zone, given once by the app layout (routes/app.tsx).
export interface UiSettings {
  locale: UiLocale;
  timezone: string;
}

const UiContext = createContext<UiSettings>({ locale: "en", timezone: "UTC" });

export function UiProvider({ settings, children }: { settings: UiSettings; children: ReactNode }) {
  return <UiContext.Provider value={settings}>{children}</UiContext.Provider>;
}

export const useUiSettings = (): UiSettings => useContext(UiContext);

/** `t(key, params)` for one area's catalog, in the admin's language. */
export function useT<M extends Messages>(catalog: Catalog<M>): Translator<M> {
  const { locale } = useUiSettings();
  return useMemo(() => translator(catalog, locale), [catalog, locale]);
}

/** Money, numbers, dates and times written for the merchant, dates in the shop's time zone. */
export function useFormat(): Formatter {
  const { locale, timezone } = useUiSettings();
  return useMemo(() => formatterFor(locale, timezone), [locale, timezone]);
}
