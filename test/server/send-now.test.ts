import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient } from "../../app/generated/prisma/client";

// "Send the next reminder now" on the local Shopify double: the customer's next
// stage is written now and goes through the same outbox as a planned letter
// (claimed once, read again from Shopify, sent through its invoice email), and
// the bounds hold: the shop's hours, the contact cap, a pause, a debt paid.

describe.each(databaseKinds())("send the next reminder now (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shop: string;

  const jobs = () => runJobs({ graphqlFor: async () => graphql });
  const mails = () => double.mailbox.list().filter((m) => m.kind === "order_invoice" || m.kind === "draft_order_invoice");
  const sendNow = async (keys: string[]) => {
    const { sendNextReminderNow } = await import("../../app/.server/reminders/send-now.server");
    return sendNextReminderNow(shop, keys, double.clock.now());
  };
  /** Customers with an email and one open debt, an order, none contacted yet: the least overdue first (12, 18, 25… days in the wholesale shop). */
  const singleDebtCustomers = async () => {
    const debts = await prisma.receivable.findMany({ where: { shopDomain: shop, status: "open", customerGid: { not: null } }, orderBy: { dueAt: "desc" } });
    const counts = new Map<string, number>();
    for (const d of debts) counts.set(d.customerGid!, (counts.get(d.customerGid!) ?? 0) + 1);
    const single = debts.filter((d) => counts.get(d.customerGid!) === 1 && d.kind === "order" && d.customerEmail && d.dueAt! < double.clock.now());
    expect(single.length, "the wholesale shop has customers with one overdue order").toBeGreaterThan(2);
    return single;
  };

  beforeEach(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain: shop } = setup);
    await double.webhooks.drain();
    await applyWebhooks();
  });
  afterEach(() => setup?.close());

  it("writes a customer's next stage now, sends it once through Shopify, then refuses a third letter in the week", async () => {
    advanceToShopHour(double, 10);
    const [debt] = await singleDebtCustomers();
    const key = debt!.customerGid!;

    expect(await sendNow([key])).toEqual([{ customerKey: key, outcome: "queued", letters: 1 }]);
    await jobs();
    const first = await prisma.reminder.findFirstOrThrow({ where: { customerKey: key }, include: { items: true } });
    // 12 days late and never written to: the latest stage reached (+3, or +7 for a repeat late payer); the courtesy one passed.
    expect(first).toMatchObject({ status: "sent" });
    expect(["late-3", "late-7"]).toContain(first.stageId);
    expect(first.items.map((i) => i.receivableId)).toEqual([debt!.id]);
    const passed = await prisma.reminderItem.findFirst({ where: { receivableId: debt!.id, stageId: "before-3" } });
    expect(passed).toMatchObject({ skipReason: "superseded", reminderId: null });
    expect(mails().filter((m) => m.to === debt!.customerEmail && m.customMessage === first.body)).toHaveLength(1);
    expect(first.body).toContain(debt!.name);
    expect(await prisma.receivableEvent.count({ where: { receivableId: debt!.id, type: "reminder_sent", sourceId: first.id } })).toBe(1);

    // Asked again: the next stage, +15 (with the proposal), three days before its date.
    expect(await sendNow([key])).toEqual([{ customerKey: key, outcome: "queued", letters: 1 }]);
    await jobs();
    const letters = await prisma.reminder.findMany({ where: { customerKey: key }, orderBy: { plannedAt: "asc" } });
    expect(letters.map((l) => [l.stageId, l.status])).toEqual([
      [first.stageId, "sent"],
      ["late-15", "sent"],
    ]);
    expect(mails().filter((m) => m.to === debt!.customerEmail)).toHaveLength(2);

    // Two letters in seven days: the contact cap refuses a third, and says when it frees up.
    const [refused] = await sendNow([key]);
    expect(refused).toMatchObject({ customerKey: key, outcome: "refused", reason: "contact_cap" });
    expect(refused!.outcome === "refused" && refused!.until!.getTime()).toBeGreaterThan(double.clock.now().getTime() + 6 * 86_400_000);
  });

  it("refuses for a paused customer, a customer who owes nothing, and one whose stages are all behind them", async () => {
    advanceToShopHour(double, 10);
    const [paused, other] = await singleDebtCustomers();
    const { placeHold } = await import("../../app/.server/reminders/holds.server");
    const until = new Date(double.clock.now().getTime() + 10 * 86_400_000);
    await placeHold({ shopDomain: shop, kind: "pause", until, customerKey: paused!.customerGid! }, double.clock.now());
    // Every stage of the other customer's order settled already.
    const { DEFAULT_STAGES } = await import("../../app/domain/cadence/settings");
    await prisma.reminderItem.createMany({
      data: DEFAULT_STAGES.map((s) => ({ shopDomain: shop, receivableId: other!.id, stageId: s.id, skipReason: "superseded" })),
    });

    const results = await sendNow([paused!.customerGid!, "gid://shopify/Customer/999999999", other!.customerGid!]);
    expect(results).toEqual([
      { customerKey: paused!.customerGid!, outcome: "refused", reason: "on_hold", until },
      { customerKey: "gid://shopify/Customer/999999999", outcome: "refused", reason: "nothing_owed", until: null },
      { customerKey: other!.customerGid!, outcome: "refused", reason: "no_stage_left", until: null },
    ]);
    expect(await prisma.reminder.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("at night the letter waits for the shop's morning, and a debt paid meanwhile is never chased", async () => {
    advanceToShopHour(double, 22, "America/Sao_Paulo", [0, 1, 2, 3, 4, 5, 6]);
    const [waiting, paidMeanwhile] = await singleDebtCustomers();
    const results = await sendNow([waiting!.customerGid!, paidMeanwhile!.customerGid!]);
    const morning = results[0]!.outcome === "waits" ? results[0]!.until : null;
    expect(results.map((r) => r.outcome)).toEqual(["waits", "waits"]);
    expect(morning!.getTime()).toBeGreaterThan(double.clock.now().getTime());
    expect(new Intl.DateTimeFormat("en", { timeZone: "America/Sao_Paulo", hour: "2-digit", hourCycle: "h23" }).format(morning!)).toBe("08");
    await jobs();
    expect(mails()).toHaveLength(0);
    expect(await prisma.reminder.count({ where: { shopDomain: shop, status: "planned" } })).toBe(2);
    // Asking again does not write a second letter while the first waits.
    expect(await sendNow([waiting!.customerGid!])).toEqual([{ customerKey: waiting!.customerGid!, outcome: "already_queued" }]);

    // The customer pays overnight; Shopify's notifications are lost. Morning comes.
    double.controls.dropNextWebhook({ topic: "orders/updated" });
    double.controls.dropNextWebhook({ topic: "orders/paid" });
    double.controls.payOrder({ order: paidMeanwhile!.resourceGid });
    await double.webhooks.drain();
    double.controls.advanceClock({ minutes: Math.ceil((morning!.getTime() - double.clock.now().getTime()) / 60_000) + 5 });
    await jobs();
    await runJobs({ graphqlFor: async () => graphql }, { includeDelayed: true });
    const letters = await prisma.reminder.findMany({ where: { shopDomain: shop } });
    expect(letters.find((l) => l.customerKey === waiting!.customerGid)).toMatchObject({ status: "sent" });
    expect(letters.find((l) => l.customerKey === paidMeanwhile!.customerGid)).toMatchObject({
      status: "skipped",
      reason: "what is owed changed before sending",
    });
    expect(mails().map((m) => m.to)).toEqual([waiting!.customerEmail]);
  });
});
