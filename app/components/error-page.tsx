import { isRouteErrorResponse, useLocation } from "@remix-run/react";
import { AppProvider, BlockStack, Button, Card, Page, Text } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";

// What a merchant reads when a page cannot be shown: a sentence saying what happened and one
// next step, never a status code, a response body from Shopify or a stack trace (those go to
// the server log, where someone can act on them).

export interface ErrorCopy {
  title: string;
  sentence: string;
  nextStep: string;
  /** Where the one button goes: this page again, or the Collections tab. */
  action: { label: string; to: "this page" | "collections" };
}

const TRY_AGAIN = { label: "Try again", to: "this page" } as const;

const BUSY: ErrorCopy = {
  title: "Shopify is busy",
  sentence: "Shopify is busy right now, so Quita could not load this page.",
  nextStep: "Try again in a minute.",
  action: TRY_AGAIN,
};

/**
 * Shopify's library answers some document requests with a page of its own, thrown as a 2xx
 * response (the App Bridge bounce that fetches a fresh session token, the exit-iframe page):
 * those are rendered as the library wants (boundary.error), not as errors.
 */
export const isShopifyLibraryPage = (error: unknown) => isRouteErrorResponse(error) && error.status < 300;

export const describeError = (error: unknown): ErrorCopy => describeStatus(isRouteErrorResponse(error) ? error.status : 500);

/** What a merchant is told for an HTTP status (any thrown error counts as 500). */
export function describeStatus(status: number): ErrorCopy {
  if (status === 401 || status === 403) {
    return {
      title: "Reconnect Quita",
      sentence: "Shopify did not accept Quita's access to your store.",
      nextStep: "Open Quita again from your Shopify admin to reconnect.",
      action: { label: "Reconnect", to: "this page" },
    };
  }
  if (status === 404) {
    return {
      title: "Page not found",
      sentence: "Quita has no page at this address.",
      nextStep: "Go back to Collections to see who owes what.",
      action: { label: "Go to Collections", to: "collections" },
    };
  }
  if (status === 429 || status === 502 || status === 503 || status === 504) return BUSY;
  if (status === 400 || status === 410) {
    return {
      title: "Open Quita from your Shopify admin",
      sentence: "Quita could not tell which store this page belongs to.",
      nextStep: "Open Quita from Apps in your Shopify admin.",
      action: TRY_AGAIN,
    };
  }
  return {
    title: "Something went wrong",
    sentence: "Quita could not show this page.",
    nextStep: "Try again; if it keeps happening, open Quita again from your Shopify admin.",
    action: TRY_AGAIN,
  };
}

/** The query a page in the admin carries (shop, host, embedded), kept on the links it offers. */
export function adminQuery(search: string): string {
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of ["shop", "host", "embedded"]) {
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
  return (
    <AppProvider i18n={polarisTranslations}>
      <Page title={copy.title} narrowWidth>
        <Card>
          <BlockStack gap="300">
            <Text as="p" variant="bodyLg">
              {copy.sentence}
            </Text>
            <Text as="p">{copy.nextStep}</Text>
            <div>
              <Button url={copy.action.to === "collections" ? collections : `${location.pathname}${location.search}`} variant="primary">
                {copy.action.label}
              </Button>
            </div>
          </BlockStack>
        </Card>
      </Page>
    </AppProvider>
  );
}

export const pageTitle = (title: string) => `${title} · Quita`;
