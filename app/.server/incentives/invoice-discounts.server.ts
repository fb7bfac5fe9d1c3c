import prisma from "../../db.server";
import { Prisma, type Receivable, type SettlementOffer, type Shop } from "../../generated/prisma/client";
import { appliedDiscountInput, checkInvoiceDiscount, invoiceOfferClause } from "../../domain/incentives/invoice-discount";
import type { DiscountRequest, SettlementDiscount } from "../../domain/incentives/settlement-discount";
import { incentiveLimitsFrom } from "../../domain/incentives/limits";
import { daysOverdue, zoneOrUtc } from "../../domain/ledger/aging";
import type { FieldProblem } from "../../domain/field-problem";
import { applySnapshot } from "../ledger/receivables.server";
import { draftOrderDiscount, fetchDraftOrder, setDraftOrderDiscount } from "../shopify/draft-orders.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";
import type { OfferPhrasing } from "../reminders/letter.server";
import { storedDiscount, type OfferSource } from "./settlement-discounts.server";

// A settlement discount taken off one of a customer's open invoiced draft orders (issue #10,
// docs/decisions/014): checked against the shop's limits on that invoice — beyond them nothing
// changes in Shopify —, then set on the draft with draftOrderUpdate, the draft read back and
// applied to the ledger at once (what is owed is lower from this moment: the customer page, the
// letters and the live check before a send all agree), and recorded. Its invoice goes out again
// with the customer's next letter, which says so and goes through that draft. When the offer ends
// unpaid, the discount comes off the draft again; when the draft is paid, the offer was used, at
// what it took off.

/** The ledger events of a draft's amount moved by an invoice discount say so on the timeline. */
export const INVOICE_DISCOUNT_SOURCE = "invoice-discount";

export interface InvoiceOfferMade {
  id: string;
  invoice: string;
  discount: SettlementDiscount;
  currency: string;
}

export type InvoiceOfferResult = { ok: true; offer: InvoiceOfferMade } | { ok: false; field: "percent" | "amount" | "invoice"; problem: FieldProblem };

const refused = (code: string): InvoiceOfferResult => ({ ok: false, field: "invoice", problem: { code } });

async function reapply(shop: Shop, draftOrderGid: string, graphql: AdminGraphql, now: Date, sourceId: string | null) {
  const snapshot = await fetchDraftOrder(graphql, draftOrderGid);
  const clock = { domain: shop.domain, ianaTimezone: shop.ianaTimezone, currency: shop.currencyCode, now };
  if (snapshot) await prisma.$transaction((tx) => applySnapshot(tx, clock, snapshot, { source: INVOICE_DISCOUNT_SOURCE, sourceId }));
}

/** Takes a settlement discount off `debt`, an open invoiced draft order of the customer's. */
export async function offerInvoiceDiscount(
  shop: Shop,
  customerKey: string,
  debt: Receivable,
  request: DiscountRequest,
  graphql: AdminGraphql,
  now: Date,
  source: OfferSource,
): Promise<InvoiceOfferResult> {
  if (debt.kind !== "draft_order" || debt.status !== "open" || !shop.currencyCode) return refused("invoiceNotOpen");
  const open = await prisma.settlementOffer.findFirst({ where: { shopDomain: shop.domain, draftOrderGid: debt.resourceGid, status: "offered" } });
  if (open) return refused("invoiceAlreadyDiscounted");
  const zone = zoneOrUtc(shop.ianaTimezone);
  const facts = {
    daysOverdue: debt.dueAt && debt.dueAt < now ? daysOverdue(debt.dueAt, now, zone) : 0,
    owed: debt.outstandingAmount.toFixed(4),
    billedInShopCurrency: debt.currency === shop.currencyCode,
    timeZone: zone,
  };
  const checked = checkInvoiceDiscount(incentiveLimitsFrom((shop.settings as { incentives?: unknown }).incentives), facts, request, now);
  if (!checked.ok) return checked;
  // A discount the merchant put on the draft themselves is theirs: Quita never replaces it.
  const current = await draftOrderDiscount(graphql, debt.resourceGid);
  if (current === undefined || current?.completed) return refused("invoiceNotOpen");
  if (current) return refused("invoiceHasDiscount");
  const { discount } = checked;
  const until = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(discount.endsAt);
  await setDraftOrderDiscount(graphql, debt.resourceGid, appliedDiscountInput(discount, shop.currencyCode, `Quita settlement offer, until ${until}`));
  const before = debt.shopOutstandingAmount;
  const row = await prisma.settlementOffer.create({
    data: {
      shopDomain: shop.domain,
      customerKey,
      kind: "invoice",
      draftOrderGid: debt.resourceGid,
      draftOrderName: debt.name,
      percentage: discount.percentage,
      amount: discount.amount,
      currency: shop.currencyCode,
      endsAt: discount.endsAt,
      source,
      createdAt: now,
    },
  });
  await reapply(shop, debt.resourceGid, graphql, now, row.id);
  const after = await prisma.receivable.findUniqueOrThrow({ where: { id: debt.id }, select: { shopOutstandingAmount: true } });
  await prisma.settlementOffer.update({ where: { id: row.id }, data: { invoiceDiscount: before.sub(after.shopOutstandingAmount) } });
  return { ok: true, offer: { id: row.id, invoice: debt.name, discount, currency: shop.currencyCode } };
}

/** The invoice discount still open on one of these debts (the latest), for a letter about them to carry; null when none. */
export async function openInvoiceOffer(shopDomain: string, debts: Receivable[], now: Date): Promise<(InvoiceOfferMade & { draftOrderGid: string }) | null> {
  const drafts = debts.filter((d) => d.kind === "draft_order").map((d) => d.resourceGid);
  if (drafts.length === 0) return null;
  const row = await prisma.settlementOffer.findFirst({
    where: { shopDomain, kind: "invoice", status: "offered", draftOrderGid: { in: drafts }, endsAt: { gt: now } },
    orderBy: { createdAt: "desc" },
  });
  if (!row?.draftOrderGid) return null;
  const discount = storedDiscount(row);
  return { id: row.id, invoice: row.draftOrderName ?? "", discount, currency: row.currency, draftOrderGid: row.draftOrderGid };
}

export function invoicePhrasingOf(offer: InvoiceOfferMade, timeZone: string): OfferPhrasing {
  return (locale, formatTag) => invoiceOfferClause(locale, { discount: offer.discount, invoice: offer.invoice, currency: offer.currency, timeZone, formatTag });
}

/**
 * Each collections pass: an invoice discount whose draft was paid was used (at what it took off);
 * one whose draft is gone or closed otherwise is withdrawn; one whose end came on a draft still
 * open comes off the draft in Shopify and expires. Shopify refusing or failing leaves it for the
 * next pass.
 */
export async function settleInvoiceDiscounts(shopDomain: string, graphql: () => Promise<AdminGraphql>, now: Date): Promise<{ used: number; expired: number }> {
  const offers = await prisma.settlementOffer.findMany({ where: { shopDomain, kind: "invoice", status: "offered" } });
  const shop = offers.length ? await prisma.shop.findUnique({ where: { domain: shopDomain } }) : null;
  if (!shop) return { used: 0, expired: 0 };
  let used = 0;
  let expired = 0;
  for (const offer of offers) {
    try {
      const outcome = await settleInvoiceDiscount(shop, offer, graphql, now);
      if (outcome === "used") used++;
      if (outcome === "expired") expired++;
    } catch (error) {
      if (!(error instanceof ShopifyUserError)) throw error;
      // Shopify would not take the discount off (the draft was paid or deleted a moment ago): the
      // draft read again tells the next pass what became of it.
      console.warn(`invoice discount ${offer.id} of ${shop.domain} not ended: ${error.message}`);
      await reapply(shop, offer.draftOrderGid!, await graphql(), now, offer.id);
    }
  }
  return { used, expired };
}

async function settleInvoiceDiscount(
  shop: Shop,
  offer: SettlementOffer,
  graphql: () => Promise<AdminGraphql>,
  now: Date,
): Promise<"used" | "withdrawn" | "expired" | null> {
  const debt = await prisma.receivable.findFirst({ where: { shopDomain: shop.domain, resourceGid: offer.draftOrderGid! } });
  if (debt && debt.status === "completed") {
    const paidAt = await prisma.receivableEvent.findFirst({ where: { receivableId: debt.id, type: "completed" }, orderBy: { occurredAt: "desc" } });
    const at = paidAt?.occurredAt ?? now;
    await prisma.settlementOffer.update({
      where: { id: offer.id },
      data: {
        status: "used",
        usedAt: at,
        usedOrderGid: debt.resourceGid,
        usedOrderName: debt.name,
        discountAmount: offer.invoiceDiscount ?? new Prisma.Decimal(0),
      },
    });
    return "used";
  }
  if (!debt || debt.status !== "open") {
    await prisma.settlementOffer.update({ where: { id: offer.id }, data: { status: "withdrawn" } });
    return "withdrawn";
  }
  if (offer.endsAt > now) return null;
  const admin = await graphql();
  await setDraftOrderDiscount(admin, debt.resourceGid, null);
  await prisma.settlementOffer.update({ where: { id: offer.id }, data: { status: "expired" } });
  await reapply(shop, debt.resourceGid, admin, now, offer.id);
  return "expired";
}
