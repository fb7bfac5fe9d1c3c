import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { deliver } from "../support/webhooks";
import { at, installedShop, invoicedDraft, ledgerOf } from "../support/webhook-ledger";
import type { PrismaClient } from "../../app/generated/prisma/client";

// Found by the 120-day collections simulation (test/e2e/collections-simulation.test.ts): a
// friendly reminder about a draft order goes through draftOrderInvoiceSend, which moves
// Shopify's invoice_sent_at; an invoiced draft without terms must stay due when its invoice
// first went out, or every reminder would push its due date, and the cadence, forward.

describe.each(databaseKinds())("an invoiced draft's due date (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  it("stays when its invoice was first sent, however often the invoice is sent again", async () => {
    const shop = await installedShop(prisma, { currencyCode: "USD" });
    const ledger = ledgerOf(prisma, shop);
    const gid = "gid://shopify/DraftOrder/890612572568261626";
    const firstSent = at(-9);
    // GIVEN a draft without payment terms, invoiced nine days ago
    await deliver({ topic: "draft_orders/update", shop, body: invoicedDraft({ admin_graphql_api_id: gid, payment_terms: null, invoice_sent_at: firstSent }) });
    expect((await ledger.receivable(gid)).dueAt).toEqual(new Date(firstSent));
    // WHEN a reminder sends its invoice again today
    const resent = await deliver({
      topic: "draft_orders/update",
      shop,
      body: invoicedDraft({ admin_graphql_api_id: gid, payment_terms: null, invoice_sent_at: at(0), updated_at: at(0) }),
    });
    // THEN it is still due nine days ago, and nothing about its terms changed
    expect(resent.status).toBe(200);
    const after = await ledger.receivable(gid);
    expect(after.dueAt).toEqual(new Date(firstSent));
    expect(after.agingBucket).toBe("1-30");
    expect(await ledger.eventTypes(gid)).not.toContain("terms_changed");
  });

  it("follows its payment terms when it has them", async () => {
    const shop = await installedShop(prisma, { currencyCode: "USD" });
    const ledger = ledgerOf(prisma, shop);
    const gid = "gid://shopify/DraftOrder/890612572568261626";
    await deliver({ topic: "draft_orders/update", shop, body: invoicedDraft({ admin_graphql_api_id: gid }) });
    const withTerms = await ledger.receivable(gid);
    const later = at(40);
    const draft = invoicedDraft({ admin_graphql_api_id: gid, updated_at: at(0), invoice_sent_at: at(0) });
    const terms = { ...draft.payment_terms, payment_schedules: [{ ...draft.payment_terms.payment_schedules[0], due_at: later }] };
    await deliver({ topic: "draft_orders/update", shop, body: { ...draft, payment_terms: terms } });
    expect(withTerms.dueAt).not.toEqual(new Date(later));
    expect((await ledger.receivable(gid)).dueAt).toEqual(new Date(later));
  });
});
