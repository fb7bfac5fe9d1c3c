import { Prisma } from "../../generated/prisma/client";
import type { CustomerState, OpenDebt, PlanInput } from "../../domain/cadence/plan";
import { stageKey } from "../../domain/cadence/plan";
import { settingsFrom, type Stage } from "../../domain/cadence/settings";
import { addDays, instantAt } from "../../domain/cadence/local-time";
import { localDate } from "../../domain/ledger/aging";

type Db = Prisma.TransactionClient;

// What the cadence needs to know about a shop, read from the ledger and the
// outbox in a handful of statements whatever the number of debts: the open
// debts that may have a stage to act on, with the stages already settled for
// each, and their customers' facts (email, late history, holds, recent letters).
//
// A debt whose every stage reached so far is settled (a letter listed it, or it
// was skipped) gives the cadence nothing to do, and on a large ledger that is
// most of them: they are left out before planning, so a pass over 100,000 open
// debts plans only the ones that move (bench/planning.ts). "Reached" is judged
// a day early here, so a clock-change night never hides a debt; the cadence
// itself decides to the day.

/** Letters counted against the contact cap: sent, being sent, or possibly sent (unknown). */
export const CONTACT_STATUSES = ["sending", "sent", "unknown"];
/** Letters not gone yet: while one is, its customer gets no second letter (plan.ts, `in_flight`). */
export const IN_FLIGHT_STATUSES = ["planned", "sending"];

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

interface DebtRow {
  id: string;
  customerKey: string;
  kind: string;
  dueAt: Date | null;
  customerEmail: string | null;
  /** The ids of the stages settled for it, joined by `separatorFor`'s character; null when none is. */
  settled: string | null;
}

/** For each stage, the instant before which a due date has reached it by tomorrow in the shop (a day early on purpose). */
function reachedBefore(stages: Stage[], now: Date, timeZone: string): Map<Stage, number> {
  const today = localDate(now, timeZone);
  return new Map(stages.map((stage) => [stage, instantAt(addDays(today, 2 - stage.offsetDays), 0, timeZone).getTime()]));
}

/** A character no stage id holds, to join a debt's settled stages with: one string reads far faster than an array. */
function separatorFor(stages: Stage[]): string {
  const ids = stages.map((s) => s.id).join("");
  let code = 0x1f;
  while (ids.includes(String.fromCharCode(code))) code++;
  return String.fromCharCode(code);
}

/**
 * `only`: the named customers alone, every open debt of theirs kept (settled or not): sending a
 * customer's next letter now (send-now.server.ts) looks past the stages reached so far.
 */
export async function loadPlanInput(
  db: Db,
  shop: { domain: string; ianaTimezone: string; settings: unknown },
  now: Date,
  only?: { customerKeys: string[] },
): Promise<PlanInput> {
  const settings = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection);
  const separator = separatorFor(settings.stages);
  const windowStart = new Date(now.getTime() - settings.contactCap.days * 86_400_000);
  // Five independent reads, side by side where the pool has the connections (one after another on PGlite).
  const [rows, lateBefore, holds, contacts, inFlight] = await Promise.all([
    // One row per open debt, its settled stages folded in (not one row per stage: a large ledger has several per debt).
    db.$queryRaw<DebtRow[]>`
      SELECT r.id, COALESCE(r."customerGid", r."resourceGid") AS "customerKey", r.kind, r."dueAt", r."customerEmail", s.settled
      FROM "Receivable" r
      LEFT JOIN (SELECT "receivableId", string_agg("stageId", ${separator}) AS settled FROM "ReminderItem" WHERE "shopDomain" = ${shop.domain} GROUP BY "receivableId") s
        ON s."receivableId" = r.id
      WHERE r."shopDomain" = ${shop.domain} AND r.status = 'open'
      ${only ? Prisma.sql`AND COALESCE(r."customerGid", r."resourceGid") = ANY(${only.customerKeys})` : Prisma.empty}`,
    // Late before: a debt of theirs that ended paid after its due date.
    db.$queryRaw<{ customerKey: string }[]>`
      SELECT DISTINCT COALESCE(r."customerGid", r."resourceGid") AS "customerKey"
      FROM "Receivable" r JOIN "ReceivableEvent" e ON e."receivableId" = r.id AND e.type = 'paid'
      WHERE r."shopDomain" = ${shop.domain} AND r."dueAt" IS NOT NULL AND e."occurredAt" > r."dueAt" + interval '1 day'`,
    db.collectionHold.findMany({
      where: { shopDomain: shop.domain, endedAt: null, until: { gt: now } },
      select: { customerKey: true, receivableId: true, until: true },
    }),
    db.reminder.findMany({
      // A letter handed to Flow (no usable email) counts too: the merchant's workflow may text or call the customer.
      where: { shopDomain: shop.domain, OR: [{ status: { in: CONTACT_STATUSES } }, { channel: "flow" }], sendingAt: { gte: windowStart } },
      select: { customerKey: true, sendingAt: true },
    }),
    db.reminder.findMany({
      where: { shopDomain: shop.domain, status: { in: IN_FLIGHT_STATUSES } },
      select: { customerKey: true },
      distinct: ["customerKey"],
    }),
  ]);

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
  for (const d of rows) {
    if (d.dueAt && d.dueAt < now) overdueNow.set(d.customerKey, (overdueNow.get(d.customerKey) ?? 0) + 1);
    const c = customers.get(d.customerKey) ?? {
      customerKey: d.customerKey,
      hasEmail: false,
      repeatLatePayer: false,
      onHoldUntil: customerHolds.get(d.customerKey) ?? null,
      recentContacts: [],
      letterInFlight: false,
    };
    c.hasEmail ||= Boolean(d.customerEmail && EMAIL.test(d.customerEmail));
    customers.set(d.customerKey, c);
  }
  for (const c of customers.values()) c.repeatLatePayer = lateKeys.has(c.customerKey) || (overdueNow.get(c.customerKey) ?? 0) > 1;
  for (const contact of contacts) customers.get(contact.customerKey)?.recentContacts.push(contact.sendingAt!);
  for (const letter of inFlight) {
    const customer = customers.get(letter.customerKey);
    if (customer) customer.letterInFlight = true;
  }

  // The stages the cadence may act on for a debt are its customer's (the firmer ones only for a repeat
  // late payer, as plan.ts chooses them): a debt with each of those reached already settled is left out.
  const before = reachedBefore(settings.stages, now, shop.ianaTimezone);
  const lightStages = settings.stages.filter((s) => s.audience === "everyone");
  const mayMove = (d: DebtRow) => {
    if (!d.dueAt) return false;
    const settled = d.settled?.split(separator) ?? [];
    const stages = customers.get(d.customerKey)!.repeatLatePayer ? settings.stages : lightStages;
    return stages.some((stage) => d.dueAt!.getTime() < before.get(stage)! && !settled.includes(stage.id));
  };
  const debts = only ? rows : rows.filter(mayMove);
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
    settledStages: new Set(debts.flatMap((d) => (d.settled?.split(separator) ?? []).map((stageId) => stageKey(d.id, stageId)))),
    now,
    timeZone: shop.ianaTimezone,
  };
}
