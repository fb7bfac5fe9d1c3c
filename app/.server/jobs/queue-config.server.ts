import type { Queue } from "pg-boss";

// Quita's job queues and their figures (docs/decisions/007 explains each).
//
// Every queue is `stately` and every job carries a singleton key (the shop, or
// the shop and the resource): at most one job per key waits and at most one
// runs, so a reload asked for twice is queued once, and two workers never run
// the same shop's backfill side by side.
//
// A worker that holds a job sends a heartbeat every 5 s (heartbeatSeconds / 2);
// one that dies stops, and the supervisor (every 5 s, boss.server.ts) fails
// the job once 10 s pass without one. The retry then waits 10–20 s (retryDelay,
// doubling each time with jitter), so a killed worker's job runs again within
// a minute. expireInSeconds is only a ceiling for a job that hangs while its
// worker lives: above the longest honest run (a bulk backfill of a very large
// shop), so no live job is ever taken from its worker.

export type JobName =
  | "backfill"
  | "reconcile"
  | "refresh-order"
  | "refresh-draft-order"
  | "refresh-terms"
  | "reconcile-all"
  | "collect"
  | "collect-all"
  | "send-reminder"
  | "fire-flow-trigger";

export interface JobData {
  backfill: { shop: string };
  reconcile: { shop: string };
  "refresh-order": { shop: string; orderGid: string };
  "refresh-draft-order": { shop: string; draftOrderGid: string };
  "refresh-terms": { shop: string; termsId: string };
  "reconcile-all": Record<string, never>;
  collect: { shop: string };
  "collect-all": Record<string, never>;
  "send-reminder": { shop: string; reminderId: string };
  "fire-flow-trigger": { shop: string; runId: string };
}

export type SyncKind = "backfill" | "reconcile";

export const HEARTBEAT_SECONDS = 10;

const retries = { retryLimit: 6, retryDelay: 10, retryBackoff: true, retryDelayMax: 600 } as const;
const kept = { deleteAfterSeconds: 7 * 86_400 } as const;

type QueueOptions = Omit<Queue, "name"> & { policy: "stately" };

export const QUEUES: Record<JobName, QueueOptions> = {
  backfill: { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 6 * 3_600 },
  reconcile: { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 3_600 },
  "refresh-order": { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 600 },
  "refresh-draft-order": { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 600 },
  "refresh-terms": { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 600 },
  // A collections pass: settle interrupted sends, plan the letters now due (docs/decisions/010).
  collect: { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 600 },
  // One letter; a run past its expiry is retried as a new attempt, which finds the letter no longer planned.
  "send-reminder": { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 300 },
  "fire-flow-trigger": { policy: "stately", ...retries, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 300 },
  "collect-all": { policy: "stately", retryLimit: 2, retryDelay: 10, retryBackoff: true, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 600 },
  // The hourly cron's job: it only queues one reconcile per installed shop.
  "reconcile-all": { policy: "stately", retryLimit: 2, retryDelay: 10, retryBackoff: true, ...kept, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 600 },
};

/** Attempts a job gets in all before it is left failed. */
export const attemptsOf = (name: JobName) => (QUEUES[name].retryLimit ?? 0) + 1;

/** Reconciliation (and with it the aging refresh) for every installed shop: cron, in UTC, at minute granularity. */
export const RECONCILE_CRON = "0 * * * *";

/** A collections pass for every installed shop (letters due, interrupted sends settled): every five minutes. */
export const COLLECT_CRON = "*/5 * * * *";

/** The singleton key of a job: one waiting and one running per key. */
export function singletonKey<N extends JobName>(name: N, data: JobData[N]): string | undefined {
  if (!("shop" in data)) return undefined;
  const d = data as { shop: string; orderGid?: string; draftOrderGid?: string; termsId?: string; reminderId?: string; runId?: string };
  const resource = d.orderGid ?? d.draftOrderGid ?? d.termsId ?? d.reminderId ?? d.runId;
  return resource ? `${d.shop} ${resource}` : d.shop;
}
