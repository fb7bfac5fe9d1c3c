import type { Cents } from "./money";
import type { LineItem, ShopState } from "./state";
import type { World } from "./world";

// What every state change of the double shares. Every change goes through the operations
// modules (orders and the app: operations.ts; payment terms: payment-terms-operations.ts;
// draft orders: draft-order-operations.ts), whether it comes from a GraphQL mutation, a test
// control or the seed, so each one bumps updated_at and fires the webhooks Shopify would.

export class OperationError extends Error {}

export const now = (w: World) => w.clock.now();

export function touch(w: World, o: { updatedAt: Date }) {
  o.updatedAt = now(w);
}

export function newLineItems(
  shop: ShopState,
  items: { title: string; quantity: number; unitPrice: Cents; sku?: string | null; productId?: number | null; variantId?: number | null }[],
): LineItem[] {
  return items.map((li) => ({
    id: shop.ids.take(),
    title: li.title,
    sku: li.sku ?? null,
    quantity: li.quantity,
    unitPrice: li.unitPrice,
    productId: li.productId ?? null,
    variantId: li.variantId ?? null,
    vendor: shop.info.name,
  }));
}
