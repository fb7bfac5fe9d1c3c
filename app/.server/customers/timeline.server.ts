import prisma from "../../db.server";
import type { Receivable } from "../../generated/prisma/client";
import type { ReceivableEventType } from "../../domain/ledger/transitions";
import { assembleTimeline, LEDGER_EVENTS_SHOWN, type DebtRef, type TimelineEntry } from "../../domain/customers/timeline";
import { customerNotes } from "./notes.server";
import { TERMS_CHANGE_SOURCES } from "../incentives/payment-terms-changes.server";
import { agreementsOf, agreementTimeline } from "../incentives/installment-agreements.server";

// A customer's timeline, read from where each fact is kept: the debts
// themselves (placed, due), the ledger's events (payments, edits, endings), the
// outbox (every letter, as written), pauses and promises, the merchant's notes
// and the Flow triggers fired about their debts or letters. A few statements
// per customer, whatever the shop's size.

const ref = (d: Pick<Receivable, "id" | "name" | "kind">): DebtRef => ({
  receivableId: d.id,
  name: d.name,
  kind: d.kind === "draft_order" ? "draft_order" : "order",
});

/**
 * What each debt came to when placed: its total now, less the edits and discounts since (their
 * events' `totalChange`, in the shop's currency, so only a debt billed in it can be undone exactly;
 * another shows its total now). "Placed, R$263.80" then "reduced by R$13.19" reads true.
 */
function totalsWhenPlaced(debts: Receivable[], events: { receivableId: string; type: string; details: unknown }[]): Map<string, string> {
  const totals = new Map(debts.map((d) => [d.id, d.totalAmount]));
  for (const e of events) {
    const d = debts.find((x) => x.id === e.receivableId);
    const change = (e.details as { totalChange?: string } | null)?.totalChange;
    if (!d || !change || d.currency !== d.shopCurrency || (e.type !== "amount_reduced" && e.type !== "amount_increased")) continue;
    totals.set(d.id, totals.get(d.id)!.sub(change));
  }
  return new Map([...totals].map(([id, total]) => [id, total.toFixed()]));
}

export async function customerTimeline(shopDomain: string, customerKey: string, debts: Receivable[], now: Date): Promise<TimelineEntry[]> {
  const ids = debts.map((d) => d.id);
  const byId = new Map(debts.map((d) => [d.id, d]));
  const [events, reminders, holds, notes] = await Promise.all([
    prisma.receivableEvent.findMany({
      where: { receivableId: { in: ids }, type: { in: [...LEDGER_EVENTS_SHOWN] } },
      select: { id: true, receivableId: true, type: true, occurredAt: true, outstandingAmount: true, currency: true, details: true, source: true },
    }),
    prisma.reminder.findMany({
      where: { shopDomain, OR: [{ customerKey }, { items: { some: { receivableId: { in: ids } } } }] },
      include: { items: { select: { receivableId: true } } },
    }),
    prisma.collectionHold.findMany({ where: { shopDomain, kind: { in: ["pause", "promise"] }, OR: [{ customerKey }, { receivableId: { in: ids } }] } }),
    customerNotes(shopDomain, customerKey),
  ]);
  const agreements = await agreementsOf(shopDomain, customerKey);
  const installmentIds = agreements.flatMap((a) => a.installments.map((i) => i.id));
  const subjects = [...ids, ...reminders.map((r) => r.id), ...holds.map((h) => h.id), ...installmentIds];
  const flows = await prisma.flowTriggerRun.findMany({ where: { shopDomain, subjectKey: { in: subjects } } });
  const offers = await prisma.settlementOffer.findMany({ where: { shopDomain, customerKey } });

  const entries: TimelineEntry[] = [];
  const placedTotals = totalsWhenPlaced(debts, events);
  for (const d of debts) {
    if (d.placedAt)
      entries.push({ kind: "order_placed", id: `placed:${d.id}`, at: d.placedAt, debt: ref(d), amount: placedTotals.get(d.id)!, currency: d.currency });
    // A due date still ahead is on the debt's row, not in its history.
    if (d.dueAt && d.dueAt <= now) entries.push({ kind: "due", id: `due:${d.id}`, at: d.dueAt, debt: ref(d) });
  }
  for (const e of events) {
    const facts = (e.details ?? {}) as Record<string, string | null>;
    const amount = facts.paid ?? facts.refunded ?? facts.totalChange ?? null;
    entries.push({
      kind: "ledger",
      id: e.id,
      at: e.occurredAt,
      debt: ref(byId.get(e.receivableId)!),
      event: e.type as ReceivableEventType,
      outstanding: e.outstandingAmount.toFixed(),
      currency: e.currency,
      change: amount && facts.shopCurrency ? { amount: amount.replace(/^-/, ""), currency: facts.shopCurrency } : null,
      ...(e.type === "terms_changed"
        ? {
            newDueAt: facts.dueAt ? new Date(facts.dueAt) : null,
            previousDueAt: facts.previousDueAt ? new Date(facts.previousDueAt) : null,
            fromFlow: e.source === TERMS_CHANGE_SOURCES.flow,
          }
        : {}),
    });
  }
  for (const r of reminders) {
    entries.push({
      kind: "reminder",
      id: r.id,
      at: r.finishedAt ?? r.sendingAt ?? r.plannedAt,
      status: r.status as Extract<TimelineEntry, { kind: "reminder" }>["status"],
      stageId: r.stageId,
      stageKind: r.kind,
      channel: r.channel,
      debts: r.items.flatMap((i) => (byId.has(i.receivableId) ? [ref(byId.get(i.receivableId)!)] : [])),
      letter: r.subject && r.body ? { subject: r.subject, body: r.body, recipient: r.recipient, locale: r.locale } : null,
      reason: r.reason,
    });
  }
  for (const h of holds) {
    const hold = h.kind === "promise" ? "promise" : "pause";
    const debt = h.receivableId && byId.has(h.receivableId) ? ref(byId.get(h.receivableId)!) : null;
    entries.push({
      kind: "hold_started",
      id: `hold:${h.id}`,
      at: h.createdAt,
      hold,
      until: h.until,
      amount: h.amount?.toFixed() ?? null,
      currency: h.currency,
      note: h.note,
      fromFlow: h.source === "flow",
      debt,
    });
    const outcome = h.outcome === "resumed" || h.outcome === "kept" || h.outcome === "broken" ? h.outcome : null;
    if (h.endedAt) entries.push({ kind: "hold_ended", id: `ended:${h.id}`, at: h.endedAt, hold, outcome, debt });
  }
  for (const n of notes) entries.push({ kind: "note", id: n.id, at: n.createdAt, body: n.body });
  for (const f of flows) entries.push({ kind: "flow", id: f.id, at: f.firedAt ?? f.createdAt, handle: f.handle, status: f.status });
  for (const o of offers) {
    const value = { percentage: o.percentage?.toFixed(2) ?? null, amount: o.amount?.toFixed() ?? null };
    const which = { code: o.code, invoice: o.kind === "invoice" ? (o.draftOrderName ?? "") : null };
    entries.push({ kind: "offer", id: o.id, at: o.createdAt, ...which, ...value, currency: o.currency, endsAt: o.endsAt });
    if (o.status === "used" && o.usedAt) {
      const used = { ...which, order: o.usedOrderName ?? "", amount: o.discountAmount?.toFixed() ?? "0", currency: o.currency };
      entries.push({ kind: "offer_used", id: `used:${o.id}`, at: o.usedAt, ...used });
    } else if (o.endsAt <= now && o.status !== "withdrawn") entries.push({ kind: "offer_ended", id: `ended:${o.id}`, at: o.endsAt, ...which });
  }
  entries.push(...agreementTimeline(agreements));
  return assembleTimeline(entries);
}
