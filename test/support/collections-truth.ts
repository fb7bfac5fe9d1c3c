import type { ShopifyDouble } from "../shopify-double/index";
import { draftTotal, orderOutstanding, orderTotal } from "../shopify-double/order-math";
import { invoiceUrl, orderPayload } from "../shopify-double/order-payloads";
import type { Customer, ShopState } from "../shopify-double/state";

// What is true in the shop, read from the Shopify double's own records, never
// from Quita: who owes what, since when, until when, in which currency, where
// to pay. The collections simulation (test/e2e/collections-simulation.test.ts)
// judges every letter against this.

export const SHOP_ZONE = "America/Sao_Paulo";
const DAY_MS = 86_400_000;

export interface TrackedDebt {
  name: string;
  gid: string;
  kind: "order" | "draft_order";
  customer: Customer;
  /** When it fell due, as the merchant set it (terms, or the merchant's own invoice), fixed when first seen. */
  dueAt: Date | null;
  /** Its calendar day in the shop's zone, or null: no date yet (due on fulfillment). */
  dueDate: string | null;
}

/** YYYY-MM-DD and the weekday (0 = Sunday) and minutes since midnight of an instant in the shop's zone, by Intl alone. */
export function shopClock(at: Date): { date: string; weekday: number; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: SHOP_ZONE,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

export const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export class ShopTruth {
  readonly debts = new Map<string, TrackedDebt>();

  constructor(private readonly double: ShopifyDouble) {}

  get shop(): ShopState {
    return this.double.store.shop(this.double.shopDomain)!;
  }

  /** Every debt there is now and was not tracked yet: unpaid orders on terms or B2B (authorized ones too: they must never be chased), invoiced drafts. */
  track(): void {
    const shop = this.shop;
    for (const o of shop.orders.values()) {
      if (this.debts.has(o.name) || !o.customerId || (!o.paymentTerms && !o.company) || o.cancelledAt || orderOutstanding(o) === 0) continue;
      const dueAt = o.paymentTerms?.schedules.find((s) => !s.completedAt)?.dueAt ?? null;
      this.add(o.name, `gid://shopify/Order/${o.id}`, "order", o.customerId, dueAt);
    }
    for (const d of shop.draftOrders.values()) {
      if (this.debts.has(d.name) || !d.customerId || d.status !== "INVOICE_SENT") continue;
      this.add(d.name, `gid://shopify/DraftOrder/${d.id}`, "draft_order", d.customerId, d.paymentTerms?.schedules[0]?.dueAt ?? d.invoiceSentAt);
    }
  }

  private add(name: string, gid: string, kind: TrackedDebt["kind"], customerId: number, dueAt: Date | null) {
    const customer = this.shop.customers.get(customerId)!;
    this.debts.set(name, { name, gid, kind, customer, dueAt, dueDate: dueAt ? shopClock(dueAt).date : null });
  }

  debtsOf(customerId: number): TrackedDebt[] {
    return [...this.debts.values()].filter((d) => d.customer.id === customerId);
  }

  private order(debt: TrackedDebt) {
    return this.shop.orders.get(Number(debt.gid.split("/").pop()));
  }

  private draft(debt: TrackedDebt) {
    return this.shop.draftOrders.get(Number(debt.gid.split("/").pop()));
  }

  /** Money received by `at`, in the currency billed (cents). */
  private receivedBy(debt: TrackedDebt, at: Date): number {
    const o = this.order(debt)!;
    return o.transactions
      .filter((t) => t.status === "SUCCESS" && t.processedAt.getTime() <= at.getTime())
      .reduce((sum, t) => sum + (t.kind === "SALE" || t.kind === "CAPTURE" ? t.amount : t.kind === "REFUND" ? -t.amount : 0), 0);
  }

  /** When it stopped being a debt to chase: paid in full, cancelled, authorized (money secured), completed; null while still owed. */
  closedAt(debt: TrackedDebt): { at: Date; why: "paid" | "cancelled" | "authorized" } | null {
    if (debt.kind === "draft_order") {
      const d = this.draft(debt);
      return d?.completedAt ? { at: d.completedAt, why: "paid" } : null;
    }
    const o = this.order(debt)!;
    const ends: { at: Date; why: "paid" | "cancelled" | "authorized" }[] = [];
    if (o.cancelledAt) ends.push({ at: o.cancelledAt, why: "cancelled" });
    const authorization = o.transactions.find((t) => t.kind === "AUTHORIZATION" && t.status === "SUCCESS");
    if (authorization) ends.push({ at: authorization.processedAt, why: "authorized" });
    const paidAt = this.paidAt(debt);
    if (paidAt) ends.push({ at: paidAt, why: "paid" });
    return ends.sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;
  }

  /** When the last of it was paid (a sale or a capture), or null. */
  paidAt(debt: TrackedDebt): Date | null {
    if (debt.kind === "draft_order") return this.draft(debt)?.completedAt ?? null;
    const o = this.order(debt)!;
    const moments = o.transactions.filter((t) => t.kind === "SALE" || t.kind === "CAPTURE").map((t) => t.processedAt);
    return moments.find((at) => this.receivedBy(debt, at) >= orderTotal(o)) ?? null;
  }

  isOpen(debt: TrackedDebt, at: Date): boolean {
    const closed = this.closedAt(debt);
    return !closed || at.getTime() < closed.at.getTime();
  }

  /** What the customer still owed at `at`, in the currency billed, as a decimal string, and that currency. */
  owedAt(debt: TrackedDebt, at: Date): { amount: string; currency: string } {
    if (debt.kind === "draft_order") {
      const d = this.draft(debt)!;
      return { amount: decimal(draftTotal(d)), currency: d.currency };
    }
    const o = this.order(debt)!;
    return { amount: decimal(orderTotal(o) - this.receivedBy(debt, at)), currency: o.presentmentCurrency };
  }

  /** Where the customer pays: the order's status page, the draft's invoice. */
  paymentLink(debt: TrackedDebt): string {
    return debt.kind === "draft_order" ? invoiceUrl(this.shop, this.draft(debt)!) : orderPayload(this.shop, this.order(debt)!).order_status_url;
  }

  /** Paid late before `at` (a debt settled more than a day after it fell due), or late on more than one debt at `at`: the firmer cadence. */
  repeatLatePayer(customerId: number, at: Date): boolean {
    const debts = this.debtsOf(customerId);
    const paidLate = debts.some((d) => {
      const paid = this.paidAt(d);
      return Boolean(paid && d.dueAt && paid.getTime() <= at.getTime() && paid.getTime() > d.dueAt.getTime() + DAY_MS);
    });
    const overdue = debts.filter((d) => d.dueAt && d.dueAt.getTime() < at.getTime() && this.isOpen(d, at)).length;
    return paidLate || overdue > 1;
  }
}

const decimal = (cents: number) => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;
