import type { Db } from "../ledger/receivables.server";
import type { UsedDiscountCode } from "../../domain/ledger/webhook-payloads";

// What Shopify's order webhooks say of Quita's incentives. A settlement offer's code used at checkout: Shopify's orders/create body lists the codes an order
// took and what each took off, in the shop's money. The offer is then used — on that order, on
// that day, at that cost — whatever it was before (an order placed just as the offer expired still
// used it: Shopify took the code). Once: a repeat of the webhook finds it used already.

/**
 * An installment's draft order completed (draft_orders/update): the installment is paid when Shopify
 * says so, not only when the collections pass next reads it, so one paid before its day shows at
 * once (docs/decisions/016). Once: a repeat finds it paid.
 */
export async function recordInstallmentPaid(db: Db, shopDomain: string, draftOrderGid: string, at: Date): Promise<number> {
  const { count } = await db.installment.updateMany({ where: { shopDomain, draftOrderGid, paidAt: null }, data: { paidAt: at } });
  return count;
}

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
