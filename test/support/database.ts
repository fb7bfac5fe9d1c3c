import { randomBytes } from "node:crypto";
import { inject, vi } from "vitest";
import { adminQuery, createMigratedServerDatabase, migratedPglite, SERVER } from "./migrated-databases";
import type { PrismaClient } from "../../app/generated/prisma/client";

export type DatabaseKind = "pglite" | "postgres";

/** The databases this run tests against: PGlite always, PostgreSQL when it answers. */
export function databaseKinds(): DatabaseKind[] {
  return inject("postgresAvailable") ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  poolMax: number;
  close(): Promise<void>;
}

/** A fresh, migrated database no other test sees: in-memory PGlite, or a new database on the server (both copied from a migrated image: migrated-databases.ts). */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const embedded = await migratedPglite();
    return { kind, url: embedded.url, poolMax: 1, close: embedded.close };
  }
  const name = `quita_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await createMigratedServerDatabase(name);
  return {
    kind,
    url: `${SERVER}/${name}`,
    poolMax: 5,
    close: async () => void (await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/**
 * Points the app's modules at `database` and returns its Prisma client. App
 * modules read DATABASE_URL when first imported, so callers import them
 * (dynamically) after this, and call `releaseAppDatabase` when done.
 */
export async function useAppDatabase(database: TestDatabase): Promise<PrismaClient> {
  await releaseAppDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_MAX = String(database.poolMax);
  vi.resetModules();
  const { default: prisma } = await import("../../app/db.server");
  return prisma;
}

export async function releaseAppDatabase(): Promise<void> {
  // The process's pg-boss runs on the client's pool (app/.server/jobs/boss.server.ts): it stops first.
  const held = globalThis.quitaBoss;
  globalThis.quitaBoss = undefined;
  const boss = await held?.boss.catch(() => null);
  await boss?.stop({ graceful: false, close: false });
  await globalThis.quitaPrisma?.$disconnect();
  globalThis.quitaPrisma = undefined;
}
