import type { Db, ShopClock } from "../ledger/receivables.server";

// What the webhook modules share: the route that accepts a delivery
// (receive.server.ts), the applier that applies it later (applier.server.ts)
// and the topic handlers (topics.server.ts). Types and one predicate, importing
// nothing of theirs, so none of them has to import another (no import cycle).

export interface Delivery {
  shop: string;
  topic: string;
  webhookId: string;
  eventId: string | null;
  triggeredAt: Date | null;
}

export type DeliveryContext = Delivery & { clock: ShopClock };

/**
 * A handler's outcome when it queued a job in its transaction: "queued", or an
 * applied outcome with "+reread" (a figure was worked out and the resource is
 * read again). The job workers are woken once the transaction commits.
 */
export const queuedAJob = (outcome: string) => outcome === "queued" || outcome.endsWith("+reread");

export interface TopicHandler<T> {
  parse(payload: unknown, delivery: Delivery): T;
  apply(db: Db, input: T, context: DeliveryContext): Promise<string>;
  /** The same as `apply` on each in turn, written together: the applier's fast path for a run of deliveries of such topics. */
  applyMany?(db: Db, items: { input: T; context: DeliveryContext }[]): Promise<string[]>;
  /** Applied in the request, because its effect must be immediate (uninstall stops all sending at once). */
  inline?: boolean;
  /** Uninstall and compliance topics arrive after the shop left; ledger topics are then ignored. */
  evenIfUninstalled?: boolean;
  /** shop/redact: not even the record of this delivery is kept (a repeat finds nothing to erase). */
  leavesNoRecord?: boolean;
}
