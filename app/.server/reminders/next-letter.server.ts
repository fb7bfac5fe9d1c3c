import prisma from "../../db.server";
import type { Receivable } from "../../generated/prisma/client";
import { decideSendNow } from "../../domain/cadence/send-now";
import type { PlanInput } from "../../domain/cadence/plan";
import { loadPlanInput } from "./collection-state.server";

// Which letter a customer gets next, for the letter preview: the one already
// planned for them (or being sent), else the one "Send the next reminder now"
// would record — the same debts grouped at the same stage the sender will
// write about. A pause or the contact cap only delays that letter, so it is
// worked out as if they had lifted.

export interface NextLetter {
  stageId: string;
  /** The customer's open debts the letter lists (the sender reads them again from Shopify first). */
  debts: Receivable[];
}

const unheld = (input: PlanInput): PlanInput => ({
  ...input,
  debts: input.debts.map((d) => ({ ...d, onHoldUntil: null })),
  customers: new Map([...input.customers].map(([key, c]) => [key, { ...c, onHoldUntil: null, recentContacts: [] }])),
});

/** Null: no letter is coming (nothing owed with a due date, or every stage behind them). */
export async function nextLetterOf(
  shop: { domain: string; ianaTimezone: string; settings: unknown },
  customerKey: string,
  openDebts: Receivable[],
  now: Date,
): Promise<NextLetter | null> {
  const listed = (ids: string[]) => openDebts.filter((d) => ids.includes(d.id));
  const pending = await prisma.reminder.findFirst({
    where: { shopDomain: shop.domain, customerKey, status: { in: ["planned", "sending"] }, channel: { not: "shopify_reminder" } },
    orderBy: { plannedAt: "asc" },
    include: { items: { select: { receivableId: true } } },
  });
  const planned = pending && listed(pending.items.map((i) => i.receivableId));
  if (pending && planned?.length) return { stageId: pending.stageId, debts: planned };
  const decision = decideSendNow(unheld(await loadPlanInput(prisma, shop, now, { customerKeys: [customerKey] })), customerKey);
  if (decision.kind !== "letters") return null;
  const letter = decision.letters.find((l) => l.channel !== "shopify_reminder") ?? decision.letters[0]!;
  const debts = listed(letter.items.map((i) => i.receivableId));
  return debts.length ? { stageId: letter.stage.id, debts } : null;
}
