import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import type { ReactNode } from "react";
import { describeError, ErrorPage, errorPageLocale, errorTitle, isShopifyLibraryPage } from "./components/error-page";

// Polaris styles for every page, so the error and not-found pages look like the app's own
// (Remix writes each stylesheet once, whichever routes ask for it).
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// A page without a title of its own is "Quita"; an error page is titled by what happened.
export const meta: MetaFunction = ({ error, location }) => [
  { title: error && !isShopifyLibraryPage(error) ? errorTitle(describeError(error), location.search) : "Quita" },
];

export function Layout({ children }: { children: ReactNode }) {
  // The embedded pages speak the admin's language (routes/app.tsx); pages outside the app's
  // layout (not found, errors) the one on the address, as they write it.
  const app = useRouteLoaderData<{ ui?: { locale: string } }>("routes/app");
  const location = useLocation();
  const lang = app?.ui?.locale ?? errorPageLocale(location.search);
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// Errors outside the embedded pages (the start page, login, auth): a sentence and a next step.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isShopifyLibraryPage(error)) return boundary.error(error);
  return <ErrorPage copy={describeError(error)} />;
}
