import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

// The one Prisma client. By the time any module imports this, the boot step
// (scripts/serve.ts, or the test setup) has prepared the database and set
// DATABASE_URL to it, including the embedded PGlite's loopback address.
function createClient(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Quita through scripts/serve.ts, which prepares the database");
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  globalThis.quitaPools.set(client, pool);
  return client;
}

declare global {
  // Survive Vite's module reloads in development, so edits don't leak pools.
  var quitaPrisma: PrismaClient | undefined;
  var quitaPools: WeakMap<PrismaClient, pg.Pool>;
}

globalThis.quitaPools ??= new WeakMap();
const prisma = (globalThis.quitaPrisma ??= createClient());
export default prisma;

/**
 * The pg pool under the client, for the one statement on a hot path where the
 * client's own cost shows: the webhook intake's INSERT, whose 10 KB body the
 * client spends 0.4 ms of CPU on, a sixth of the route (docs/decisions/006).
 */
export function sqlPool(): pg.Pool {
  const pool = globalThis.quitaPools.get(prisma);
  if (!pool) throw new Error("the Prisma client has no pool of ours");
  return pool;
}

/** The pool holds one connection: the embedded PGlite, which is one Postgres session (docs/decisions/001). */
export function singleConnection(): boolean {
  return sqlPool().options.max === 1;
}

export class DatabaseBusy extends Error {
  override name = "DatabaseBusy";
}

/**
 * A connection from the app's pool, if one is free before `deadline` (ms since
 * the epoch); DatabaseBusy otherwise. A connection that frees up after the
 * deadline goes straight back to the pool, so nothing runs late on it: a
 * webhook answered 503 leaves no trace for Shopify's retry to trip over.
 */
export async function connectBefore(deadline: number): Promise<pg.PoolClient> {
  const busy = () => new DatabaseBusy("no database connection came free in time");
  // eslint-disable-next-line no-restricted-syntax -- wall time: the webhook's answer deadline is real seconds
  if (Date.now() >= deadline) throw busy();
  const pending = sqlPool().connect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    // eslint-disable-next-line no-restricted-syntax -- wall time: the webhook's answer deadline is real seconds
    timer = setTimeout(() => reject(busy()), Math.max(0, deadline - Date.now()));
  });
  try {
    const client = await Promise.race([pending, late]);
    // Handed over in the same tick as the deadline passed: too late all the same.
    // eslint-disable-next-line no-restricted-syntax -- wall time: the webhook's answer deadline is real seconds
    if (Date.now() < deadline) return client;
    client.release();
    throw busy();
  } catch (error) {
    if (error instanceof DatabaseBusy)
      pending.then(
        (client) => client.release(),
        () => {},
      );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
