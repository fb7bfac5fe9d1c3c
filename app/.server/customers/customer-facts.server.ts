import prisma from "../../db.server";
import type { Receivable } from "../../generated/prisma/client";
import { chooseLocale } from "../../domain/letters/locale";
import { LETTER_LOCALES, type LetterLocale } from "../../domain/letter-identity";
import { daysOverdue, isOverdueBucket, localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { fromUnits, toUnits } from "../../domain/ledger/money";
import { agreementProgress, shareOfShopAmount, type AgreementProgress } from "../../domain/incentives/agreement-progress";
import { ofCustomer } from "./customer-debts.server";

// Who a debtor is and what they owe, for their page: the contact Shopify last
// gave on their debts, the open debts (orders and invoiced drafts), the totals
// per currency billed and in the shop's currency (never added across
// currencies), and their standing: overdue, promised, paused, no email, in an
// installment agreement. A debt under a running agreement is shown as the plan
// stands (docs/decisions/016): counted at what is left of the plan, and never as
// overdue, though its order still owes the whole balance in Shopify until paid.

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export type CustomerStatus = "overdue" | "promised" | "paused" | "no_email" | "in_agreement";

export interface OpenDebt {
  id: string;
  resourceGid: string;
  kind: "order" | "draft_order";
  name: string;
  currency: string;
  outstanding: string;
  total: string;
  shopCurrency: string;
  shopOutstanding: string;
  dueAt: Date | null;
  placedAt: Date | null;
  daysOverdue: number;
  termsName: string | null;
  paymentUrl: string | null;
  /** The running installment agreement on this debt, if any: `outstanding` stays what Shopify says the order owes. */
  agreement: DebtAgreement | null;
  /** The merchant's pause on this debt alone, while it runs (the latest, when there are several). */
  pause: { id: string; until: Date; note: string | null } | null;
}

export interface DebtAgreement extends AgreementProgress {
  id: string;
  /** The agreement's currency: the order's currency billed. */
  currency: string;
}

export interface ActiveHold {
  id: string;
  kind: "pause" | "promise";
  until: Date;
  amount: string | null;
  currency: string | null;
  /** A hold on one debt rather than on the customer. */
  debtName: string | null;
}

export interface CustomerFacts {
  customerKey: string;
  contact: { name: string | null; email: string | null; phone: string | null; locale: string | null };
  /** The language letters are written in: the customer's when Quita writes it, else the shop's. */
  letterLocale: LetterLocale;
  company: { name: string | null; location: string | null } | null;
  openDebts: OpenDebt[];
  /**
   * What is owed per currency billed (what letters say), and the same in the shop's currency, a debt
   * under a running agreement counted at what is left of its plan; of the billed, what is overdue
   * (debts under an agreement are not) and what is left of the running plans.
   */
  owed: { billed: Amount[]; shop: Amount[]; overdue: Amount[]; inAgreement: Amount[] };
  statuses: CustomerStatus[];
  holds: ActiveHold[];
}

type Amount = { currency: string; amount: string };

/** Every debt filed under this customer key, whatever its state: their whole history. */
export function debtsOf(shopDomain: string, customerKey: string): Promise<Receivable[]> {
  return prisma.receivable.findMany({
    where: { shopDomain, ...ofCustomer(customerKey) },
    orderBy: [{ placedAt: "desc" }, { name: "desc" }],
  });
}

/** Per currency, the shop's own first (as the overview lists them), then the others by code, not by which order came last. */
function totals(rows: Amount[], shopCurrency: string | undefined): Amount[] {
  const byCurrency = new Map<string, bigint>();
  for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0n) + toUnits(r.amount));
  return [...byCurrency]
    .sort(([a], [b]) => Number(b === shopCurrency) - Number(a === shopCurrency) || a.localeCompare(b))
    .map(([currency, units]) => ({ currency, amount: fromUnits(units) }));
}

/** The running agreements on these debts, by debt, where each stands at `now`. */
async function agreementsOn(shop: { domain: string; ianaTimezone: string }, debtIds: string[], now: Date): Promise<Map<string, DebtAgreement>> {
  const rows = await prisma.installmentAgreement.findMany({
    where: { shopDomain: shop.domain, status: "active", receivableId: { in: debtIds } },
    include: { installments: true },
  });
  const today = localDate(now, zoneOrUtc(shop.ianaTimezone));
  return new Map(
    rows.map((a) => {
      const states = a.installments.map((i) => ({ number: i.number, amount: i.amount.toFixed(), dueOn: i.dueOn, paid: !!i.paidAt, missedAt: i.missedAt }));
      return [a.receivableId, { id: a.id, currency: a.currency, ...agreementProgress(states, today, now) }];
    }),
  );
}

/** Null when the shop has never had a debt under this key: no such debtor. */
export async function loadCustomerFacts(
  shop: { domain: string; ianaTimezone: string; locale: string },
  customerKey: string,
  now: Date,
): Promise<CustomerFacts | null> {
  const debts = await debtsOf(shop.domain, customerKey);
  if (debts.length === 0) return null;
  const open = debts.filter((d) => d.status === "open");
  const latest = open[0] ?? debts[0]!;
  const allHolds = await prisma.collectionHold.findMany({
    where: { shopDomain: shop.domain, endedAt: null, until: { gt: now }, OR: [{ customerKey }, { receivableId: { in: debts.map((d) => d.id) } }] },
    orderBy: { until: "asc" },
  });
  // An installment agreement's hold is the agreement's own: shown as "in agreement", not as a pause to resume.
  const holdRows = allHolds.filter((h) => h.kind !== "agreement");
  const names = new Map(debts.map((d) => [d.id, d.name]));
  const holds: ActiveHold[] = holdRows.map((h) => ({
    id: h.id,
    kind: h.kind === "promise" ? "promise" : "pause",
    until: h.until,
    amount: h.amount?.toFixed() ?? null,
    currency: h.currency,
    debtName: h.receivableId ? (names.get(h.receivableId) ?? null) : null,
  }));
  // Ordered by date: the last one set for a debt is the one that holds longest.
  const debtPauses = new Map(
    holdRows.filter((h) => h.kind === "pause" && h.receivableId).map((h) => [h.receivableId!, { id: h.id, until: h.until, note: h.note }]),
  );
  const email = debts.map((d) => d.customerEmail).find((e) => e && EMAIL.test(e)) ?? null;
  const statuses: CustomerStatus[] = [];
  const agreements = await agreementsOn(
    shop,
    open.map((d) => d.id),
    now,
  );
  // The plan, not the order's first due date, says when an agreed debt is owed: it is "in agreement", not overdue.
  const overdue = open.filter((d) => isOverdueBucket(d.agingBucket) && !agreements.has(d.id));
  // Never more than Shopify says the order owes (a payment made on the order itself, besides the plan).
  const owedOn = (d: Receivable) => {
    const plan = agreements.get(d.id);
    const outstanding = d.outstandingAmount.toFixed();
    if (!plan) return { billed: outstanding, shop: d.shopOutstandingAmount.toFixed() };
    const billed = toUnits(plan.left) < toUnits(outstanding) ? plan.left : outstanding;
    const shop = shareOfShopAmount(
      { amount: d.shopOutstandingAmount.toFixed(), currency: d.shopCurrency },
      { amount: outstanding, currency: d.currency },
      { amount: billed, currency: d.currency },
    );
    return { billed, shop };
  };
  if (overdue.length > 0) statuses.push("overdue");
  if (holds.some((h) => h.kind === "promise")) statuses.push("promised");
  // A pause on one order is shown on that order's row; the customer is "paused" only when all of them are.
  if (holds.some((h) => h.kind === "pause" && !h.debtName) || (open.length > 0 && open.every((d) => debtPauses.has(d.id)))) statuses.push("paused");
  if (allHolds.some((h) => h.kind === "agreement")) statuses.push("in_agreement");
  if (!email) statuses.push("no_email");
  const shopLocale = (LETTER_LOCALES as readonly string[]).includes(shop.locale) ? (shop.locale as LetterLocale) : "en";
  const openByDue = [...open].sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.name.localeCompare(b.name));
  return {
    customerKey,
    contact: { name: latest.customerName, email: email ?? latest.customerEmail, phone: latest.customerPhone, locale: latest.customerLocale },
    letterLocale: chooseLocale(latest.customerLocale, shopLocale),
    company: latest.companyGid || latest.companyName ? { name: latest.companyName, location: latest.companyLocationName } : null,
    openDebts: openByDue.map((d) => ({
      id: d.id,
      resourceGid: d.resourceGid,
      kind: d.kind === "draft_order" ? "draft_order" : "order",
      name: d.name,
      currency: d.currency,
      outstanding: d.outstandingAmount.toFixed(),
      total: d.totalAmount.toFixed(),
      shopCurrency: d.shopCurrency,
      shopOutstanding: d.shopOutstandingAmount.toFixed(),
      dueAt: d.dueAt,
      placedAt: d.placedAt,
      daysOverdue: d.dueAt ? Math.max(0, daysOverdue(d.dueAt, now, shop.ianaTimezone)) : 0,
      termsName: d.termsName,
      paymentUrl: d.paymentUrl,
      agreement: agreements.get(d.id) ?? null,
      pause: debtPauses.get(d.id) ?? null,
    })),
    owed: {
      billed: totals(
        open.map((d) => ({ currency: d.currency, amount: owedOn(d).billed })),
        open[0]?.shopCurrency,
      ),
      shop: totals(
        open.map((d) => ({ currency: d.shopCurrency, amount: owedOn(d).shop })),
        open[0]?.shopCurrency,
      ),
      overdue: totals(
        overdue.map((d) => ({ currency: d.currency, amount: d.outstandingAmount.toFixed() })),
        open[0]?.shopCurrency,
      ),
      inAgreement: totals(
        open.filter((d) => agreements.has(d.id)).map((d) => ({ currency: d.currency, amount: owedOn(d).billed })),
        open[0]?.shopCurrency,
      ),
    },
    statuses,
    holds,
  };
}
