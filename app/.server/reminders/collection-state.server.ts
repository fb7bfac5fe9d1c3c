import type { Prisma } from "../../generated/prisma/client";
import type { CustomerState, OpenDebt, PlanInput } from "../../domain/cadence/plan";
import { stageKey } from "../../domain/cadence/plan";
import { settingsFrom } from "../../domain/cadence/settings";

type Db = Prisma.TransactionClient;

// What the cadence needs to know about a shop, read from the ledger and the
// outbox in a handful of statements whatever the number of debts: the open
// debts, each customer's facts (email, late history, holds, recent letters)
// and which stages are already settled.

/** Letters counted against the contact cap: sent, being sent, or possibly sent (unknown). */
export const CONTACT_STATUSES = ["sending", "sent", "unknown"];

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

interface DebtRow {
  id: string;
  customerKey: string;
  kind: string;
  dueAt: Date | null;
  customerEmail: string | null;
}

export async function loadPlanInput(db: Db, shop: { domain: string; ianaTimezone: string; settings: unknown }, now: Date): Promise<PlanInput> {
  const debts = await db.$queryRaw<DebtRow[]>`
    SELECT id, COALESCE("customerGid", "resourceGid") AS "customerKey", kind, "dueAt", "customerEmail"
    FROM "Receivable" WHERE "shopDomain" = ${shop.domain} AND status = 'open'`;
  const settled = await db.$queryRaw<{ receivableId: string; stageId: string }[]>`
    SELECT i."receivableId", i."stageId" FROM "ReminderItem" i
    JOIN "Receivable" r ON r.id = i."receivableId" AND r.status = 'open'
    WHERE i."shopDomain" = ${shop.domain}`;
  // Late before: a debt of theirs that ended paid after its due date.
  const lateBefore = await db.$queryRaw<{ customerKey: string }[]>`
    SELECT DISTINCT COALESCE(r."customerGid", r."resourceGid") AS "customerKey"
    FROM "Receivable" r JOIN "ReceivableEvent" e ON e."receivableId" = r.id AND e.type = 'paid'
    WHERE r."shopDomain" = ${shop.domain} AND r."dueAt" IS NOT NULL AND e."occurredAt" > r."dueAt" + interval '1 day'`;
  const holds = await db.collectionHold.findMany({
    where: { shopDomain: shop.domain, endedAt: null, until: { gt: now } },
    select: { customerKey: true, receivableId: true, until: true },
  });
  const settings = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection);
  const windowStart = new Date(now.getTime() - settings.contactCap.days * 86_400_000);
  const contacts = await db.reminder.findMany({
    where: { shopDomain: shop.domain, status: { in: CONTACT_STATUSES }, sendingAt: { gte: windowStart } },
    select: { customerKey: true, sendingAt: true },
  });

  const latest = (a: Date | null, b: Date) => (a && a > b ? a : b);
  const customerHolds = new Map<string, Date>();
  const debtHolds = new Map<string, Date>();
  for (const h of holds) {
    if (h.receivableId) debtHolds.set(h.receivableId, latest(debtHolds.get(h.receivableId) ?? null, h.until));
    else if (h.customerKey) customerHolds.set(h.customerKey, latest(customerHolds.get(h.customerKey) ?? null, h.until));
  }
  const lateKeys = new Set(lateBefore.map((r) => r.customerKey));
  const overdueNow = new Map<string, number>();
  const customers = new Map<string, CustomerState>();
  for (const d of debts) {
    if (d.dueAt && d.dueAt < now) overdueNow.set(d.customerKey, (overdueNow.get(d.customerKey) ?? 0) + 1);
    const c = customers.get(d.customerKey) ?? {
      customerKey: d.customerKey,
      hasEmail: false,
      repeatLatePayer: false,
      onHoldUntil: customerHolds.get(d.customerKey) ?? null,
      recentContacts: [],
    };
    c.hasEmail ||= Boolean(d.customerEmail && EMAIL.test(d.customerEmail));
    customers.set(d.customerKey, c);
  }
  for (const c of customers.values()) c.repeatLatePayer = lateKeys.has(c.customerKey) || (overdueNow.get(c.customerKey) ?? 0) > 1;
  for (const contact of contacts) customers.get(contact.customerKey)?.recentContacts.push(contact.sendingAt!);

  const open: OpenDebt[] = debts.map((d) => ({
    receivableId: d.id,
    customerKey: d.customerKey,
    kind: d.kind === "draft_order" ? "draft_order" : "order",
    dueAt: d.dueAt,
    onHoldUntil: debtHolds.get(d.id) ?? null,
  }));
  return {
    settings,
    debts: open,
    customers,
    settledStages: new Set(settled.map((s) => stageKey(s.receivableId, s.stageId))),
    now,
    timeZone: shop.ianaTimezone,
  };
}
