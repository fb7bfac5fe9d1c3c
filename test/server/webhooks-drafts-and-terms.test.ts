import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { deliver, examplePayload } from "../support/webhooks";
import { at, b2bOrder, installedShop, invoicedDraft, ledgerOf, NEW_DUE, TERMS_GID_TAIL, type Ledger } from "../support/webhook-ledger";
import { jobsIn } from "../support/jobs";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The draft_orders/*, payment_terms/* and payment_schedules/due topics, fed Shopify's own example
// bodies through the real route action (test/support/webhook-ledger.ts says how they are adapted).

describe.each(databaseKinds())("webhooks into the receivables ledger: draft orders and payment terms (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let shop: string;
  let ledger: Ledger;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
  });
  beforeEach(async () => {
    shop = await installedShop(prisma, { currencyCode: "USD" });
    ledger = ledgerOf(prisma, shop);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  describe("draft orders", () => {
    const gid = "gid://shopify/DraftOrder/890612572568261626";

    it("tracks an open draft order once its invoice is sent, and not before", async () => {
      const uninvoiced = await deliver({
        topic: "draft_orders/create",
        shop,
        body: { ...examplePayload("draft_orders/create"), admin_graphql_api_id: gid },
      });
      expect(uninvoiced.outcome).toBe("ignored");
      await deliver({ topic: "draft_orders/update", shop, body: invoicedDraft({ admin_graphql_api_id: gid }) });
      const r = await ledger.receivable(gid);
      expect(r).toMatchObject({ kind: "draft_order", name: "#D133", status: "open", termsName: "Net 7", customerEmail: "john@doe.ca" });
      expect(r.outstandingAmount.toString()).toBe("436");
    });

    it("closes it when completed and never resurrects it after delete", async () => {
      // GIVEN the draft order, its invoice sent
      await deliver({ topic: "draft_orders/update", shop, body: invoicedDraft({ admin_graphql_api_id: gid }) });
      // WHEN it is completed, deleted, and then an older update arrives late
      await deliver({
        topic: "draft_orders/update",
        shop,
        body: invoicedDraft({ admin_graphql_api_id: gid, status: "completed", completed_at: at(-8), updated_at: at(-8) }),
      });
      expect((await ledger.receivable(gid)).status).toBe("completed");
      await deliver({ topic: "draft_orders/delete", shop, body: '{"id":890612572568261626}' });
      const late = await deliver({ topic: "draft_orders/update", shop, body: invoicedDraft({ admin_graphql_api_id: gid, updated_at: at(-1) }) });
      // THEN it stays deleted
      expect(late.outcome).toBe("ignored");
      expect((await ledger.receivable(gid)).status).toBe("deleted");
      expect(await ledger.eventTypes(gid)).toEqual(["created", "completed", "deleted"]);
    });
  });

  describe("payment terms and schedules", () => {
    const gid = "gid://shopify/Order/820982911946155000";
    const openOrderOnExampleTerms = () => deliver({ topic: "orders/create", shop, body: b2bOrder({ admin_graphql_api_id: gid, name: "#10001" }) });
    // The payment_terms/update example, adapted: the terms become Net 60.
    const net60 = () => {
      const terms = examplePayload("payment_terms/update");
      return {
        ...terms,
        payment_terms_name: "Net 60",
        due_in_days: 60,
        updated_at: at(-4),
        payment_schedules: [{ ...terms.payment_schedules[0], due_at: NEW_DUE, completed_at: null }],
      };
    };

    it("moves the due date on payment_terms/update, ignoring an older update", async () => {
      // GIVEN an open order on the example terms
      await openOrderOnExampleTerms();
      // WHEN the terms change to Net 60, and then an older update arrives
      await deliver({ topic: "payment_terms/update", shop, body: net60() });
      const stale = await deliver({ topic: "payment_terms/update", shop, body: { ...net60(), payment_terms_name: "Net 15", updated_at: at(-6) } });
      // THEN the receivable follows the newer terms only
      expect(stale.outcome).toBe("stale");
      const r = await ledger.receivable(gid);
      expect(r).toMatchObject({ termsName: "Net 60", dueInDays: 60 });
      expect(r.dueAt?.toISOString()).toBe(NEW_DUE);
      expect(await ledger.eventTypes(gid)).toEqual(["created", "terms_changed"]);
    });

    it("notes the due date once on payment_schedules/due", async () => {
      // GIVEN an open order whose terms moved to Net 60
      await openOrderOnExampleTerms();
      await deliver({ topic: "payment_terms/update", shop, body: net60() });
      // WHEN the schedule comes due, and Shopify says so twice
      // The example's payment_terms_id lost its last digits where the file was generated; Shopify sends them all.
      const due = JSON.stringify({ ...examplePayload("payment_schedules/due"), due_at: NEW_DUE }).replace(
        '"payment_terms_id":706405506930370000',
        `"payment_terms_id":${TERMS_GID_TAIL}`,
      );
      await deliver({ topic: "payment_schedules/due", shop, body: due });
      await deliver({ topic: "payment_schedules/due", shop, body: due });
      // THEN the ledger notes it once
      expect(await ledger.eventTypes(gid)).toEqual(["created", "terms_changed", "due"]);
    });

    it("looks up terms it doesn't know in a job (payment_terms/create)", async () => {
      const response = await deliver({
        topic: "payment_terms/create",
        shop,
        body: { ...examplePayload("payment_terms/create"), admin_graphql_api_id: "gid://shopify/PaymentTerms/42" },
      });
      expect(response.outcome).toBe("queued");
      expect(await jobsIn("refresh-terms", { shop, termsId: "42" })).toHaveLength(1);
    });

    it("keeps a B2B order open when its terms are deleted, with no due date", async () => {
      // GIVEN an open order on the example terms
      await openOrderOnExampleTerms();
      // WHEN payment_terms/delete arrives, first as the example (whose id lost its last digits to JSON), then as Shopify sends it
      await deliver({ topic: "payment_terms/delete", shop, body: examplePayload("payment_terms/delete") });
      // Quita matched the terms by what it was sent.
      const r = await prisma.receivable.findMany({ where: { shopDomain: shop, paymentTermsId: "706405506930370000" } });
      expect(r).toEqual([]);
      await deliver({ topic: "payment_terms/delete", shop, body: `{"id":${TERMS_GID_TAIL}}` });
      // THEN the order is still owed, with no terms and no due date
      const after = await ledger.receivable(gid);
      expect(after).toMatchObject({ status: "open", termsName: null, dueAt: null });
    });
  });
});
