import prisma from "../../db.server";
import type { OpenReceivable } from "../../domain/overview";

/** Every debt still open in the shop, with just what the overview needs. */
export async function findOpenReceivables(shopDomain: string): Promise<OpenReceivable[]> {
  const rows = await prisma.receivable.findMany({
    where: { shopDomain, status: "open" },
    select: { resourceGid: true, customerGid: true, customerName: true, companyName: true, currency: true, outstandingAmount: true, dueAt: true },
  });
  return rows.map((row) => ({
    customerKey: row.customerGid ?? row.resourceGid,
    customerName: row.customerName,
    companyName: row.companyName,
    currency: row.currency,
    outstanding: row.outstandingAmount.toFixed(),
    dueAt: row.dueAt,
  }));
}
