import net from "node:net";
import type { TestProject } from "vitest/node";

// Database tests run on the embedded PGlite always, and on the PostgreSQL
// server at 127.0.0.1:5432 when one answers (CI's machines have one).
// QUITA_REQUIRE_POSTGRES=1 turns a missing server into a failure instead.
export default async function setup(project: TestProject) {
  const postgres = await answers("127.0.0.1", 5432);
  if (!postgres && process.env.QUITA_REQUIRE_POSTGRES === "1") {
    throw new Error("QUITA_REQUIRE_POSTGRES=1 but no PostgreSQL answers on 127.0.0.1:5432");
  }
  console.log(`database tests run on: PGlite${postgres ? " and PostgreSQL at 127.0.0.1:5432" : " (no PostgreSQL on 127.0.0.1:5432)"}`);
  project.provide("postgresAvailable", postgres);
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresAvailable: boolean;
  }
}
