import type pg from "pg";
import { PgBoss } from "pg-boss";
import { sqlPool } from "../../db.server";
import { QUEUES } from "./queue-config.server";

// The one pg-boss of this process (docs/decisions/007). It runs its statements
// on the app's own pool: on the embedded PGlite that pool is the one
// connection there is, and pg-boss gives it back after every statement, so
// the app's queries are not starved. It is kept on globalThis, beside the
// Prisma client (db.server.ts), because the Remix build and the scripts that
// start background work (scripts/serve.ts) load the app's modules twice: both
// copies must send and work through the same instance.

/** How often pg-boss looks for lost workers (no heartbeat) and expired jobs: with a 10 s heartbeat, a killed worker's job is retried well within a minute. */
export const SUPERVISE_SECONDS = 5;

interface Holder {
  pool: pg.Pool;
  supervised: boolean;
  boss: Promise<PgBoss>;
  /** The ids `boss.work()` returned in this process, to wake them when a job is queued here. */
  workerIds: string[];
}

declare global {
  var quitaBoss: Holder | undefined;
}

async function startBoss(pool: pg.Pool, supervised: boolean): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
    // Only processes that run jobs look after them (expiry, heartbeats, cron);
    // a web instance with QUITA_JOB_RUNNER=off only sends.
    supervise: supervised,
    schedule: supervised,
    superviseIntervalSeconds: SUPERVISE_SECONDS,
    monitorIntervalSeconds: SUPERVISE_SECONDS,
    // Workers are woken by our own notification (work-notifications.server.ts)
    // or in process; pg-boss's LISTEN would need a connection PGlite hasn't got.
    useListenNotify: false,
    registerInstance: supervised,
  });
  boss.on("error", (error) => console.error(`pg-boss: ${error.message}`));
  await boss.start();
  for (const [name, options] of Object.entries(QUEUES)) {
    await boss.createQueue(name, options); // a no-op when it exists…
    const { policy: _fixedAtCreation, ...changeable } = options;
    await boss.updateQueue(name, changeable); // …so today's figures are applied here
  }
  return boss;
}

/**
 * This process's pg-boss, started (its schema installed or migrated, the
 * queues created). `supervised` asks for one that also looks after running
 * jobs and runs the cron schedules: what a process that works jobs needs.
 */
export async function getBoss(options: { supervised?: boolean } = {}): Promise<PgBoss> {
  const pool = sqlPool();
  const held = globalThis.quitaBoss;
  if (held && held.pool === pool && (held.supervised || !options.supervised)) return held.boss;
  if (held) await stopBoss();
  const supervised = Boolean(options.supervised);
  const holder: Holder = { pool, supervised, boss: startBoss(pool, supervised), workerIds: [] };
  globalThis.quitaBoss = holder;
  holder.boss.catch(() => {
    if (globalThis.quitaBoss === holder) globalThis.quitaBoss = undefined;
  });
  return holder.boss;
}

/** Stops this process's pg-boss: workers finish what they hold (up to `timeoutMs`), timers end. */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const held = globalThis.quitaBoss;
  if (!held) return;
  globalThis.quitaBoss = undefined;
  const boss = await held.boss.catch(() => null);
  // What a worker still holds when the time is up goes back to the queue (failed, then retried).
  await boss?.stop({ graceful: timeoutMs > 0, timeout: Math.max(1_000, timeoutMs), close: false });
}

/** Remembers a worker started in this process, so a job queued here wakes it at once. */
export function registerWorker(id: string): void {
  globalThis.quitaBoss?.workerIds.push(id);
}

/** The workers this process runs (none in a web instance that leaves jobs to scripts/worker.ts). */
export async function localWorkers(): Promise<{ boss: PgBoss; ids: string[] } | null> {
  const held = globalThis.quitaBoss;
  if (!held?.workerIds.length) return null;
  return { boss: await held.boss, ids: held.workerIds };
}
