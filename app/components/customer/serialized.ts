import type { CustomerFacts } from "../../.server/customers/customer-facts.server";
import type { TimelineEntry } from "../../domain/customers/timeline";

// What the customer page's loader sends, as the page receives it: dates arrive as ISO strings.
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type CustomerView = Wire<CustomerFacts>;
export type TimelineView = Wire<TimelineEntry>;

/** Where a debt lives in Shopify's admin: App Bridge turns the shopify:// link into the admin's own navigation. */
export function adminUrlOf(resourceGid: string): string | null {
  const match = /^gid:\/\/shopify\/(Order|DraftOrder)\/(\d+)$/.exec(resourceGid);
  if (!match) return null;
  return `shopify://admin/${match[1] === "Order" ? "orders" : "draft_orders"}/${match[2]}`;
}

/** A pause or promise holds until the first instant after its chosen day: the merchant reads the day they chose. */
export const lastDayHeld = (until: string) => new Date(new Date(until).getTime() - 1);
