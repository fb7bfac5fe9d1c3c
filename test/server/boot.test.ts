import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/admin-schema";
import { createTestDatabase, databaseKinds } from "../support/database";

// The server's entry point, run as an operator would: a misconfiguration stops
// it at once with one line naming the problem, not a stack trace.
function startServer(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/serve.ts"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

const valid = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret", SHOPIFY_APP_URL: "https://quita.example", SCOPES: "read_orders" };

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
    expect(run.stderr).toMatch(/^quita: cannot start: cannot connect to the database at postgres:\/\/quita:\*\*\*@127\.0\.0\.1:1\/quita: connect ECONNREFUSED 127\.0\.0\.1:1$/);
    expect(run.stderr).not.toContain("hunter2");
  });
});

describe.each(databaseKinds())("starting Quita on %s", (kind) => {
  it("migrates the database and serves the app", async () => {
    const database = kind === "postgres" ? await createTestDatabase("postgres") : undefined;
    const dataDir = mkdtempSync(path.join(tmpdir(), "quita-serve-"));
    const server = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/serve.ts"], {
      cwd: repoRoot,
      env: { ...process.env, ...valid, PORT: "0", QUITA_DATA_DIR: dataDir, DATABASE_URL: database?.url ?? "", QUITA_JOB_RUNNER: "off" },
    });
    try {
      let output = "";
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
      expect(output).toContain(kind === "postgres" ? "database ready on PostgreSQL" : `database ready on embedded PostgreSQL (PGlite) in ${dataDir}`);
      const landing = await fetch(url, { headers: { "User-Agent": "Mozilla/5.0" } });
      expect(landing.status).toBe(200);
      expect(await landing.text()).toContain("Quita");
    } finally {
      server.kill("SIGTERM");
      await database?.close();
    }
  });
});
