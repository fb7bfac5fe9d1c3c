import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/admin-schema";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { deliver, examplePayload } from "../support/webhooks";
import type { PrismaClient } from "../../app/generated/prisma/client";

const SHOP = "aurora.myshopify.com";
// As scripts/quita starts it: Node with tsx as its loader (tsx's CLI would stand between a signal and the worker).
const tsx = ["--import", "tsx"];
const appEnv = { SHOPIFY_API_KEY: TEST_APP.apiKey, SHOPIFY_API_SECRET: TEST_APP.apiSecret, SHOPIFY_APP_URL: TEST_APP.appUrl, SCOPES: TEST_APP.scopes };

// Shopify's orders/create example made a B2B order with an open balance: a debt Quita follows.
const b2bOrder = () => ({
  ...examplePayload("orders/create"),
  financial_status: "pending",
  cancelled_at: null,
  total_outstanding: "414.95",
  current_total_price: "414.95",
  updated_at: new Date().toISOString(),
  company: { id: 5501, location_id: 5502 },
});

// The scaled deployment: this test process plays a web instance
// (QUITA_JOB_RUNNER=off, it only accepts webhooks) and scripts/worker.ts,
// another process, applies what it accepted.
describe.runIf(databaseKinds().includes("postgres"))("the background worker process (PostgreSQL)", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, ianaTimezone: "America/Sao_Paulo" } });
  });
  afterAll(async () => {
    worker?.kill("SIGTERM");
    await releaseAppDatabase();
    await database?.close();
  });

  it("refuses to start without a PostgreSQL server to share", () => {
    const run = spawnSync(process.execPath, [...tsx, "scripts/worker.ts"], {
      cwd: repoRoot,
      env: { ...process.env, ...appEnv, DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^quita worker: cannot start: DATABASE_URL must name the PostgreSQL server/);
  });

  it("is told of each accepted webhook by the statement that records it", async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    await listener.query("LISTEN quita_work");
    const heard = new Promise<string | undefined>((resolve) => listener.once("notification", (message) => resolve(message.payload)));
    const accepted = await deliver({ topic: "orders/create", shop: SHOP, body: b2bOrder(), apply: false });
    expect(accepted.status).toBe(200);
    expect(await heard).toBe("webhooks");
    await listener.end();
  });

  it("applies what the web instance accepted, pending deliveries included", async () => {
    // GIVEN a delivery the web instance accepted while no worker ran
    const order = (n: number) => ({ ...b2bOrder(), admin_graphql_api_id: `gid://shopify/Order/99000${n}`, name: `#990${n}` });
    const before = await deliver({ topic: "orders/create", shop: SHOP, body: order(0), apply: false });
    expect(before.status).toBe(200);
    // WHEN the worker starts, and another delivery is accepted
    worker = spawn(process.execPath, [...tsx, "scripts/worker.ts"], { cwd: repoRoot, env: { ...process.env, ...appEnv, DATABASE_URL: database.url } });
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
      worker!.stdout!.on("data", read);
      worker!.stderr!.on("data", read);
      worker!.once("exit", (code) => reject(new Error(`the worker exited with ${code}:\n${output}`)));
    });
    const after = await deliver({ topic: "orders/create", shop: SHOP, body: order(1), apply: false });
    expect(after.status).toBe(200);

    // THEN both the delivery accepted before the worker started and the one after are applied, once.
    const ours = { webhookId: { in: [before.webhookId, after.webhookId] } };
    for (let waited = 0; waited < 20_000 && (await prisma.webhookDelivery.count({ where: { ...ours, status: "pending" } })) > 0; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deliveries = await prisma.webhookDelivery.findMany({ where: ours, select: { status: true, outcome: true, rawBody: true } });
    expect(deliveries).toEqual([
      { status: "applied", outcome: "created", rawBody: null },
      { status: "applied", outcome: "created", rawBody: null },
    ]);
    const gids = ["gid://shopify/Order/990000", "gid://shopify/Order/990001"];
    expect(await prisma.receivable.count({ where: { shopDomain: SHOP, status: "open", resourceGid: { in: gids } } })).toBe(2);
  });
});
