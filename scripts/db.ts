// Database commands that need no Prisma engine download:
//   tsx scripts/db.ts migrate              apply pending migrations (DATABASE_URL, or the embedded PGlite)
//   tsx scripts/db.ts new-migration NAME   write prisma/migrations/<timestamp>_NAME from schema.prisma changes
//   tsx scripts/db.ts check                exit 1 if schema.prisma has changes no migration holds
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultMigrationPaths, diffSchemaAgainstMigrations } from "../app/.server/db/migrations.server";
import { bootOrExit } from "./boot";

const [command, name] = process.argv.slice(2);
const paths = defaultMigrationPaths();

switch (command) {
  case "migrate": {
    const { database } = await bootOrExit({ SHOPIFY_API_KEY: "-", SHOPIFY_API_SECRET: "-", SHOPIFY_APP_URL: "http://localhost", SCOPES: "-", ...process.env });
    await database.close();
    break;
  }
  case "new-migration": {
    if (!name || !/^[a-z0-9_]+$/.test(name)) {
      console.error("usage: tsx scripts/db.ts new-migration <name, lowercase letters, digits and _>");
      process.exit(2);
    }
    const sql = await diffSchemaAgainstMigrations(paths);
    if (!sql) {
      console.log("schema.prisma matches the migrations: nothing to write");
      break;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(paths.migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    writeFileSync(path.join(paths.migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    break;
  }
  case "check": {
    const sql = await diffSchemaAgainstMigrations(paths);
    if (sql) {
      console.error(`schema.prisma has changes no migration holds; run: npm run db:new-migration -- <name>\n${sql}`);
      process.exit(1);
    }
    console.log("schema.prisma and prisma/migrations agree");
    break;
  }
  default:
    console.error("usage: tsx scripts/db.ts migrate | new-migration <name> | check");
    process.exit(2);
}
