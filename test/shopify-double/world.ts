import type { BulkErrorCode } from "./bulk";
import type { Clock } from "./clock";
import type { CostBucket, ShopPlan } from "./cost";
import type { Mailbox } from "./mailbox";
import type { Store } from "./state";
import type { TokenRegistry } from "./tokens";
import type { AppConfig } from "./toml";
import type { Webhooks } from "./webhooks";

/** Everything a resolver, control or route may touch; one per running double. */
export interface World {
  store: Store;
  clock: Clock;
  mailbox: Mailbox;
  webhooks: Webhooks;
  tokens: TokenRegistry;
  config: AppConfig;
  apiKey: string;
  apiSecret: string;
  throttle: { mode: "normal" | "throttled" | "http429" | "http500" };
  /** The shop's Shopify plan, which sizes its Admin API cost bucket (cost.ts). */
  plan: ShopPlan;
  /** Each shop's Admin API cost bucket, made full on the shop's first request; it refills on wall time. */
  costBuckets: Map<string, CostBucket>;
  /** Flow trigger handles the app declares; flowTriggerReceive refuses others, as Shopify does. */
  flowTriggerHandles: Set<string>;
  /** The double's own http URL, for the files it serves (bulk operation results). */
  baseUrl: string;
  /** Test switches for bulk operations: keep new ones CREATED, or fail the next one. */
  bulk: { hold: boolean; failNext: BulkErrorCode | null };
}
