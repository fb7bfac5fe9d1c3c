import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { applyMigrations, defaultMigrationPaths } from "../../app/.server/db/migrations.server";
import { repoRoot } from "./admin-schema";

// A fresh database for every test file (or test) is the rule; applying the migrations to each is
// not. Initialising an in-memory PGlite (initdb in WebAssembly) takes 3–6 s and the migrations
// another half second, ~60 times a run. So the migrations are applied once, through the app's own
// applyMigrations, to an image kept until they change: a PGlite data folder (a tar under
// node_modules/.cache) that each new in-memory PGlite starts from in under a second, and a
// template database on the PostgreSQL server that CREATE DATABASE copies. The image is named by
// a hash of what makes it (the migrations, the code that applies them, PGlite's version), so a
// new migration makes a new one. test/server/migrations.test.ts and boot.test.ts still migrate
// empty databases the way the app does.

export const SERVER = "postgres://postgres@127.0.0.1:5432";

const cacheDir = path.join(repoRoot, "node_modules", ".cache", "quita-test-databases");

let fingerprint: string | undefined;
/** Names the migrated image: it changes when a migration, the migration runner or PGlite does. */
function migrationsFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  const { migrationsDir } = defaultMigrationPaths(repoRoot);
  const files = readdirSync(migrationsDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, path.join(repoRoot, "app/.server/db/migrations.server.ts")]) {
    hash.update(path.relative(repoRoot, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  hash.update(JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version);
  fingerprint = hash.digest("hex").slice(0, 16);
  return fingerprint;
}

/**
 * An in-memory PGlite on a loopback socket, as app/.server/db/embedded-postgres.server.ts serves
 * the app's (the same server and connection limit), started from `image` when given.
 */
async function servePglite(image?: Blob): Promise<{ db: PGlite; url: string; stop(): Promise<void> }> {
  const db = await PGlite.create(image ? { loadDataDir: image } : {});
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
  await server.start();
  return { db, url: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`, stop: () => server.stop() };
}

let pgliteImage: Promise<Blob> | undefined;
/** The migrated PGlite data folder as a tar, made once per change to the migrations. */
function migratedPgliteImage(): Promise<Blob> {
  pgliteImage ??= (async () => {
    const file = path.join(cacheDir, `pglite-${migrationsFingerprint()}.tar`);
    if (!existsSync(file)) {
      const fresh = await servePglite();
      await applyMigrations(fresh.url, defaultMigrationPaths(repoRoot));
      await fresh.stop();
      const tar = Buffer.from(await (await fresh.db.dumpDataDir("none")).arrayBuffer());
      await fresh.db.close();
      mkdirSync(cacheDir, { recursive: true });
      // Written aside and renamed: another test process may be reading or writing the same image.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, tar);
      renameSync(partial, file);
    }
    return new Blob([readFileSync(file)]);
  })();
  return pgliteImage;
}

/** A fresh in-memory PGlite holding the migrated schema and nothing else. */
export async function migratedPglite(): Promise<{ url: string; close(): Promise<void> }> {
  const { db, url, stop } = await servePglite(await migratedPgliteImage());
  return {
    url,
    async close() {
      await stop();
      await db.close();
    },
  };
}

export async function adminQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

let serverTemplate: Promise<string> | undefined;
/** The migrated template database on the server, made once per change to the migrations. */
function migratedTemplate(): Promise<string> {
  serverTemplate ??= (async () => {
    const name = `quita_template_${migrationsFingerprint()}`;
    if ((await adminQuery("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount) return name;
    const building = `${name}_${process.pid}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE "${building}"`);
    await applyMigrations(`${SERVER}/${building}`, defaultMigrationPaths(repoRoot));
    try {
      await adminQuery(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    } catch (error) {
      // Another test process made it meanwhile: theirs is the same.
      await adminQuery(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      if ((error as { code?: string }).code !== "42P04") throw error;
    }
    return name;
  })();
  return serverTemplate;
}

/** A new database on the server holding the migrated schema and nothing else. */
export async function createMigratedServerDatabase(name: string): Promise<void> {
  const template = await migratedTemplate();
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      // PostgreSQL refuses to copy a database someone is connected to (55006): only ever briefly here.
      if ((error as { code?: string }).code !== "55006" || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
