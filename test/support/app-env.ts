// The environment the app's modules read, for tests that load them. Set before
// importing anything under app/ that reads the environment at import time.
export const TEST_APP = {
  apiKey: "quita-test-api-key",
  apiSecret: "quita-test-api-secret",
  appUrl: "https://quita.test",
  scopes:
    "read_all_orders,read_customers,read_orders,write_orders,read_draft_orders,write_draft_orders,read_payment_terms,write_payment_terms,write_discounts,read_discounts",
} as const;

export function setAppEnv(overrides: Record<string, string | undefined> = {}): void {
  Object.assign(process.env, {
    SHOPIFY_API_KEY: TEST_APP.apiKey,
    SHOPIFY_API_SECRET: TEST_APP.apiSecret,
    SHOPIFY_APP_URL: TEST_APP.appUrl,
    SCOPES: TEST_APP.scopes,
    ...overrides,
  });
}
