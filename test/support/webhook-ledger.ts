import type { PrismaClient } from "../../app/generated/prisma/client";
import { examplePayload } from "./webhooks";

// Shopify's own example webhook bodies, made into what Quita collects, and a shop of its own for
// each test, for the tests that feed every topic through the real route action and the real
// authenticate.webhook (test/server/webhooks-*.test.ts).
//
// Shopify's orders/* example is a cancelled, voided consumer order without
// terms — nothing to collect. B2B orders on terms are what Quita watches, so
// b2bOrder() turns it into one: financial_status pending, not cancelled, a
// `company`, and the example payment_terms/create body as its terms (due in
// 30 days). Likewise the draft order example gets an invoice_sent_at (an
// invoice not sent is not a debt yet), and the compliance examples name the
// example order's customer.

export const ORDER_GID = "gid://shopify/Order/820982911946154508";
export const TERMS_GID_TAIL = "706405506930370084";
// Times relative to now, so aging (computed at delivery) is stable: the order is due in 20 days.
const DAY = 86_400_000;
export const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
export const DUE = at(20);
export const NEW_DUE = at(50);

export function b2bOrder(overrides: Record<string, unknown> = {}) {
  const order = examplePayload("orders/create");
  const terms = examplePayload("payment_terms/create");
  return {
    ...order,
    financial_status: "pending",
    cancelled_at: null,
    cancel_reason: null,
    total_outstanding: "414.95",
    current_total_price: "414.95",
    updated_at: at(-10),
    company: { id: 5501, location_id: 5502 },
    payment_terms: {
      ...terms,
      payment_terms_name: "Net 30",
      due_in_days: 30,
      payment_schedules: [{ ...terms.payment_schedules[0], due_at: DUE, completed_at: null, amount: "414.95" }],
    },
    ...overrides,
  };
}

export function invoicedDraft(overrides: Record<string, unknown> = {}) {
  const draft = examplePayload("draft_orders/create");
  const terms = { ...draft.payment_terms, payment_schedules: [{ ...draft.payment_terms.payment_schedules[0], due_at: DUE, completed_at: null }] };
  return { ...draft, invoice_sent_at: at(-9), updated_at: at(-9), payment_terms: terms, ...overrides };
}

let shops = 0;

/**
 * A new installed shop, with `data` on top: each test gets its own, so that Shopify's example
 * ids (the same in every test) never meet another test's state, and tests pass alone and in any order.
 */
export async function installedShop(prisma: PrismaClient, data: { currencyCode?: string } = {}): Promise<string> {
  const domain = `aurora-${++shops}.myshopify.com`;
  await prisma.shop.create({ data: { domain, installed: true, ianaTimezone: "America/Sao_Paulo", ...data } });
  return domain;
}

/** What the ledger holds for one shop: a receivable by GID, and the types of its events, oldest first. */
export function ledgerOf(prisma: PrismaClient, shop: string) {
  return {
    receivable: (gid: string) => prisma.receivable.findUniqueOrThrow({ where: { shopDomain_resourceGid: { shopDomain: shop, resourceGid: gid } } }),
    eventTypes: async (gid: string) =>
      (await prisma.receivableEvent.findMany({ where: { shopDomain: shop, receivable: { resourceGid: gid } }, orderBy: [{ createdAt: "asc" }] })).map(
        (e) => e.type,
      ),
  };
}

export type Ledger = ReturnType<typeof ledgerOf>;
