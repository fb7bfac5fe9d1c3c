import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

// PostgreSQL compiled to WebAssembly, served on a loopback socket so the app
// talks to it through the same pg driver and Prisma adapter as to a real
// server. PGlite is a single Postgres session: callers keep one connection
// open at a time (see docs/decisions/001-postgresql-everywhere.md).
// `dataDir` undefined keeps the database in memory (tests).
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  // The server detaches a closed connection asynchronously, so a client that
  // reconnects at once (migrations, then the app) would be refused with a
  // limit of 1. Extra connections share the one session, which the socket
  // server serialises per transaction; the app's own pool still uses one.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
