import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import type { ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient, Receivable } from "../../app/generated/prisma/client";
import type { CustomerActionResult } from "../../app/.server/customers/actions.server";

// "Pause reminders for this order" on the customer page: letters about that one debt wait until the
// date; the customer's other debts are still written about, in the same cadence. The page names a
// debt by its id, so one of another customer is refused.

describe("pausing the reminders for one order", () => {
  let setup: ShopOnDouble | undefined;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let graphql: AdminGraphql;
  let shop: string;
  let paused: Receivable;
  let other: Receivable;
  let stranger: Receivable;

  const act = async (customerKey: string, fields: Record<string, string>): Promise<CustomerActionResult> => {
    const { runCustomerAction } = await import("../../app/.server/customers/actions.server");
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const ctx = { shop: { domain: shop, ianaTimezone: "America/Sao_Paulo" }, customerKey, currencies: [paused.currency], now: double.clock.now() };
    return runCustomerAction(form, ctx);
  };
  const names = (text: string | null | undefined) => new Set([...(text ?? "").matchAll(/#\d+/g)].map((m) => m[0]));
  const dayIn = (days: number) => new Date(double.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { webhookRetryDelayScale: 0.0001 });
    ({ prisma, double, graphql, shopDomain: shop } = setup);
    advanceToShopHour(double, 10);
    await double.webhooks.drain();
    await applyWebhooks();
    // A customer with an email and two orders overdue by more than three days (a stage due for each, none
    // of them the due-date one), and a customer of another debt.
    const late = new Date(double.clock.now().getTime() - 4 * 86_400_000);
    const overdue = await prisma.receivable.findMany({
      where: { shopDomain: shop, status: "open", kind: "order", customerGid: { not: null }, customerEmail: { not: null }, dueAt: { lt: late } },
      orderBy: [{ customerGid: "asc" }, { dueAt: "asc" }],
    });
    const byCustomer = new Map<string, Receivable[]>();
    for (const d of overdue) byCustomer.set(d.customerGid!, [...(byCustomer.get(d.customerGid!) ?? []), d]);
    const open = await prisma.receivable.groupBy({ by: ["customerGid"], where: { shopDomain: shop, status: "open" }, _count: true });
    const [debts] = [...byCustomer.values()].filter((d) => d.length === 2 && open.find((o) => o.customerGid === d[0]!.customerGid)?._count === 2);
    expect(debts, "the wholesale shop has a customer with two overdue orders").toBeDefined();
    [paused, other] = debts!;
    stranger = overdue.find((d) => d.customerGid !== paused.customerGid)!;
  });
  afterAll(() => setup?.close());

  it("refuses to pause a debt of another customer, and records nothing", async () => {
    const before = await prisma.collectionHold.count({ where: { shopDomain: shop } });
    expect(await act(paused.customerGid!, { intent: "pause_debt", receivableId: stranger.id, date: dayIn(10) })).toEqual({
      intent: "pause_debt",
      ok: false,
      errors: { form: "debt_not_open" },
    });
    expect(await act(paused.customerGid!, { intent: "pause_debt", receivableId: "no-such-debt", date: dayIn(10) })).toMatchObject({ ok: false });
    expect(await prisma.collectionHold.count({ where: { shopDomain: shop } })).toBe(before);
  });

  it("writes to the customer about the other order only, and shows the pause on the order's row and on the timeline", async () => {
    const customerKey = paused.customerGid!;
    expect(await act(customerKey, { intent: "pause_debt", receivableId: paused.id, date: dayIn(400) })).toMatchObject({
      ok: false,
      errors: { date: "date_too_far" },
    });
    expect(await act(customerKey, { intent: "pause_debt", receivableId: paused.id, date: dayIn(5), note: "x".repeat(2_001) })).toMatchObject({
      ok: false,
      errors: { note: "note_too_long" },
    });
    expect(
      await act(customerKey, { intent: "pause_debt", receivableId: paused.id, date: dayIn(10), note: "  Disputed delivery, checking with the carrier  " }),
    ).toEqual({
      intent: "pause_debt",
      ok: true,
    });
    const hold = await prisma.collectionHold.findFirstOrThrow({ where: { shopDomain: shop, receivableId: paused.id } });
    expect(hold).toMatchObject({ kind: "pause", customerKey: null, note: "Disputed delivery, checking with the carrier", endedAt: null });

    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    await queueCollectionPass(shop);
    await runJobs({ graphqlFor: async () => graphql });

    const letters = await prisma.reminder.findMany({ where: { shopDomain: shop, customerKey }, include: { items: true } });
    expect(letters.map((l) => [l.status, l.items.map((i) => i.receivableId)])).toEqual([["sent", [other.id]]]);
    const mail = double.mailbox.list().filter((m) => m.to === paused.customerEmail);
    expect(mail).toHaveLength(1);
    expect(names(mail[0]!.customMessage)).toContain(other.name);
    expect(names(mail[0]!.customMessage)).not.toContain(paused.name);
    // No letter holds the paused order (stages it has passed may be marked superseded, as for any debt).
    expect(await prisma.reminderItem.count({ where: { receivableId: paused.id, reminderId: { not: null } } })).toBe(0);

    const { debtsOf, loadCustomerFacts } = await import("../../app/.server/customers/customer-facts.server");
    const facts = await loadCustomerFacts({ domain: shop, ianaTimezone: "America/Sao_Paulo", locale: "pt-BR" }, customerKey, double.clock.now());
    const rows = new Map(facts!.openDebts.map((d) => [d.id, d.pause]));
    expect(rows.get(paused.id)).toEqual({ id: hold.id, until: hold.until, note: hold.note });
    expect(rows.get(other.id)).toBeNull();
    // The customer is still written to about the other order: not "paused" as a whole.
    expect(facts!.statuses).not.toContain("paused");
    const { customerTimeline } = await import("../../app/.server/customers/timeline.server");
    const timeline = await customerTimeline(shop, customerKey, await debtsOf(shop, customerKey), double.clock.now());
    expect(timeline.find((e) => e.kind === "hold_started")).toMatchObject({
      hold: "pause",
      until: hold.until,
      note: hold.note,
      debt: { receivableId: paused.id, name: paused.name },
    });

    // Another customer cannot resume it from their page; its own customer can.
    expect(await act(stranger.customerGid!, { intent: "resume", holdId: hold.id })).toMatchObject({ ok: false, errors: { form: "hold_ended" } });
    expect(await act(customerKey, { intent: "resume", holdId: hold.id })).toEqual({ intent: "resume", ok: true });
    const after = await customerTimeline(shop, customerKey, await debtsOf(shop, customerKey), double.clock.now());
    expect(after.find((e) => e.kind === "hold_ended")).toMatchObject({ hold: "pause", outcome: "resumed", debt: { receivableId: paused.id } });
  });
});
