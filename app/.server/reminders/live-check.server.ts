import prisma from "../../db.server";
import type { Receivable } from "../../generated/prisma/client";
import type { AdminGraphql } from "../shopify/admin-graphql.server";
import { refreshDraftOrder, refreshOrder } from "../ledger/sync.server";

// Right before a letter goes out, each debt it lists is read again from
// Shopify's Admin API and applied to the ledger: a debt paid, cancelled,
// authorized or changed since the letter was planned stops the letter (the
// next pass plans again from the ledger as it now is). A paid order is never
// chased on the strength of a webhook that was late or lost.

export type LiveCheck = { ok: true; receivables: Receivable[] } | { ok: false; reason: "changed" | "unreadable"; receivableIds: string[] };

const fingerprint = (r: Receivable) => JSON.stringify([r.status, r.shopOutstandingAmount.toFixed(), r.dueAt?.getTime() ?? null]);

export async function checkLive(shopDomain: string, receivableIds: string[], graphql: AdminGraphql, now: Date, reminderId: string): Promise<LiveCheck> {
  const before = await prisma.receivable.findMany({ where: { id: { in: receivableIds } } });
  const unreadable: string[] = [];
  for (const r of before) {
    const read = r.kind === "draft_order" ? refreshDraftOrder : refreshOrder;
    const { checked } = await read(shopDomain, graphql, r.resourceGid, now, reminderId);
    // Shopify would not show it (deleted, or an order past the 60-day window without read_all_orders).
    if (checked === 0) unreadable.push(r.id);
  }
  if (unreadable.length) return { ok: false, reason: "unreadable", receivableIds: unreadable };
  const after = await prisma.receivable.findMany({ where: { id: { in: receivableIds } } });
  const was = new Map(before.map((r) => [r.id, fingerprint(r)]));
  const changed = after.filter((r) => r.status !== "open" || was.get(r.id) !== fingerprint(r)).map((r) => r.id);
  if (changed.length) return { ok: false, reason: "changed", receivableIds: changed };
  return { ok: true, receivables: after };
}
