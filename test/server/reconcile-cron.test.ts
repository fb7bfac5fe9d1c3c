import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { jobsIn, runJobs } from "../support/jobs";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The hourly reconciliation is a pg-boss cron schedule, not a timer
// (docs/decisions/007): starting the job workers (scripts/serve.ts,
// scripts/worker.ts) writes the schedules into the queue, and each
// `reconcile-all` it sends queues one reconciliation per installed shop, and
// none for a shop that uninstalled Quita.

describe.each(databaseKinds())("the reconciliation cron (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let shop: string;
  const otherShop = "second-store.myshopify.com";
  const goneShop = "uninstalled-store.myshopify.com";

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { deliverWebhooks: false, backfill: false });
    ({ prisma, shopDomain: shop } = setup);
    await prisma.shop.create({ data: { domain: otherShop, installed: true } });
    await prisma.shop.create({ data: { domain: goneShop, installed: false, uninstalledAt: new Date("2026-01-01T00:00:00Z") } });
  });
  afterAll(() => setup?.close());

  it("GIVEN the job workers started THEN pg-boss holds reconcile-all every hour and collect-all every five minutes, in UTC", async () => {
    const { startJobWorkers } = await import("../../app/.server/jobs/workers.server");
    const workers = await startJobWorkers();
    try {
      const { getBoss } = await import("../../app/.server/jobs/boss.server");
      const schedules = await (await getBoss()).getSchedules();
      const byName = Object.fromEntries(schedules.map((schedule) => [schedule.name, schedule]));
      expect(byName["reconcile-all"]).toMatchObject({ cron: "0 * * * *", timezone: "UTC" });
      expect(byName["collect-all"]).toMatchObject({ cron: "*/5 * * * *", timezone: "UTC" });
    } finally {
      await workers.stop();
    }
  });

  it("GIVEN two installed shops and an uninstalled one WHEN reconcile-all runs THEN exactly one reconcile waits per installed shop", async () => {
    const { getBoss } = await import("../../app/.server/jobs/boss.server");
    await (await getBoss()).send("reconcile-all", {});

    const ran = await runJobs({}, { only: ["reconcile-all"] });
    expect(ran.map((job) => [job.name, job.state])).toEqual([["reconcile-all", "completed"]]);
    expect(ran[0].output).toMatchObject({ shops: 2, queued: 2 });

    const waiting = (await jobsIn("reconcile")).filter((job) => job.state === "created");
    expect(waiting.map((job) => job.data.shop).sort()).toEqual([shop, otherShop].sort());
    expect(waiting.some((job) => job.data.shop === goneShop)).toBe(false);
    expect(await prisma.syncRun.count({ where: { kind: "reconcile", shopDomain: goneShop } })).toBe(0);

    // A second hour's run while those still wait queues nothing more (singleton per shop)
    await (await getBoss()).send("reconcile-all", {});
    const again = await runJobs({}, { only: ["reconcile-all"] });
    expect(again[0].output).toMatchObject({ shops: 2, queued: 0 });
    expect((await jobsIn("reconcile")).filter((job) => job.state === "created")).toHaveLength(2);
  });
});
