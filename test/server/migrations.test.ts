import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, defaultMigrationPaths, diffSchemaAgainstMigrations } from "../../app/.server/db/migrations.server";
import { DatabaseBootError, prepareDatabase } from "../../app/.server/db/prepare-database.server";
import { repoRoot } from "../support/admin-schema";
import { createTestDatabase, databaseKinds } from "../support/database";

const paths = defaultMigrationPaths(repoRoot);

function scratchCopyOfPrisma(): { schemaPath: string; migrationsDir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "quita-prisma-"));
  cpSync(path.join(repoRoot, "prisma"), dir, { recursive: true });
  return { schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
}

describe("offline migrations with Prisma's WebAssembly schema engine", () => {
  it("schema.prisma and prisma/migrations agree (a model change without a migration fails here)", async () => {
    expect(await diffSchemaAgainstMigrations(paths)).toBe("");
  });

  it("writes the SQL for a schema change, as `prisma migrate dev` would", async () => {
    const scratch = scratchCopyOfPrisma();
    const schema = readFileSync(scratch.schemaPath, "utf8").replace("  taxId         String?", "  taxId         String?\n  phone         String?");
    writeFileSync(scratch.schemaPath, schema);
    const sql = await diffSchemaAgainstMigrations(scratch);
    expect(sql).toContain('ALTER TABLE "Shop" ADD COLUMN     "phone" TEXT;');
  });

  it.each(databaseKinds())("applies each migration once on %s and records it like prisma migrate deploy", async (kind) => {
    const database = await createTestDatabase(kind); // already migrated once
    try {
      expect(await applyMigrations(database.url, paths)).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query('SELECT migration_name, finished_at FROM "_prisma_migrations"');
      await client.end();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row: { finished_at: Date | null }) => row.finished_at !== null)).toBe(true);
    } finally {
      await database.close();
    }
  });
});

describe("the database boot step", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "quita-data-"));

  it("keeps the embedded database's data across a restart", async () => {
    const first = await prepareDatabase({ dataDir, poolMax: 10, paths });
    expect(first.embedded).toBe(true);
    expect(first.poolMax).toBe(1);
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query(`INSERT INTO "Shop" ("domain", "updatedAt") VALUES ('kept.myshopify.com', now())`);
    await client.end();
    await first.close();

    const second = await prepareDatabase({ dataDir, poolMax: 10, paths });
    expect(second.appliedMigrations).toEqual([]);
    const again = new pg.Client({ connectionString: second.url });
    await again.connect();
    const { rows } = await again.query(`SELECT domain FROM "Shop"`);
    await again.end();
    await second.close();
    expect(rows).toEqual([{ domain: "kept.myshopify.com" }]);
  });

  it("names an unreachable server in one sentence", async () => {
    const failure = prepareDatabase({ databaseUrl: "postgres://quita:secret@127.0.0.1:1/quita", dataDir, poolMax: 5, paths });
    await expect(failure).rejects.toThrow(DatabaseBootError);
    await expect(failure).rejects.toThrow(/^cannot connect to the database at postgres:\/\/quita:\*\*\*@127\.0\.0\.1:1\/quita: connect ECONNREFUSED/);
  });

  it("names a migration that fails and the reason", async () => {
    const scratch = scratchCopyOfPrisma();
    const broken = path.join(scratch.migrationsDir, "29990101000000_broken");
    mkdirSync(broken);
    writeFileSync(path.join(broken, "migration.sql"), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;');
    const failure = prepareDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "quita-data-")), poolMax: 5, paths: scratch });
    await expect(failure).rejects.toThrow(/^database migration failed: migration 29990101000000_broken: No such table: NoSuchTable$/);
  });
});
