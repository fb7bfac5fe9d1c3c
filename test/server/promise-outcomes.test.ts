import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";

// Promises to pay on the local Shopify double, as the merchant records them on a customer's page:
// one kept by paying before its date ends at once (the customer is no longer "promised"), one whose
// date comes unpaid is recorded broken once, fires the "promise-broken" Flow trigger once, and the
// customer's reminders resume.
describe("promises to pay kept and broken", () => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shop: string;
  let keeper: Receivable;
  let breaker: Receivable;
  let broken: { holdId: string; promisedDay: string };

  const zone = "America/Sao_Paulo";
  const jobs = () => runJobs({ graphqlFor: async () => graphql });
  const pass = async () => (await import("../../app/.server/reminders/planning.server")).runCollectionPass(shop, double.clock.now());
  const promise = async (debt: Receivable, day: string, amount: string | null) => {
    const { holdUntil } = await import("../../app/.server/customers/actions.server");
    const { placeHold } = await import("../../app/.server/reminders/holds.server");
    const date = holdUntil(day, zone, double.clock.now());
    if (!("until" in date)) throw new Error(`${day}: ${date.problem}`);
    return placeHold(
      { shopDomain: shop, kind: "promise", until: date.until, customerKey: debt.customerGid, amount, currency: amount ? debt.currency : null },
      double.clock.now(),
    );
  };
  const triggers = (handle: string) => double.store.shop(shop)!.flowTriggers.filter((t) => t.handle === handle);

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain: shop } = setup);
    await double.webhooks.drain();
    await applyWebhooks();
    advanceToShopHour(double, 10);
    // Two customers with one overdue order each, never written to.
    const debts = await prisma.receivable.findMany({ where: { shopDomain: shop, status: "open", kind: "order", customerGid: { not: null } } });
    const counts = new Map<string, number>();
    for (const d of debts) counts.set(d.customerGid!, (counts.get(d.customerGid!) ?? 0) + 1);
    const single = debts.filter((d) => counts.get(d.customerGid!) === 1 && d.customerEmail && d.dueAt! < double.clock.now());
    [keeper, breaker] = single as [Receivable, Receivable];
    expect(breaker, "the wholesale shop has two customers with one overdue order").toBeDefined();
    // Promised before any collections pass, so no letter reaches the customer first.
    const { localDate } = await import("../../app/domain/ledger/aging");
    const { addDays } = await import("../../app/domain/cadence/local-time");
    const promisedDay = addDays(localDate(double.clock.now(), zone), 2);
    broken = { holdId: await promise(breaker, promisedDay, null), promisedDay };
  }, 60_000);
  afterAll(() => setup?.close());

  it("GIVEN a promise to pay the whole debt WHEN the customer pays before its date THEN it ends kept at once, and no Flow trigger fires", async () => {
    const { localDate } = await import("../../app/domain/ledger/aging");
    const { addDays } = await import("../../app/domain/cadence/local-time");
    const holdId = await promise(keeper, addDays(localDate(double.clock.now(), zone), 5), keeper.outstandingAmount.toFixed());
    double.controls.payOrder({ order: keeper.resourceGid });
    await double.webhooks.drain();
    await applyWebhooks();
    await pass();
    await jobs();

    const kept = await prisma.collectionHold.findUniqueOrThrow({ where: { id: holdId } });
    expect(kept.outcome).toBe("kept");
    expect(kept.endedAt!.getTime()).toBeLessThan(kept.until.getTime());
    const ended = await prisma.receivableEvent.findFirstOrThrow({ where: { sourceId: holdId, type: "hold_ended" } });
    expect(ended.details).toMatchObject({ why: "kept", paid: keeper.outstandingAmount.toFixed(2) });
    expect(await prisma.flowTriggerRun.count({ where: { subjectKey: holdId } })).toBe(0);
  });

  it("GIVEN a promise to pay by a date WHEN the date passes unpaid THEN it is broken once, Flow hears of it once, and the reminders resume", async () => {
    const { holdId, promisedDay } = broken;
    await pass();
    await jobs();
    const written = await prisma.reminder.findMany({ where: { customerKey: breaker.customerGid! }, select: { status: true, stageId: true, reason: true } });
    expect(written, "no letter while the promise runs").toEqual([]);
    expect(await prisma.collectionHold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ endedAt: null, outcome: null });

    // The promised day passes (to 10:00 on the next day letters may go out).
    double.controls.advanceClock({ days: 2 });
    advanceToShopHour(double, 10);
    await pass();
    await jobs();
    await pass(); // a second pass changes nothing
    await jobs();

    expect(await prisma.collectionHold.findUniqueOrThrow({ where: { id: holdId } })).toMatchObject({ outcome: "broken" });
    expect(triggers("promise-broken")).toHaveLength(1);
    expect(triggers("promise-broken")[0]!.payload).toMatchObject({
      customer_id: breaker.customerGid,
      order_id: breaker.resourceGid,
      "Amount due": Number(breaker.shopOutstandingAmount.toFixed()),
      Currency: breaker.shopCurrency,
      "Promised date": promisedDay,
    });
    const letters = await prisma.reminder.findMany({ where: { customerKey: breaker.customerGid! } });
    expect(letters.length, "the cadence picks the customer up again").toBeGreaterThan(0);

    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const debts = await prisma.receivable.findMany({ where: { id: breaker.id } });
    const timeline = await customerTimeline(shop, breaker.customerGid!, debts, double.clock.now());
    expect(timeline.find((e) => e.kind === "hold_ended")).toMatchObject({ hold: "promise", outcome: "broken" });
    expect(timeline.filter((e) => e.kind === "flow" && e.handle === "promise-broken")).toMatchObject([{ status: "fired" }]);
  });
});
