import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startDemo, type RunningDemo } from "../e2e/demo-process";

// One demo (scripts/demo.ts in a child process, as a newcomer runs it) for the browser tests of
// the Collections pages (test/e2e/collections-*.test.ts) and the demo's first page (demo.test.ts):
// starting one takes 20 s and more, and each file started its own. Vitest runs each test file in a process of its own, so the demo
// lives here, in Vitest's, and is started on the first file's request (test/e2e/shared-demo.ts):
// a run without those files starts none. The files share its shop, so each leaves it as it found
// it or reads what it asserts relative to what it found. Tests that move the demo's clock or
// restart it (demo-letters, demo-restart) keep demos of their own.

export interface SharedDemoUrls {
  url: string;
  appUrl: string;
  doubleUrl: string;
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "quita-shared-demo-"));
  let demo: Promise<RunningDemo> | undefined;
  const server = http.createServer(async (_request, response) => {
    try {
      demo ??= startDemo(dataDir);
      const { url, appUrl, doubleUrl } = await demo;
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ url, appUrl, doubleUrl } satisfies SharedDemoUrls));
    } catch (error) {
      // Every file asking after a failed start is told the same: one start per run.
      response.writeHead(500).end((error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("sharedDemoBroker", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  return async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const running = await demo?.catch(() => null);
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    sharedDemoBroker: string;
  }
}
