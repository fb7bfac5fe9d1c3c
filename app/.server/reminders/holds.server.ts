import prisma from "../../db.server";
import { noteOnTimelines } from "./reminder-events.server";

// Pauses and promises to pay: no letter to the customer (or about one debt)
// until a date. When a promise's date comes, the collections pass records it kept or
// broken (promise-outcomes.server.ts); either way the cadence picks up again at the
// stage the debt has reached.

export interface HoldInput {
  shopDomain: string;
  kind: "pause" | "promise";
  until: Date;
  /** The whole customer (all their debts)… */
  customerKey?: string | null;
  /** …or one debt. */
  receivableId?: string | null;
  /** A promise's amount, in the currency billed. */
  amount?: string | null;
  currency?: string | null;
  note?: string | null;
  /** Who asked: the merchant (the default), or a Shopify Flow action. */
  source?: "merchant" | "flow";
}

export class HoldError extends Error {
  override name = "HoldError";
}

/** The open debts a hold covers: the one named, or all the customer's. */
async function coveredDebts(input: { shopDomain: string; customerKey?: string | null; receivableId?: string | null }): Promise<string[]> {
  if (input.receivableId) return [input.receivableId];
  const rows = await prisma.receivable.findMany({
    where: {
      shopDomain: input.shopDomain,
      status: "open",
      OR: [{ customerGid: input.customerKey }, { customerGid: null, resourceGid: input.customerKey ?? "-" }],
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function placeHold(input: HoldInput, now: Date): Promise<string> {
  if (!input.customerKey === !input.receivableId) throw new HoldError("A pause or promise is for a customer or for one debt");
  if (input.until.getTime() <= now.getTime()) throw new HoldError("Choose a date in the future");
  if (input.until.getTime() - now.getTime() > 366 * 86_400_000) throw new HoldError("Choose a date within a year");
  const debts = await coveredDebts(input);
  return prisma.$transaction(async (tx) => {
    const hold = await tx.collectionHold.create({
      data: {
        shopDomain: input.shopDomain,
        kind: input.kind,
        until: input.until,
        customerKey: input.customerKey ?? null,
        receivableId: input.receivableId ?? null,
        amount: input.amount ?? null,
        currency: input.currency ?? null,
        note: input.note ?? null,
        source: input.source ?? "merchant",
        // Business time, as the rest of the customer's timeline (the database's clock is wall time).
        createdAt: now,
      },
    });
    await noteOnTimelines(
      tx,
      debts,
      "hold_started",
      now,
      { kind: input.kind, until: input.until.toISOString(), ...(input.amount ? { amount: input.amount, currency: input.currency ?? "" } : {}) },
      hold.id,
    );
    return hold.id;
  });
}

/** Resumes collection before the date (or records a promise kept). */
export async function endHold(shopDomain: string, holdId: string, now: Date, why: "resumed" | "kept"): Promise<void> {
  const hold = await prisma.collectionHold.findFirst({ where: { id: holdId, shopDomain, endedAt: null } });
  if (!hold) throw new HoldError("This pause or promise has already ended");
  const debts = await coveredDebts(hold);
  await prisma.$transaction(async (tx) => {
    // Only if still running: the collections pass may have just recorded the promise kept or broken.
    const { count } = await tx.collectionHold.updateMany({ where: { id: hold.id, endedAt: null }, data: { endedAt: now, outcome: why } });
    if (count === 0) throw new HoldError("This pause or promise has already ended");
    await noteOnTimelines(tx, debts, "hold_ended", now, { kind: hold.kind, why }, hold.id);
  });
}
