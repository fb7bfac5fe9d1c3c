import prisma from "../../db.server";
import type { OpenReceivable } from "../../domain/overview";

/** Everything still owed in the shop (to collect, or authorized and awaiting capture), with just what the overview needs. */
export async function findOpenReceivables(shopDomain: string): Promise<OpenReceivable[]> {
  const rows = await prisma.receivable.findMany({
    where: { shopDomain, status: { in: ["open", "authorized"] } },
    select: { resourceGid: true, kind: true, status: true, customerGid: true, customerName: true, companyName: true, shopCurrency: true, shopOutstandingAmount: true, dueAt: true, placedAt: true },
  });
  return rows.map((row) => ({
    customerKey: row.customerGid ?? row.resourceGid,
    customerName: row.customerName,
    companyName: row.companyName,
    kind: row.kind === "draft_order" ? "draft_order" : "order",
    status: row.status === "authorized" ? "authorized" : "open",
    currency: row.shopCurrency,
    outstanding: row.shopOutstandingAmount.toFixed(),
    dueAt: row.dueAt,
    placedAt: row.placedAt,
  }));
}
