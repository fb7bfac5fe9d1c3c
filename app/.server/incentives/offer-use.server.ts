import type { Db } from "../ledger/receivables.server";
import type { UsedDiscountCode } from "../../domain/ledger/webhook-payloads";

// A settlement offer's code used at checkout: Shopify's orders/create body lists the codes an order
// took and what each took off, in the shop's money. The offer is then used — on that order, on
// that day, at that cost — whatever it was before (an order placed just as the offer expired still
// used it: Shopify took the code). Once: a repeat of the webhook finds it used already.

export async function recordOfferUse(
  db: Db,
  shopDomain: string,
  codes: UsedDiscountCode[],
  order: { gid: string; name: string; placedAt: Date },
): Promise<number> {
  let used = 0;
  for (const { code, amount } of codes) {
    const { count } = await db.settlementOffer.updateMany({
      where: { shopDomain, code: code.trim().toUpperCase(), status: { not: "used" }, currency: amount.currency },
      data: { status: "used", usedAt: order.placedAt, usedOrderGid: order.gid, usedOrderName: order.name, discountAmount: amount.amount },
    });
    used += count;
  }
  return used;
}
