import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject, vi } from "vitest";
import { startEmbeddedPostgres } from "../../app/.server/db/embedded-postgres.server";
import { applyMigrations, defaultMigrationPaths } from "../../app/.server/db/migrations.server";
import type { PrismaClient } from "../../app/generated/prisma/client";

export type DatabaseKind = "pglite" | "postgres";

/** The databases this run tests against: PGlite always, PostgreSQL when it answers. */
export function databaseKinds(): DatabaseKind[] {
  return inject("postgresAvailable") ? ["pglite", "postgres"] : ["pglite"];
}

const SERVER = "postgres://postgres@127.0.0.1:5432";

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  poolMax: number;
  close(): Promise<void>;
}

/** A fresh, migrated database no other test sees: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const embedded = await startEmbeddedPostgres();
    await applyMigrations(embedded.url, defaultMigrationPaths());
    return { kind, url: embedded.url, poolMax: 1, close: embedded.close };
  }
  const name = `quita_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = `${SERVER}/${name}`;
  await applyMigrations(url, defaultMigrationPaths());
  return {
    kind,
    url,
    poolMax: 5,
    close: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
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
