import { ShopifyAccessRejectedError, ShopifyBusyError, ShopifyUnavailableError } from "../shopify/admin-errors.server";

/**
 * Shopify answered without doing anything (THROTTLED, 429, a 5xx on a request
 * it did not process, a refused token): the letter can safely be tried again.
 * Anything else after the request left — no answer, a server error on a send —
 * may have sent it (ShopifyOutcomeUnknownError): recorded as unknown, never repeated.
 */
export function shopifyDidNotProcess(error: unknown): boolean {
  return error instanceof ShopifyBusyError || error instanceof ShopifyUnavailableError || error instanceof ShopifyAccessRejectedError;
}
