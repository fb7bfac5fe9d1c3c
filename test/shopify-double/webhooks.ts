import crypto from "node:crypto";
import type { AppConfig } from "./toml";
import type { Clock } from "./clock";
import type { ShopState } from "./state";

// Delivery like Shopify's: signed over the raw body, at-least-once, retried on non-2xx or a
// 5 s timeout, 8 attempts over about 4 hours, same X-Shopify-Webhook-Id on every retry.

// Seconds to wait before attempts 2..8 (sums to 4 h).
export const RETRY_DELAYS_S = [60, 120, 300, 600, 1200, 2400, 9720];
const TIMEOUT_MS = 5000;

export interface Attempt {
  at: string;
  status: number | null;
  error: string | null;
  ms: number;
}
export interface Delivery {
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  triggeredAt: string;
  status: "pending" | "delivered" | "failed" | "dropped";
  attempts: Attempt[];
}

export interface WebhookOptions {
  apiSecret: string;
  appUrl: string;
  config: AppConfig;
  clock: Clock;
  retryDelayScale: number;
  deliver: boolean;
}

export const signBody = (body: string, secret: string) => crypto.createHmac("sha256", secret).update(body, "utf8").digest("base64");

export class Webhooks {
  log: Delivery[] = [];
  private inFlight = new Set<Promise<void>>();
  private timers = new Map<NodeJS.Timeout, () => void>();
  private dropQueue: (string | null)[] = [];
  private closed = false;

  constructor(private opts: WebhookOptions) {}

  /** Drop the next delivery (of `topic`, or of any topic), as if Shopify never sent it. */
  dropNext(topic: string | null = null) {
    this.dropQueue.push(topic);
  }

  private targets(shop: ShopState, topic: string): string[] {
    const urls = this.opts.config.subscriptions.filter((s) => s.topics.includes(topic)).map((s) => new URL(s.uri, this.opts.appUrl).toString());
    const enumName = topic.toUpperCase().replace(/\//g, "_");
    for (const s of shop.webhookSubscriptions.values()) if (!s.fromToml && s.topic === enumName) urls.push(new URL(s.uri, this.opts.appUrl).toString());
    return [...new Set(urls)];
  }

  /**
   * Queue `topic` for every subscription. Only installed shops get webhooks; `always` is for
   * app/uninstalled (sent as the app is removed) and compliance topics (sent after removal).
   */
  emit(shop: ShopState, topic: string, payload: unknown, always = false): Delivery[] {
    if (!shop.installed && !always) return [];
    const eventId = crypto.randomUUID();
    const triggeredAt = this.opts.clock.now().toISOString();
    const body = JSON.stringify(payload);
    return this.targets(shop, topic).map((url) => {
      const webhookId = crypto.randomUUID();
      const d: Delivery = {
        webhookId,
        eventId,
        topic,
        shop: shop.info.domain,
        url,
        body,
        triggeredAt,
        status: "pending",
        attempts: [],
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Topic": topic,
          "X-Shopify-Hmac-Sha256": signBody(body, this.opts.apiSecret),
          "X-Shopify-Shop-Domain": shop.info.domain,
          "X-Shopify-API-Version": this.opts.config.apiVersion,
          "X-Shopify-Webhook-Id": webhookId,
          "X-Shopify-Event-Id": eventId,
          "X-Shopify-Triggered-At": triggeredAt,
        },
      };
      this.log.push(d);
      const dropAt = this.dropQueue.findIndex((t) => t === null || t === topic);
      if (dropAt >= 0) {
        this.dropQueue.splice(dropAt, 1);
        d.status = "dropped";
      } else if (!this.opts.deliver) {
        d.status = "dropped";
      } else {
        this.track(this.attempt(d));
      }
      return d;
    });
  }

  private track(p: Promise<void>) {
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p));
  }

  private async attempt(d: Delivery): Promise<void> {
    if (this.closed) return;
    const started = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, { method: "POST", headers: d.headers, body: d.body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = (e as Error).name === "TimeoutError" ? "timeout after 5s" : String((e as Error).message ?? e);
    }
    d.attempts.push({ at: new Date().toISOString(), status, error, ms: Date.now() - started });
    if (status !== null && status >= 200 && status < 300) {
      d.status = "delivered";
      return;
    }
    const retry = RETRY_DELAYS_S[d.attempts.length - 1];
    if (retry === undefined || this.closed) {
      d.status = "failed";
      return;
    }
    // The pending retry counts as in flight so drain() waits for it.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          resolve();
        },
        retry * 1000 * this.opts.retryDelayScale,
      );
      this.timers.set(timer, resolve);
    });
    return this.attempt(d);
  }

  /** Resolves once no delivery is pending (retries included). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close() {
    this.closed = true;
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
    for (const d of this.log) if (d.status === "pending") d.status = "failed";
  }
}
