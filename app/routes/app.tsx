import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError, type ShouldRevalidateFunction } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "../shopify.server";
import { confirmShopifyAccess } from "../.server/shopify/access-check.server";
import { describeError, ErrorPage, isShopifyLibraryPage } from "../components/error-page";
import { findShop } from "../.server/shops.server";
import { uiLocaleOfRequest } from "../i18n/locales";
import { polarisTranslations } from "../i18n/polaris";
import { UiProvider, useT } from "../i18n/context";
import { commonMessages } from "../i18n/messages/common";
import { PageOrSkeleton } from "../components/page-skeleton";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  if (!request.headers.get("authorization")) await confirmShopifyAccess(admin.graphql, session.shop, session.accessToken);
  const shop = await findShop(session.shop);
  return {
    apiKey: process.env.SHOPIFY_API_KEY ?? "",
    // APP_BRIDGE_URL is set only in demo and test mode, where a local stand-in
    // replaces the App Bridge script Shopify's admin serves from its CDN.
    appBridgeUrl: process.env.APP_BRIDGE_URL,
    ui: { locale: uiLocaleOfRequest(request), timezone: shop?.ianaTimezone ?? "UTC" },
  };
};

// The admin gives its language (`locale`) only on the request that opens the app, not on the
// page's own data requests: the layout keeps what that first request said until the next
// reload, rather than forget it on the first link or filter.
export const shouldRevalidate: ShouldRevalidateFunction = () => false;

function Navigation() {
  const t = useT(commonMessages);
  return (
    <NavMenu>
      <Link to="/app" rel="home">
        {t("navCollections")}
      </Link>
      <Link to="/app/debtors">{t("navDebtors")}</Link>
      <Link to="/app/settings">{t("navSettings")}</Link>
    </NavMenu>
  );
}

export default function AppLayout() {
  const { apiKey, appBridgeUrl, ui } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisTranslations[ui.locale]} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <UiProvider settings={ui}>
        <Navigation />
        <PageOrSkeleton>
          <Outlet />
        </PageOrSkeleton>
      </UiProvider>
    </AppProvider>
  );
}

// Shopify's library throws responses Remix must render as it says (the bounce page that fetches
// a fresh session token); any other error becomes a sentence with a next step for the merchant.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isShopifyLibraryPage(error)) return boundary.error(error);
  return <ErrorPage copy={describeError(error)} />;
}

// The embedded-app headers on every document Remix serves, error pages included.
export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
