import { ConfigError, readEnv, type Env } from "../app/env.server";
import { DatabaseBootError, prepareDatabase, type PreparedDatabase } from "../app/.server/db/prepare-database.server";

/**
 * What every entry point does first: check the environment, reach the
 * database (embedded PGlite by default) and migrate it, then hand the result
 * to the app through DATABASE_URL. A problem stops the process with one line
 * naming it, not a stack trace.
 */
export async function bootOrExit(source: Record<string, string | undefined> = process.env): Promise<{ env: Env; database: PreparedDatabase }> {
  try {
    const env = readEnv(source);
    const database = await prepareDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.QUITA_DATA_DIR, poolMax: env.DATABASE_POOL_MAX });
    process.env.DATABASE_URL = database.url;
    process.env.DATABASE_POOL_MAX = String(database.poolMax);
    const where = database.embedded ? `embedded PostgreSQL (PGlite) in ${env.QUITA_DATA_DIR}` : "PostgreSQL";
    const applied = database.appliedMigrations.length;
    console.log(`quita: database ready on ${where}${applied ? `, applied ${applied} migration(s)` : ""}`);
    return { env, database };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseBootError) {
      console.error(`quita: cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
