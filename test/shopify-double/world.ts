import type { Clock } from "./clock";
import type { Mailbox } from "./mailbox";
import type { Store } from "./state";
import type { TokenRegistry } from "./tokens";
import type { AppConfig } from "./toml";
import type { Webhooks } from "./webhooks";

/** Everything a resolver, control or route may touch; one per running double. */
export interface World {
  store: Store; clock: Clock; mailbox: Mailbox; webhooks: Webhooks; tokens: TokenRegistry;
  config: AppConfig; apiKey: string; apiSecret: string;
  throttle: { mode: "normal" | "throttled" | "http429" | "http500" };
  /** Flow trigger handles the app declares; flowTriggerReceive refuses others, as Shopify does. */
  flowTriggerHandles: Set<string>;
}
