import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

// Shopify's GraphQL Admin API charges each request its calculated cost from a leaky bucket per app
// and shop (maximumAvailable points, refilled at restoreRate points a second), and answers THROTTLED
// when the request's requested cost is more than the bucket holds. Every answer says where the
// bucket stands (extensions.cost.throttleStatus). A ShopPacer remembers that, and the requested
// cost of each named operation, and waits before sending until the bucket can pay: a burst of
// sends then runs at the restore rate instead of hitting THROTTLED and backing off.
//
// Several processes (web instances, workers) share one shop's bucket at Shopify and each keeps its
// own pacer: each answer corrects the pacer to Shopify's figure, and a THROTTLED answer that still
// comes is waited out and retried (admin-graphql.server.ts).
//
// The bucket refills in real seconds, so pacing runs on wall time, never on the business clock
// (which the demo and tests move by days).

export type AdminGraphql = AdminApiContext["graphql"];

export interface PacingTime {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1): the jitter of retry back-offs. */
  random(): number;
}

export const wallTime: PacingTime = {
  now: () => performance.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost?: number | null;
  throttleStatus: ThrottleStatus;
}

/** What an operation never sent before is assumed to cost: Shopify charges a mutation at least 10. */
const FIRST_GUESS = 10;

export interface Reservation {
  operation: string;
  points: number;
}

export interface PacerStats {
  /** Requests sent to Shopify, retries included. */
  sent: number;
  /** THROTTLED answers received. */
  throttled: number;
  /** 429 answers received. */
  rateLimited: number;
  /** 5xx answers (or no answer at all) received. */
  serverErrors: number;
  /** Time spent waiting for the bucket before sending. */
  pacedMs: number;
}

export class ShopPacer {
  readonly stats: PacerStats = { sent: 0, throttled: 0, rateLimited: 0, serverErrors: 0, pacedMs: 0 };
  private bucket: { available: number; maximum: number; restoreRate: number; at: number } | null = null;
  private reserved = 0;
  private pausedUntil = 0;
  private readonly costs = new Map<string, number>();
  private turn: Promise<void> = Promise.resolve();
  private waiters: (() => void)[] = [];

  constructor(readonly time: PacingTime = wallTime) {}

  /** Points this operation asked for the last time it ran (a first guess until then). */
  costOf(operation: string): number {
    const known = this.costs.get(operation);
    if (known !== undefined) return known;
    return Math.max(FIRST_GUESS, ...this.costs.values());
  }

  /** Points the bucket holds now by the last answer and the time since, less what requests under way reserved; null before any answer. */
  room(): number | null {
    const b = this.bucket;
    if (!b) return null;
    const restored = Math.min(b.maximum, b.available + ((this.time.now() - b.at) / 1000) * b.restoreRate);
    return restored - this.reserved;
  }

  /**
   * Waits its turn (first come, first served), then until the bucket holds the operation's cost,
   * and reserves that cost until `settle`. Before Shopify has said anything about the bucket, one
   * request goes first and the others wait for its answer.
   */
  reserve(operation: string): Promise<Reservation> {
    const mine = this.turn.then(() => this.waitForRoom(operation));
    this.turn = mine.then(
      () => undefined,
      () => undefined,
    );
    return mine;
  }

  /** The request has its answer: its reservation ends, and the bucket and the operation's cost are Shopify's figures (when it gave them). */
  settle(reservation: Reservation, cost: QueryCost | null | undefined) {
    this.reserved = Math.max(0, this.reserved - reservation.points);
    if (cost?.throttleStatus) {
      const { currentlyAvailable, maximumAvailable, restoreRate } = cost.throttleStatus;
      this.bucket = { available: currentlyAvailable, maximum: maximumAvailable, restoreRate, at: this.time.now() };
    }
    if (cost && Number.isFinite(cost.requestedQueryCost)) this.costs.set(reservation.operation, cost.requestedQueryCost);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Nothing goes to this shop for `ms` (Shopify answered 429 with Retry-After). */
  pause(ms: number) {
    this.pausedUntil = Math.max(this.pausedUntil, this.time.now() + ms);
  }

  private async waitForRoom(operation: string): Promise<Reservation> {
    for (;;) {
      const pause = this.pausedUntil - this.time.now();
      if (pause > 0) {
        await this.wait(pause);
        continue;
      }
      const room = this.room();
      if (room === null) {
        if (this.reserved === 0) break;
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      const need = Math.min(this.costOf(operation), this.bucket!.maximum);
      if (room >= need) break;
      await this.wait(Math.ceil(((need - room) / this.bucket!.restoreRate) * 1000));
    }
    const points = this.bucket ? Math.min(this.costOf(operation), this.bucket.maximum) : this.costOf(operation);
    this.reserved += points;
    return { operation, points };
  }

  private async wait(ms: number) {
    this.stats.pacedMs += ms;
    await this.time.sleep(ms);
  }
}

// Each shop's pacer for this process. A client made for a shop is tagged with its pacer (a client
// function is made per request or job, the bucket lives as long as the shop); an untagged client
// gets a pacer of its own.
const shopPacers = new Map<string, ShopPacer>();
const clientPacers = new WeakMap<AdminGraphql, ShopPacer>();

/** This process's pacer of the shop's Admin API bucket. */
export function shopPacer(shop: string): ShopPacer {
  let pacer = shopPacers.get(shop);
  if (!pacer) shopPacers.set(shop, (pacer = new ShopPacer()));
  return pacer;
}

/** The same client, its requests paced by `pacer` (by default the shop's). */
export function pacedForShop(shop: string, graphql: AdminGraphql, pacer: ShopPacer = shopPacer(shop)): AdminGraphql {
  const paced: AdminGraphql = (query, options) => graphql(query, options);
  clientPacers.set(paced, pacer);
  return paced;
}

export function pacerOf(graphql: AdminGraphql): ShopPacer {
  let pacer = clientPacers.get(graphql);
  if (!pacer) clientPacers.set(graphql, (pacer = new ShopPacer()));
  return pacer;
}
