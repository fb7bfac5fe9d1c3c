import prisma from "../../db.server";
import { addDays, instantAt } from "../../domain/cadence/local-time";
import { localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { endHold, placeHold } from "../reminders/holds.server";
import { sendNextReminderNow } from "../reminders/send-now.server";

// The Debtors page's bulk actions on the customers selected: pause their reminders until a date,
// resume them, or send each their next reminder now. Each answers with counts and codes the page
// words in the merchant's language.

export type BulkError = "no_selection" | "date_missing" | "date_past" | "date_far";

export type BulkOutcome =
  | { intent: "pause"; paused: number; until: string }
  | { intent: "resume"; resumed: number }
  | { intent: "send"; queued: number; waits: number; already: number; refused: number }
  | { intent: "error"; error: BulkError };

const MAX_KEYS = 250;

/** Pauses every selected customer from now through `untilDate` (YYYY-MM-DD, the shop's calendar), as the customer page does. */
async function pause(shop: { domain: string; ianaTimezone: string }, keys: string[], untilDate: string, at: Date): Promise<BulkOutcome> {
  const zone = zoneOrUtc(shop.ianaTimezone);
  const today = localDate(at, zone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(untilDate)) return { intent: "error", error: "date_missing" };
  if (untilDate < today) return { intent: "error", error: "date_past" };
  if (untilDate > addDays(today, 365)) return { intent: "error", error: "date_far" };
  const until = instantAt(addDays(untilDate, 1), 0, zone);
  for (const customerKey of keys) await placeHold({ shopDomain: shop.domain, kind: "pause", until, customerKey }, at);
  return { intent: "pause", paused: keys.length, until: untilDate };
}

/** Ends the running pauses of the selected customers, theirs or on one of their debts; promises to pay stay. */
async function resume(shopDomain: string, keys: string[], at: Date): Promise<BulkOutcome> {
  const debts = await prisma.receivable.findMany({
    where: { shopDomain, status: "open", OR: [{ customerGid: { in: keys } }, { customerGid: null, resourceGid: { in: keys } }] },
    select: { id: true, customerGid: true, resourceGid: true },
  });
  const holds = await prisma.collectionHold.findMany({
    where: {
      shopDomain,
      kind: "pause",
      endedAt: null,
      until: { gt: at },
      OR: [{ customerKey: { in: keys } }, { receivableId: { in: debts.map((d) => d.id) } }],
    },
    select: { id: true, customerKey: true, receivableId: true },
  });
  const keyOfDebt = new Map(debts.map((d) => [d.id, d.customerGid ?? d.resourceGid]));
  const resumed = new Set<string>();
  for (const hold of holds) {
    await endHold(shopDomain, hold.id, at, "resumed");
    resumed.add(hold.customerKey ?? keyOfDebt.get(hold.receivableId!)!);
  }
  return { intent: "resume", resumed: resumed.size };
}

async function sendNow(shopDomain: string, keys: string[], at: Date): Promise<BulkOutcome> {
  const results = await sendNextReminderNow(shopDomain, keys, at);
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  return { intent: "send", queued: count("queued"), waits: count("waits"), already: count("already_queued"), refused: count("refused") };
}

export async function runDebtorsBulkAction(form: FormData, shop: { domain: string; ianaTimezone: string }, at: Date): Promise<BulkOutcome> {
  const keys = [...new Set(form.getAll("customerKey").map(String))].filter(Boolean).slice(0, MAX_KEYS);
  if (keys.length === 0) return { intent: "error", error: "no_selection" };
  const intent = form.get("intent");
  if (intent === "pause") return pause(shop, keys, String(form.get("until") ?? ""), at);
  if (intent === "resume") return resume(shop.domain, keys, at);
  if (intent === "send") return sendNow(shop.domain, keys, at);
  throw new Response("Unknown action", { status: 400 });
}
