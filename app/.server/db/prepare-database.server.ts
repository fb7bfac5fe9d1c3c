import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.server";
import { applyMigrations, defaultMigrationPaths, type MigrationPaths } from "./migrations.server";

export interface PreparedDatabase {
  url: string;
  /** How many connections the app's pool may hold: one on PGlite. */
  poolMax: number;
  embedded: boolean;
  appliedMigrations: string[];
  close(): Promise<void>;
}

export class DatabaseBootError extends Error {
  override name = "DatabaseBootError";
}

/**
 * Boot step shared by the server, the CLI and the tests: reach the database
 * (the embedded PGlite in `dataDir` when no URL is given), then bring its
 * schema up to date. Every failure becomes one sentence naming the problem.
 */
export async function prepareDatabase(options: { databaseUrl?: string; dataDir: string; poolMax: number; paths?: MigrationPaths }): Promise<PreparedDatabase> {
  const paths = options.paths ?? defaultMigrationPaths();
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl;
  if (!url) {
    const dir = path.resolve(options.dataDir, "pglite");
    try {
      embedded = await startEmbeddedPostgres(dir);
    } catch (error) {
      throw new DatabaseBootError(`cannot open the embedded database in ${dir}: ${describe(error)}`);
    }
    url = embedded.url;
  }
  try {
    await checkConnection(url);
    const appliedMigrations = await applyMigrations(url, paths).catch((error: unknown) => {
      throw new DatabaseBootError(`database migration failed: ${describe(error)}`);
    });
    return {
      url,
      poolMax: embedded ? 1 : options.poolMax,
      embedded: Boolean(embedded),
      appliedMigrations,
      close: async () => embedded?.close(),
    };
  } catch (error) {
    await embedded?.close();
    throw error;
  }
}

async function checkConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new DatabaseBootError(`cannot connect to the database at ${redact(url)}: ${describe(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] || (error as { code?: string }).code || "unknown error";
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
