import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";

// Issue #8: "Preview and send use one renderer: the preview is byte-for-byte what is sent."
// The customer page's letter preview shows the customer's next letter as the sender will write it:
// every debt it lists, the offer its stage carries, its subject and recipient — and the email
// Shopify is then asked to send is exactly that.

const LIMITS = { maxDiscountPercent: 10, maxFixedAmount: "50", minDaysOverdue: 0, offerExpiryDays: 7, automaticOffers: false };

describe.each(databaseKinds())("the letter preview is the letter sent (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shopDomain: string;

  const shop = () => prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  /** A customer with an email and two or more open orders already late; their debts as the customer page reads them, most overdue first. */
  async function customerWithTwoLateOrders(): Promise<{ key: string; open: Receivable[] }> {
    const now = double.clock.now();
    const debts = await prisma.receivable.findMany({ where: { shopDomain, status: "open", customerGid: { not: null }, customerEmail: { not: null } } });
    const late = new Map<string, Receivable[]>();
    for (const d of debts) if (d.kind === "order" && d.dueAt && d.dueAt < now) late.set(d.customerGid!, [...(late.get(d.customerGid!) ?? []), d]);
    const key = [...late].find(([, orders]) => orders.length >= 2)?.[0];
    expect(key, "the wholesale shop has a customer with two late orders").toBeDefined();
    const { debtsOf } = await import("../../app/.server/customers/customer-facts.server");
    const open = (await debtsOf(shopDomain, key!))
      .filter((d) => d.status === "open")
      .sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.name.localeCompare(b.name));
    return { key: key!, open };
  }

  beforeEach(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain } = setup);
    await double.webhooks.drain();
    await applyWebhooks();
    // Every stage carries an offer, and the shop lets the merchant offer from the first day late.
    const { DEFAULT_SETTINGS } = await import("../../app/domain/cadence/settings");
    const current = await shop();
    const collection = { ...DEFAULT_SETTINGS, stages: DEFAULT_SETTINGS.stages.map((s) => ({ ...s, offer: true })) };
    await prisma.shop.update({
      where: { domain: shopDomain },
      data: { settings: JSON.parse(JSON.stringify({ ...(current.settings as object), collection, incentives: LIMITS })) },
    });
  });
  afterEach(() => setup?.close());

  it("GIVEN a customer with two late orders and an open settlement offer WHEN their next letter is previewed, then sent THEN Shopify is asked to send the preview byte for byte", async () => {
    advanceToShopHour(double, 10);
    const { key, open } = await customerWithTwoLateOrders();
    const { offerSettlementDiscount } = await import("../../app/.server/incentives/settlement-discounts.server");
    const made = await offerSettlementDiscount(await shop(), key, open, { kind: "percent", percent: "5" }, graphql, double.clock.now(), "merchant");
    expect(made.ok).toBe(true);
    const discounts = double.store.shop(shopDomain)!.discounts.size;

    const { previewLetter } = await import("../../app/.server/customers/letter-preview.server");
    const preview = await previewLetter(await shop(), key, open, new URLSearchParams(), graphql, double.clock.now());
    expect(preview.ok).toBe(true);
    if (!preview.ok || !made.ok) return;
    expect(preview.customerLocale).toBe(preview.choice.locale);
    expect(preview.codeToCome).toBe(false);
    // The letter lists each late order and carries the offer's code (letters wrap at 100 characters: read as one line).
    for (const d of open) expect(preview.letter.body).toContain(d.name);
    expect(preview.letter.body.replace(/\s+/g, " ")).toContain(made.offer.code);
    // Previewing made nothing in Shopify.
    expect(double.store.shop(shopDomain)!.discounts.size).toBe(discounts);

    const { sendNextReminderNow } = await import("../../app/.server/reminders/send-now.server");
    expect(await sendNextReminderNow(shopDomain, [key], double.clock.now())).toEqual([{ customerKey: key, outcome: "queued", letters: 1 }]);
    await runJobs({ graphqlFor: async () => graphql });
    const sent = await prisma.reminder.findFirstOrThrow({ where: { customerKey: key }, include: { items: true } });
    expect(sent.status).toBe("sent");
    expect(sent.items.map((i) => i.receivableId).sort()).toEqual(open.map((d) => d.id).sort());
    const mails = double.mailbox.list().filter((m) => (m.kind === "order_invoice" || m.kind === "draft_order_invoice") && m.to === preview.letter.recipient);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(preview.letter.subject);
    expect(mails[0]!.customMessage).toBe(preview.letter.body);
  });
});
