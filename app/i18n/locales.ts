// The languages Quita's pages are written in. The merchant's admin language
// arrives as the `locale` parameter of the admin's request for the embedded
// app (e.g. "pt-BR", "es", "en-GB"); anything else falls back to English.
export const UI_LOCALES = ["en", "pt-BR", "es"] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** The page language for an admin locale or an Accept-Language header: pt* → pt-BR, es* → es, else en. */
export function resolveUiLocale(raw: string | null | undefined): UiLocale {
  for (const tag of (raw ?? "").split(",")) {
    const language = tag.trim().split(";")[0].toLowerCase();
    if (language.startsWith("pt")) return "pt-BR";
    if (language.startsWith("es")) return "es";
    if (language.startsWith("en")) return "en";
  }
  return "en";
}

/** The admin's locale for a document request: its `locale` parameter, else the browser's languages. */
export function uiLocaleOfRequest(request: Request): UiLocale {
  const fromAdmin = new URL(request.url).searchParams.get("locale");
  return resolveUiLocale(fromAdmin ?? request.headers.get("accept-language"));
}
