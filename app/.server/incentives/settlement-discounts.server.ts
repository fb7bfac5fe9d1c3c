import { randomBytes } from "node:crypto";
import prisma from "../../db.server";
import { Prisma, type Receivable, type SettlementOffer, type Shop } from "../../generated/prisma/client";
import {
  checkSettlementDiscount,
  discountCode,
  offerClause,
  policyOffer,
  type DiscountRequest,
  type SettlementDiscount,
} from "../../domain/incentives/settlement-discount";
import type { OfferPhrasing } from "../reminders/letter.server";
import { incentiveLimitsFrom } from "../../domain/incentives/limits";
import { daysOverdue, zoneOrUtc } from "../../domain/ledger/aging";
import type { FieldProblem } from "../../domain/field-problem";
import { createSettlementDiscountCode } from "../shopify/discounts.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";

// A settlement discount offered to one customer (issue #10): checked against the shop's limits
// first — an offer beyond them is refused and nothing is made in Shopify —, then the code made in
// Shopify for that customer alone, usable once, ending with the offer, and recorded for the
// customer's timeline and the letters that carry it.

export type OfferSource = "merchant" | "policy" | "flow";

export interface SettlementOfferMade {
  id: string;
  code: string;
  discount: SettlementDiscount;
  currency: string;
}

export type OfferResult = { ok: true; offer: SettlementOfferMade } | { ok: false; field: "percent" | "amount" | "customer"; problem: FieldProblem };

/** What the customer owes on open debts recorded in the shop's currency, exact, and how late the oldest is. */
function factsOf(shop: Shop, debts: Receivable[], now: Date) {
  const zone = zoneOrUtc(shop.ianaTimezone);
  const late = debts.filter((d) => d.dueAt && d.dueAt < now).map((d) => daysOverdue(d.dueAt!, now, zone));
  const owed = debts.filter((d) => d.shopCurrency === shop.currencyCode).reduce((sum, d) => sum.add(d.shopOutstandingAmount), new Prisma.Decimal(0));
  return { daysOverdue: Math.max(0, ...late), owedInShopCurrency: owed.toFixed(4), timeZone: zone };
}

/** Whether the shop's limits allow this offer to the customer now, and the discount it would be: nothing is made. */
function checkOffer(shop: Shop, customerKey: string, openDebts: Receivable[], request: DiscountRequest, now: Date) {
  if (!customerKey.startsWith("gid://shopify/Customer/") || !shop.currencyCode || openDebts.length === 0) {
    return { ok: false as const, field: "customer" as const, problem: { code: "offerNeedsCustomer" } };
  }
  const limits = incentiveLimitsFrom((shop.settings as { incentives?: unknown }).incentives);
  const checked = checkSettlementDiscount(limits, factsOf(shop, openDebts, now), request, now);
  return checked.ok ? { ...checked, currency: shop.currencyCode } : checked;
}

/**
 * Offers `customerKey` a settlement discount. `openDebts` are the customer's open debts in Quita's
 * ledger; a debt without a customer cannot get a code of its own.
 */
export async function offerSettlementDiscount(
  shop: Shop,
  customerKey: string,
  openDebts: Receivable[],
  request: DiscountRequest,
  graphql: AdminGraphql,
  now: Date,
  source: OfferSource,
): Promise<OfferResult> {
  const checked = checkOffer(shop, customerKey, openDebts, request, now);
  if (!checked.ok) return checked;
  const code = discountCode(randomBytes(12));
  const { discount, currency } = checked;
  const { discountGid } = await createSettlementDiscountCode(graphql, {
    title: `Quita settlement offer ${code}`,
    code,
    customerGid: customerKey,
    percentage: discount.percentage,
    amount: discount.amount,
    startsAt: now,
    endsAt: discount.endsAt,
  });
  const row = await prisma.settlementOffer.create({
    data: {
      shopDomain: shop.domain,
      customerKey,
      code,
      discountGid,
      percentage: discount.percentage,
      amount: discount.amount,
      currency,
      endsAt: discount.endsAt,
      source,
      createdAt: now,
    },
  });
  return { ok: true, offer: { id: row.id, code, discount, currency } };
}

/**
 * Codes whose end came are expired (the collections pass asks; Shopify's code ends by itself at the
 * same instant). A discount on an invoice ends with settleInvoiceDiscounts, which takes it off the draft.
 */
export async function expireSettlementOffers(shopDomain: string, now: Date): Promise<number> {
  const { count } = await prisma.settlementOffer.updateMany({
    where: { shopDomain, kind: "code", status: "offered", endsAt: { lte: now } },
    data: { status: "expired" },
  });
  return count;
}

/** An offer's discount as it was made, read back from its record (a code's or an invoice's). */
export function storedDiscount(row: Pick<SettlementOffer, "percentage" | "amount" | "endsAt">): SettlementDiscount {
  return { percentage: row.percentage?.toFixed(2) ?? null, amount: row.amount?.toFixed() ?? null, endsAt: row.endsAt };
}

/** The customer's offer still open at `now` (the latest), for a letter to carry; null when none. */
export async function openSettlementOffer(shopDomain: string, customerKey: string, now: Date): Promise<SettlementOfferMade | null> {
  const row = await prisma.settlementOffer.findFirst({
    where: { shopDomain, customerKey, kind: "code", status: "offered", endsAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  if (!row?.code) return null;
  const discount = storedDiscount(row);
  return { id: row.id, code: row.code, discount, currency: row.currency };
}

/**
 * The offer a letter of a stage that carries one brings: the customer's open offer, or else, when the
 * merchant lets the policy make offers, one made now (source "policy", the best its limits allow). None when the limits do not
 * allow one yet (too early, offers off, nothing owed in the shop's currency) or Shopify refused the
 * code: the letter then goes without, and a later stage may carry one.
 */
export async function offerForLetter(
  shop: Shop,
  customerKey: string,
  debts: Receivable[],
  graphql: AdminGraphql,
  now: Date,
): Promise<SettlementOfferMade | null> {
  const open = await openSettlementOffer(shop.domain, customerKey, now);
  if (open) return open;
  const limits = incentiveLimitsFrom((shop.settings as { incentives?: unknown }).incentives);
  const request = limits.automaticOffers ? policyOffer(limits) : null;
  if (!request) return null;
  try {
    const made = await offerSettlementDiscount(shop, customerKey, debts, request, graphql, now, "policy");
    return made.ok ? made.offer : null;
  } catch (error) {
    if (!(error instanceof ShopifyUserError)) throw error; // not processed or unknown: the send is retried or settled by the queue
    console.warn(`settlement offer for ${customerKey} in ${shop.domain} refused by Shopify: ${error.message}`);
    return null;
  }
}

/**
 * What offerForLetter would bring without making anything (the letter preview): the open offer, or
 * the policy's offer as it would be made now, its code still to come (`code` null). Null when none.
 */
export async function offerForLetterPreview(
  shop: Shop,
  customerKey: string,
  debts: Receivable[],
  now: Date,
): Promise<(Omit<SettlementOfferMade, "code" | "id"> & { code: string | null }) | null> {
  const open = await openSettlementOffer(shop.domain, customerKey, now);
  if (open) return open;
  const limits = incentiveLimitsFrom((shop.settings as { incentives?: unknown }).incentives);
  const request = limits.automaticOffers ? policyOffer(limits) : null;
  const checked = request && checkOffer(shop, customerKey, debts, request, now);
  return checked?.ok ? { code: null, discount: checked.discount, currency: checked.currency } : null;
}

/** How a letter says this offer, in whatever language it is written. */
export function phrasingOf(offer: Pick<SettlementOfferMade, "code" | "discount" | "currency">, timeZone: string): OfferPhrasing {
  return (locale, formatTag) => offerClause(locale, { discount: offer.discount, code: offer.code, currency: offer.currency, timeZone, formatTag });
}
