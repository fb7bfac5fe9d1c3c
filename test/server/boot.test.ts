import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/admin-schema";
import { createTestDatabase, databaseKinds } from "../support/database";

// The server's entry point, run as an operator would: a misconfiguration stops
// it at once with one line naming the problem, not a stack trace.
function startServer(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

const valid = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret", SHOPIFY_APP_URL: "https://quita.example", SCOPES: "read_orders" };

// The server's entry point left running on a fresh data folder, until it prints the URL it serves on.
async function startServing(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "quita-serve-"));
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: repoRoot,
    env: { ...process.env, ...valid, PORT: "0", QUITA_DATA_DIR: dataDir, DATABASE_URL: "", QUITA_JOB_RUNNER: "off", ...env },
  });
  let output = "";
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "serving on" line in 30 s:\n${output}`)), 30_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /serving on (\S+)/.exec(output)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      server.stdout!.on("data", read);
      server.stderr!.on("data", read);
      server.once("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    return { url, dataDir, output: () => output, stop: () => server.kill("SIGTERM") };
  } catch (error) {
    server.kill("SIGTERM");
    throw error;
  }
}

describe("starting Quita with a bad configuration", () => {
  it("stops on a missing variable, naming it", () => {
    const { SHOPIFY_API_SECRET: _omitted, ...withoutSecret } = valid;
    const run = startServer(withoutSecret);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('quita: cannot start: Invalid environment: SHOPIFY_API_SECRET is required but not set. See README.md, "Environment".');
  });

  it("stops on a database it cannot reach, naming it without its password", () => {
    const run = startServer({ ...valid, DATABASE_URL: "postgres://quita:hunter2@127.0.0.1:1/quita" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^quita: cannot start: cannot connect to the database at postgres:\/\/quita:\*\*\*@127\.0\.0\.1:1\/quita: connect ECONNREFUSED 127\.0\.0\.1:1$/,
    );
    expect(run.stderr).not.toContain("hunter2");
  });
});

describe.each(databaseKinds())("starting Quita on %s", (kind) => {
  it("migrates the database and serves the app", async () => {
    const database = kind === "postgres" ? await createTestDatabase("postgres") : undefined;
    const server = await startServing({ DATABASE_URL: database?.url ?? "" }).catch(async (error) => {
      await database?.close();
      throw error;
    });
    try {
      expect(server.output()).toContain(
        kind === "postgres" ? "database ready on PostgreSQL" : `database ready on embedded PostgreSQL (PGlite) in ${server.dataDir}`,
      );
      const landing = await fetch(server.url, { headers: { "User-Agent": "Mozilla/5.0" } });
      expect(landing.status).toBe(200);
      expect(await landing.text()).toContain("Quita");
    } finally {
      server.stop();
      await database?.close();
    }
  });
});

describe("in production (NODE_ENV=production)", () => {
  it("refuses the local Shopify double's seams at once, naming them", () => {
    const run = startServer({
      ...valid,
      NODE_ENV: "production",
      SHOPIFY_DOUBLE_URL: "http://127.0.0.1:3100",
      APP_BRIDGE_URL: "http://127.0.0.1:3100/_double/app-bridge.js",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'quita: cannot start: Invalid environment: SHOPIFY_DOUBLE_URL is for the demo and tests only: unset it when NODE_ENV=production; APP_BRIDGE_URL is for the demo and tests only: unset it when NODE_ENV=production. See README.md, "Environment".',
    );
  });
});

// This machine's address on its network, where other machines (a load balancer) reach it.
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

describe.skipIf(!networkAddress)(`where Quita listens, seen from this machine's network address ${networkAddress}`, () => {
  /**
   * Serving as `env` says, on a migrated database of the PostgreSQL server when there is one: the
   * address is the subject here, and a fresh embedded database (initdb, then the migrations) costs
   * seconds that "starting Quita on pglite" above already spends.
   */
  async function startServingOnAnyDatabase(env: Record<string, string>) {
    const database = databaseKinds().includes("postgres") ? await createTestDatabase("postgres") : undefined;
    const server = await startServing({ ...env, DATABASE_URL: database?.url ?? "" }).catch(async (error) => {
      await database?.close();
      throw error;
    });
    const stop = async () => {
      server.stop();
      await database?.close();
    };
    return { ...server, stop };
  }

  it("in production: on every interface, while the URL it prints still opens here", async () => {
    const server = await startServingOnAnyDatabase({ NODE_ENV: "production" });
    try {
      expect(server.output()).toMatch(/serving on http:\/\/127\.0\.0\.1:\d+ \(listening on every interface, 0\.0\.0\.0\)/);
      expect((await fetch(server.url, { headers: { "User-Agent": "Mozilla/5.0" } })).status).toBe(200);
      const port = new URL(server.url).port;
      expect((await fetch(`http://${networkAddress}:${port}`, { headers: { "User-Agent": "Mozilla/5.0" } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("otherwise (the demo, development): on this machine only", async () => {
    const server = await startServingOnAnyDatabase({ NODE_ENV: "development" });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(server.url, { headers: { "User-Agent": "Mozilla/5.0" } })).status).toBe(200);
      const port = new URL(server.url).port;
      await expect(fetch(`http://${networkAddress}:${port}`)).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
    } finally {
      await server.stop();
    }
  });
});
