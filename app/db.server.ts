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
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

declare global {
  // Survives Vite's module reloads in development, so edits don't leak pools.
  var quitaPrisma: PrismaClient | undefined;
}

const prisma = (globalThis.quitaPrisma ??= createClient());
export default prisma;
