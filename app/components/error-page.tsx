import { isRouteErrorResponse, useLocation, useRouteLoaderData } from "@remix-run/react";
import { AppProvider, BlockStack, Button, Card, Page, Text } from "@shopify/polaris";
import { polarisTranslations } from "../i18n/polaris";
import { resolveUiLocale, type UiLocale } from "../i18n/locales";
import { translate, translator } from "../i18n/translate";
import { errorMessages } from "../i18n/messages/errors";

// What a merchant reads when a page cannot be shown: a sentence saying what happened and one
// next step, never a status code, a response body from Shopify or a stack trace (those go to
// the server log, where someone can act on them).

export type ErrorKind = "reconnect" | "notFound" | "busy" | "openFromAdmin" | "generic";

export interface ErrorCopy {
  kind: ErrorKind;
  /** Where the one button goes: this page again, or the Collections tab. */
  goesTo: "this page" | "collections";
}

/**
 * Shopify's library answers some document requests with a page of its own, thrown as a 2xx
 * response (the App Bridge bounce that fetches a fresh session token, the exit-iframe page):
 * those are rendered as the library wants (boundary.error), not as errors.
 */
export const isShopifyLibraryPage = (error: unknown) => isRouteErrorResponse(error) && error.status < 300;

export const describeError = (error: unknown): ErrorCopy => describeStatus(isRouteErrorResponse(error) ? error.status : 500);

/** What a merchant is told for an HTTP status (any thrown error counts as 500). */
export function describeStatus(status: number): ErrorCopy {
  if (status === 401 || status === 403) return { kind: "reconnect", goesTo: "this page" };
  if (status === 404) return { kind: "notFound", goesTo: "collections" };
  if (status === 429 || status === 502 || status === 503 || status === 504) return { kind: "busy", goesTo: "this page" };
  if (status === 400 || status === 410) return { kind: "openFromAdmin", goesTo: "this page" };
  return { kind: "generic", goesTo: "this page" };
}

/**
 * An error page may be drawn outside the app's layout (no language given by it): the admin's
 * `locale` on the address says which, as on the request that opened the app.
 */
export const errorPageLocale = (search: string): UiLocale => resolveUiLocale(new URLSearchParams(search).get("locale"));

/** The page's title (for <title>), in the admin's language. */
export const errorTitle = (copy: ErrorCopy, search: string) => pageTitle(translate(errorMessages, errorPageLocale(search), `${copy.kind}Title`));

/** The query a page in the admin carries (shop, host, embedded, locale), kept on the links it offers. */
export function adminQuery(search: string): string {
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of ["shop", "host", "embedded", "locale"]) {
    const value = from.get(name);
    if (value) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `?${query}` : "";
}

/** A Polaris page for `copy`, usable with or without the app's AppProvider around it. */
export function ErrorPage({ copy }: { copy: ErrorCopy }) {
  const location = useLocation();
  const query = adminQuery(location.search);
  // Outside the admin (no shop in the address) Collections cannot open: the start page says how to install.
  const collections = query.includes("shop=") ? `/app${query}` : "/";
  // Inside the app the layout knows the admin's language; elsewhere the address says it.
  const app = useRouteLoaderData<{ ui?: { locale: UiLocale } }>("routes/app");
  const locale = app?.ui?.locale ?? errorPageLocale(location.search);
  const t = translator(errorMessages, locale);
  return (
    <AppProvider i18n={polarisTranslations[locale]}>
      <Page title={t(`${copy.kind}Title`)} narrowWidth>
        <Card>
          <BlockStack gap="300">
            <Text as="p" variant="bodyLg">
              {t(`${copy.kind}Sentence`)}
            </Text>
            <Text as="p">{t(`${copy.kind}Next`)}</Text>
            <div>
              <Button url={copy.goesTo === "collections" ? collections : `${location.pathname}${location.search}`} variant="primary">
                {t(`${copy.kind}Action`)}
              </Button>
            </div>
          </BlockStack>
        </Card>
      </Page>
    </AppProvider>
  );
}

export const pageTitle = (title: string) => `${title} · Quita`;
