import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { queueSync, runJobs } from "../support/jobs";
import type { ShopifyDouble } from "../shopify-double/index";
import { prepareBulkQuery } from "../shopify-double/bulk-query";
import { draftTotal, orderOutstanding } from "../shopify-double/order-math";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { BackfillOptions, BackfillResult } from "../../app/.server/ledger/sync.server";

// Backfill chooses by shop size: a bulk operation over the threshold, pages under
// it, pages again when the bulk operation fails. A "large" shop here is just over
// a small threshold, so the suite stays fast; bench/backfill.ts runs 100,000 orders.

const THRESHOLD = 20;
const fastSleep = () => new Promise<void>((resolve) => setTimeout(resolve, 2));

describe.each(databaseKinds())("backfill through a bulk operation or pages (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let shop: string;
  let graphql: AdminGraphql;
  let runJob: (type: "backfill" | "reconcile", backfill?: BackfillOptions) => Promise<{ status: string; result: unknown }>;

  /** What the ledger should hold: every unpaid order on terms or B2B, every invoiced open draft. */
  function expectedOpen() {
    const state = double.store.shop(shop)!;
    const orders = [...state.orders.values()]
      .filter((o) => !o.cancelledAt && orderOutstanding(o) > 0 && (o.paymentTerms || o.company))
      .map((o) => ({ gid: `gid://shopify/Order/${o.id}`, currency: o.presentmentCurrency, cents: orderOutstanding(o) }));
    const drafts = [...state.draftOrders.values()]
      .filter((d) => d.invoiceSentAt && d.status !== "COMPLETED")
      .map((d) => ({ gid: `gid://shopify/DraftOrder/${d.id}`, currency: d.currency, cents: draftTotal(d) }));
    return summarize([...orders, ...drafts]);
  }
  async function ledgerOpen() {
    const rows = await prisma.receivable.findMany({
      where: { shopDomain: shop, status: "open" },
      select: { resourceGid: true, currency: true, outstandingAmount: true },
    });
    return summarize(rows.map((r) => ({ gid: r.resourceGid, currency: r.currency, cents: Math.round(Number(r.outstandingAmount.toString()) * 100) })));
  }
  function summarize(items: { gid: string; currency: string; cents: number }[]) {
    const totals: Record<string, number> = {};
    for (const i of items) totals[i.currency] = (totals[i.currency] ?? 0) + i.cents;
    return { count: items.length, gids: items.map((i) => i.gid).sort(), totals };
  }
  const emptyLedger = async () => {
    await prisma.receivableEvent.deleteMany({});
    await prisma.receivable.deleteMany({});
  };
  const bulkOperations = () => double.store.shop(shop)!.bulkOperations.size;

  beforeAll(async () => {
    setup = await startShopOnDouble(kind, { seed: { customers: 40, orders: 160 }, deliverWebhooks: false, backfill: false });
    ({ prisma, double, graphql, shopDomain: shop } = setup);
    const graphqlFor = setup.graphqlFor;
    // One job queued as the app queues it, run to its end; what it did, as its run record (SyncRun) keeps it.
    runJob = async (type, backfill) => {
      const jobId = await queueSync(type, shop);
      expect(jobId).not.toBeNull();
      const ran = await runJobs({ graphqlFor, backfill: { sleep: fastSleep, ...backfill } });
      expect(ran.map((job) => job.id)).toEqual([jobId]);
      return prisma.syncRun.findUniqueOrThrow({ where: { jobId: jobId! } });
    };
  });
  afterAll(() => setup?.close());

  it("GIVEN more unpaid orders than the threshold WHEN backfilled THEN one bulk operation loads the ledger to exactly the shop's open receivables", async () => {
    await emptyLedger();
    const expected = expectedOpen();
    expect(expected.count).toBeGreaterThan(5);
    const before = bulkOperations();
    const job = await runJob("backfill", { bulkThreshold: THRESHOLD });
    expect(job.status).toBe("succeeded");
    const result = job.result as BackfillResult;
    expect(result).toMatchObject({ ordersPath: "bulk", unpaidOrders: THRESHOLD + 1 });
    expect(result.bulkFallback).toBeUndefined();
    expect(bulkOperations() - before).toBe(1);
    expect(await ledgerOpen()).toEqual(expected);
    // The embedded database gathers no statistics by itself: the Collections pages' statements
    // are planned on the ones the backfill had taken of the ledger it loaded.
    const [stats] = await prisma.$queryRaw<{ rows: number }[]>`SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'Receivable'`;
    expect(stats.rows).toBeGreaterThanOrEqual(expected.count);

    // The same receivables read again by pages count nothing twice.
    const again = (await runJob("backfill", { bulkThreshold: 100_000 })).result as BackfillResult;
    expect(again).toMatchObject({ ordersPath: "paged", corrected: 0 });
    expect(await ledgerOpen()).toEqual(expected);
  });

  it("GIVEN fewer unpaid orders than the threshold WHEN backfilled THEN it pages and starts no bulk operation", async () => {
    await emptyLedger();
    const before = bulkOperations();
    const result = (await runJob("backfill", { bulkThreshold: 100_000 })).result as BackfillResult;
    expect(result.ordersPath).toBe("paged");
    expect(result.unpaidOrders).toBeLessThan(100_000);
    expect(bulkOperations()).toBe(before);
    expect(await ledgerOpen()).toEqual(expectedOpen());
  });

  it("GIVEN the bulk operation fails WHEN backfilled THEN it falls back to paging and the job says why", async () => {
    await emptyLedger();
    double.controls.failNextBulkOperation({ errorCode: "INTERNAL_SERVER_ERROR" });
    const result = (await runJob("backfill", { bulkThreshold: THRESHOLD })).result as BackfillResult;
    expect(result.ordersPath).toBe("paged");
    expect(result.bulkFallback).toMatch(/ended FAILED \(INTERNAL_SERVER_ERROR\)/);
    expect(await ledgerOpen()).toEqual(expectedOpen());
  });

  it("GIVEN a bulk operation that never finishes WHEN the wait runs out THEN it is canceled and backfill pages", async () => {
    await emptyLedger();
    double.controls.holdBulkOperations({ hold: true });
    try {
      const result = (await runJob("backfill", { bulkThreshold: THRESHOLD, maxWaitMs: 5_000 })).result as BackfillResult;
      expect(result.ordersPath).toBe("paged");
      expect(result.bulkFallback).toMatch(/ended CANCELED/);
      const op = [...double.store.shop(shop)!.bulkOperations.values()].at(-1)!;
      expect(["CANCELING", "CANCELED"]).toContain(op.status);
      expect(await ledgerOpen()).toEqual(expectedOpen());
    } finally {
      double.controls.holdBulkOperations({ hold: false });
    }
  });

  it("GIVEN an invoiced draft deleted while its webhook was lost WHEN reconciled THEN the ledger marks it deleted", async () => {
    // GIVEN the ledger loaded (reconciliation reads what changed since, not the whole shop)
    expect((await runJob("backfill", { bulkThreshold: 100_000 })).status).toBe("succeeded");
    const customer = [...double.store.shop(shop)!.customers.values()][0]!.id;
    const draft = double.controls.createDraftOrder({ customer, amount: "750.00" }) as { id: number };
    const draftGid = `gid://shopify/DraftOrder/${draft.id}`;
    const sent = await (
      await graphql(
        `
          mutation SendInvoice($id: ID!) {
            draftOrderInvoiceSend(id: $id) {
              userErrors {
                message
              }
            }
          }
        `,
        { variables: { id: draftGid } },
      )
    ).json();
    expect(sent.data.draftOrderInvoiceSend.userErrors).toEqual([]);
    double.controls.advanceClock({ minutes: 10 });
    expect((await runJob("reconcile")).status).toBe("succeeded");
    expect(await prisma.receivable.findFirst({ where: { resourceGid: draftGid }, select: { status: true } })).toEqual({ status: "open" });

    double.controls.advanceClock({ minutes: 10 });
    double.controls.deleteDraftOrder({ draftOrder: draftGid }); // webhooks are off: the ledger never hears of it
    const job = await runJob("reconcile");
    expect(job.status).toBe("succeeded");
    expect((job.result as { corrected: number }).corrected).toBeGreaterThanOrEqual(1);
    const row = await prisma.receivable.findFirstOrThrow({ where: { resourceGid: draftGid }, include: { events: { select: { type: true } } } });
    expect(row.status).toBe("deleted");
    expect(row.events.map((e) => e.type)).toContain("deleted");
    expect(await ledgerOpen()).toEqual(expectedOpen());
  });
});

describe("the bulk orders query", () => {
  it("is a bulk query Shopify accepts, selecting the paged query's ReceivableOrder fragment", async () => {
    setAppEnv();
    const { receivableOrdersBulkQuery, UNPAID_ORDERS } = await import("../../app/.server/shopify/orders.server");
    const query = receivableOrdersBulkQuery(UNPAID_ORDERS);
    expect(prepareBulkQuery(query)).not.toHaveProperty("userErrors");
    expect(query).toContain("fragment ReceivableOrder on Order");
    expect(query).toContain(`orders(query: ${JSON.stringify(UNPAID_ORDERS)}, sortKey: UPDATED_AT)`);
  });

  it("refuses a result file whose children do not follow their parent", async () => {
    const { groupedRoots } = await import("../../app/.server/shopify/bulk-operations.server");
    async function* lines() {
      yield { id: "gid://shopify/Order/1" };
      yield { id: "gid://shopify/Order/2" };
      yield { dueAt: null, __parentId: "gid://shopify/Order/1" };
    }
    const read = async () => {
      for await (const _ of groupedRoots(lines())) void _;
    };
    await expect(read()).rejects.toThrow(/not grouped/);
  });
});
