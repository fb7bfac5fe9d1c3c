import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres.server";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's migration engine, run as WebAssembly over the pg driver adapter, so
// migrations apply without the native schema-engine binary Prisma would
// download (see docs/decisions/002-offline-migrations.md). The history it
// writes to _prisma_migrations is the one `prisma migrate deploy` writes.

const require = createRequire(import.meta.url);
let wasmReady: Promise<void> | undefined;

function loadEngineWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // The package exports its JS glue but not the .wasm beside it.
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": engineGlue as unknown as WebAssembly.ModuleImports,
    });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
}

export function defaultMigrationPaths(root = process.cwd()): MigrationPaths {
  return {
    schemaPath: path.join(root, "prisma", "schema.prisma"),
    migrationsDir: path.join(root, "prisma", "migrations"),
  };
}

// When the engine replays migrations to diff them it introspects pg_catalog
// columns of Postgres's one-byte "char" type (OID 18), which
// @prisma/adapter-pg 7.10 cannot map, and the engine reads them as its
// Character column type. This client notes which columns of a result were
// "char" and reports them as text to the adapter; the factory below then tells
// the engine they are Character. It serves the migration engine only.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumnsByRows = new WeakMap<unknown[], number[]>();

function noteCharColumns(result: pg.QueryResult | undefined): void {
  const charColumns: number[] = [];
  result?.fields?.forEach((field, index) => {
    if (field.dataTypeID !== PG_CHAR_OID) return;
    field.dataTypeID = PG_TEXT_OID;
    charColumns.push(index);
  });
  if (result && charColumns.length > 0) charColumnsByRows.set(result.rows, charColumns);
}

class CatalogFriendlyClient extends pg.Client {
  // pg.Pool#query calls the callback form, the adapter's transactions the promise form.
  // @ts-expect-error pg's overloads are narrower than this pass-through
  override query(...args: unknown[]) {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: pg.QueryResult) => {
        if (!error) noteCharColumns(result);
        last(error, result);
      };
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const pending = (super.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
    return pending.then((result) => {
      noteCharColumns(result);
      return result;
    });
  }
}

function restoreCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

/**
 * Prisma's pg adapter runs a migration script cut at every ";", which cuts a PL/pgSQL function body
 * (the debtor summaries' triggers) into pieces PostgreSQL refuses. PostgreSQL's simple query
 * protocol runs the script as written, its statements in order and in one implicit transaction:
 * a migration that fails leaves nothing half applied. Errors are reported as the adapter would.
 */
function runScriptsWhole(connected: SqlDriverAdapter): void {
  // The adapter's own connection: the app's database, or the shadow one the engine diffs on.
  const own = connected as unknown as { client: pg.Pool | pg.Client; onError(error: unknown): never };
  connected.executeScript = async (script) => {
    try {
      await own.client.query(script);
    } catch (error) {
      own.onError(error);
    }
  };
}

function engineAdapterFactory(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg(pool);
  const wrap = async (adapter: Promise<SqlDriverAdapter>) => {
    const connected = restoreCharColumns(await adapter);
    runScriptsWhole(connected);
    const startTransaction = connected.startTransaction.bind(connected);
    connected.startTransaction = async (isolation) => restoreCharColumns(await startTransaction(isolation));
    return connected;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => wrap(factory.connect()),
    connectToShadowDb: () => wrap(factory.connectToShadowDb()),
  };
}

async function withEngine<T>(url: string, paths: MigrationPaths, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadEngineWasm();
  // One connection, closed before the app's pool opens: PGlite serves a single session.
  const pool = new pg.Pool({ connectionString: url, max: 1, Client: CatalogFriendlyClient as unknown as typeof pg.Client });
  const adapter = bindMigrationAwareSqlAdapterFactory(engineAdapterFactory(pool));
  const engine: SchemaEngine = await engineGlue.SchemaEngine.new(
    { datamodels: [[paths.schemaPath, readFileSync(paths.schemaPath, "utf8")]] },
    () => {},
    adapter,
  );
  try {
    return await work(engine);
  } catch (error) {
    throw explainEngineError(error, adapter.errorRegistry);
  } finally {
    engine.free();
    await pool.end();
  }
}

// The engine reports driver failures as "External error id#N" (the driver's
// own error, e.g. a refused connection, is kept in the adapter's registry) and
// its own as a summary line, a detail line and a span trace naming the
// migration. Both become one readable sentence.
function explainEngineError(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }): Error {
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const cause = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (cause !== undefined) {
    const detail = cause instanceof Error ? cause.message : JSON.stringify(cause);
    return new Error(`database error while migrating: ${detail}`, { cause });
  }
  const lines = message.split("\n");
  const traceStart = lines.findIndex((line) => /^\s+0: /.test(line));
  const summary = (traceStart === -1 ? lines : lines.slice(0, traceStart)).map((line) => line.trim()).filter(Boolean);
  const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
  const text = `${migration ? `migration ${migration}: ` : ""}${summary.slice(1).join(" ") || summary[0] || message}`;
  return new Error(text, { cause: error });
}

function schemaFiles(paths: MigrationPaths) {
  return [{ path: paths.schemaPath, content: readFileSync(paths.schemaPath, "utf8") }];
}

export function readMigrationList(migrationsDir: string): MigrationList {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file) ? { tag: "ok", value: readFileSync(file, "utf8") } : { tag: "error", value: `${file} is missing` },
        },
      };
    }),
  } as MigrationList;
}

/** Applies every migration not yet recorded in the database; returns their names. */
export async function applyMigrations(url: string, paths: MigrationPaths): Promise<string[]> {
  return withEngine(url, paths, async (engine) => {
    const result = await engine.applyMigrations({
      migrationsList: readMigrationList(paths.migrationsDir),
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database built from the migrations folder to the
 * current schema.prisma: what `prisma migrate dev` would write. Empty when the
 * schema and the migrations agree. The engine replays the migrations to
 * compare them, so it works in a throwaway in-memory PGlite, never in a
 * database that matters.
 */
export async function diffSchemaAgainstMigrations(paths: MigrationPaths): Promise<string> {
  const scratch = await startEmbeddedPostgres();
  try {
    // Replay the history for real, then compare what it built with the schema.
    // (The engine's own "from migrations" replay needs a separate shadow
    // database, which a single-session PGlite cannot provide.)
    await applyMigrations(scratch.url, paths);
    return await withEngine(scratch.url, paths, async (engine) => {
      const result = await engine.diff({
        // "schemaDatasource" means the database the engine is connected to.
        from: { tag: "schemaDatasource", files: schemaFiles(paths), configDir: path.dirname(paths.schemaPath) },
        to: { tag: "schemaDatamodel", files: schemaFiles(paths) },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      const sql = result.stdout ?? "";
      return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
    });
  } finally {
    await scratch.close();
  }
}
