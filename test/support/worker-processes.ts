import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { repoRoot } from "./admin-schema";
import { TEST_APP } from "./app-env";

// For tests of the scaled deployment: scripts/worker.ts processes, and a
// stand-in for a slow Shopify between them and the local double.

export interface WorkerProcess {
  process: ChildProcess;
  output(): string;
}

/** Starts scripts/worker.ts on `databaseUrl` and resolves once it says it is working. */
export async function startWorkerProcess(env: { DATABASE_URL: string; SHOPIFY_DOUBLE_URL?: string }): Promise<WorkerProcess> {
  const appEnv = { SHOPIFY_API_KEY: TEST_APP.apiKey, SHOPIFY_API_SECRET: TEST_APP.apiSecret, SHOPIFY_APP_URL: TEST_APP.appUrl, SCOPES: TEST_APP.scopes };
  // Node itself with tsx's loader, not the tsx CLI: that runs the script in a child process of its
  // own, which a SIGKILL to the CLI would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: repoRoot, env: { ...process.env, ...appEnv, ...env } });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("quita worker: applying webhooks and running jobs")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code) => reject(new Error(`the worker exited with ${code}:\n${output}`)));
  });
  return { process: child, output: () => output };
}

export interface HoldingProxy {
  url: string;
  /** From now on, Admin API requests wait (a Shopify that takes its time); the double's clock still answers. */
  hold(): void;
  /** Lets every waiting request through, and the next ones. */
  release(): void;
  /** Admin API requests that arrived while held, since the last hold(): what one test held, not every test before it. */
  readonly held: number;
  /** The GraphQL operation name of each of those requests, in arrival order ("?" when it names none). */
  readonly heldOperations: readonly string[];
  close(): Promise<void>;
}

/** The name a GraphQL request body gives its operation (`query ReceivableOrdersCount(...)` → ReceivableOrdersCount). */
function operationName(body: string): string {
  try {
    const { query } = JSON.parse(body) as { query?: string };
    return /\b(?:query|mutation)\s+(\w+)/.exec(query ?? "")?.[1] ?? "?";
  } catch {
    return "?";
  }
}

/** A loopback proxy in front of the double that can hold Admin API requests for as long as a test needs. */
export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  let holding = false;
  let held = 0;
  let heldOperations: string[] = [];
  let waiting: (() => void)[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (holding && req.url?.includes("/admin/api/")) {
      held++;
      heldOperations.push(operationName(Buffer.concat(chunks).toString("utf8")));
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k, v]) => typeof v === "string" && k !== "host" && k !== "content-length"),
      ) as Record<string, string>;
      const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => k !== "content-encoding" && k !== "content-length")));
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch {
      res.destroy(); // its caller died meanwhile, or the double is gone
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => {
      holding = true;
      held = 0;
      heldOperations = [];
    },
    release: () => {
      holding = false;
      for (const go of waiting) go();
      waiting = [];
    },
    get held() {
      return held;
    },
    get heldOperations() {
      return heldOperations;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const go of waiting) go();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
