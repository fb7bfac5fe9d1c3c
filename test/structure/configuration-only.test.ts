import { afterAll, describe, expect, it, vi } from "vitest";
import { setAppEnv } from "../support/app-env";
import { releaseAppDatabase } from "../support/database";

// app/shopify.server.ts is configuration, as in Shopify's template: importing
// it (every route does) starts no background work, whatever QUITA_JOB_RUNNER
// says. scripts/serve.ts and scripts/worker.ts start it on purpose.
describe("importing app/shopify.server.ts", () => {
  afterAll(releaseAppDatabase);

  it("starts neither the webhook applier nor job workers, even with QUITA_JOB_RUNNER=on", async () => {
    // A database nobody listens on: nothing may try to reach it.
    setAppEnv({ QUITA_JOB_RUNNER: "on", DATABASE_URL: "postgres://quita@127.0.0.1:9/none", DATABASE_POOL_MAX: "1" });
    vi.resetModules();
    const shopify = await import("../../app/shopify.server");
    expect(typeof shopify.authenticate.webhook).toBe("function");
    await new Promise((resolve) => setTimeout(resolve, 50)); // what an import would have set off, had it
    const { webhookApplierStarted } = await import("../../app/.server/webhooks/applier.server");
    expect(webhookApplierStarted()).toBe(false);
    expect(globalThis.quitaBoss).toBeUndefined();
  });
});
