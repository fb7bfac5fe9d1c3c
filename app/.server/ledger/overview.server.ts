import prisma from "../../db.server";
import { ORDER_API_WINDOW_DAYS, type OpenReceivable } from "../../domain/overview";
import { grantsAllOrders } from "../shops.server";
import { now } from "../clock.server";

/** Everything still owed in the shop (to collect, or authorized and awaiting capture), with just what the overview needs. */
export async function findOpenReceivables(shopDomain: string): Promise<OpenReceivable[]> {
  const rows = await prisma.receivable.findMany({
    where: { shopDomain, status: { in: ["open", "authorized"] } },
    select: {
      resourceGid: true,
      kind: true,
      status: true,
      customerGid: true,
      customerName: true,
      companyName: true,
      shopCurrency: true,
      shopOutstandingAmount: true,
      dueAt: true,
      placedAt: true,
    },
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

/**
 * For a shop that has not granted read_all_orders: the start of the API's
 * 60-day window and how many owed orders placed before it Quita knows only
 * from webhooks. Null when every order can be read.
 */
export async function apiWindowFor(shop: { domain: string; scopes: string | null }): Promise<{ count: number; placedBefore: Date } | null> {
  if (grantsAllOrders(shop.scopes)) return null;
  const placedBefore = new Date((await now()).getTime() - ORDER_API_WINDOW_DAYS * 86_400_000);
  const count = await prisma.receivable.count({
    where: { shopDomain: shop.domain, kind: "order", status: { in: ["open", "authorized"] }, placedAt: { lt: placedBefore } },
  });
  return { count, placedBefore };
}
