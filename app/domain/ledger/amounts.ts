import { proportion, toUnits } from "./money";
import type { Amounts, ReceivableSnapshot } from "./snapshot";

// Every receivable keeps two figures (docs/decisions/008): what the customer
// owes in the currency they were billed in (letters quote it) and its value in
// the shop's currency (the merchant's totals add it up, and a change in what
// is owed is judged on it, since every source gives it exactly for orders).
// A source that gives only one of them leaves the other to be settled here.

export interface SettledAmounts {
  billed: Amounts;
  shop: Amounts;
  /** Both figures are Shopify's own; false means one was worked out and the resource should be read again. */
  exact: boolean;
}

/**
 * `prev` is what the ledger holds (its billed-to-shop ratio stands in for a
 * draft body that doesn't compare the two); `shopCurrency` is the shop's.
 */
export function settleAmounts(snapshot: ReceivableSnapshot, prev: { billed: Amounts; shop: Amounts } | null, shopCurrency: string | null): SettledAmounts {
  const billed = snapshot.billed;
  if (snapshot.shop) return { billed, shop: snapshot.shop, exact: snapshot.billedOutstandingExact };
  const currency = billed.total.currency;
  if (!shopCurrency || shopCurrency.toUpperCase() === currency) return { billed, shop: billed, exact: snapshot.billedOutstandingExact };
  const sameBasis = prev && prev.billed.total.currency === currency && prev.shop.total.currency === shopCurrency.toUpperCase();
  if (sameBasis && toUnits(prev.billed.total.amount) !== 0n) {
    const convert = (m: Amounts["total"]) => proportion(m, prev.shop.total, prev.billed.total, prev.shop.total.currency);
    return { billed, shop: { total: convert(billed.total), outstanding: convert(billed.outstanding) }, exact: false };
  }
  // Nothing to convert with yet: the billed figures stand in, under their own currency, until the read.
  return { billed, shop: billed, exact: false };
}
