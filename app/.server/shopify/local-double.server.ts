import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Demo and test mode only: send every request for https://{shop}.myshopify.com
 * (token exchange, Admin GraphQL) to the local Shopify double, which serves
 * each shop under its own path. Everything else goes out untouched, so the
 * library's own code paths run exactly as against Shopify.
 */
export function routeShopifyRequestsTo(doubleUrl: string): void {
  const base = doubleUrl.replace(/\/$/, "");
  setAbstractFetchFunc(async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : String(input));
    if (!url.hostname.endsWith(".myshopify.com")) return fetch(input, init);
    const target = `${base}/${url.hostname}${url.pathname}${url.search}`;
    return request ? fetch(new Request(target, request), init) : fetch(target, init);
  });
}
