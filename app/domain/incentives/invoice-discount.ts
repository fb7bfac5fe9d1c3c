// A settlement discount taken off an open invoiced draft order (issue #10): "we have taken 5% off
// invoice #D9 if it is settled by <date>". Pure: what the shop's limits allow on that invoice, the
// discount Shopify's draftOrderUpdate takes, and the clause a letter carries. The same limits as a
// code for the next order (settlement-discount.ts), judged on this debt: how late it is, and, for
// an amount, what it still owes. The draft itself is changed by
// app/.server/incentives/invoice-discounts.server.ts.
import type { IncentiveLimits } from "./limits";
import type { LetterLocale } from "../letters/types";
import { formatAmount } from "../letters/values";
import { checkSettlementDiscount, type DiscountCheck, type DiscountRequest, type SettlementDiscount } from "./settlement-discount";

export interface InvoiceFacts {
  /** Whole days the draft's invoice is overdue (0 when it is not yet). */
  daysOverdue: number;
  /** What the draft still owes in the currency it was billed in, an exact decimal. */
  owed: string;
  /** Whether the draft was billed in the shop's currency: Shopify's fixed discounts are in it. */
  billedInShopCurrency: boolean;
  timeZone: string;
}

/** Whether the shop's limits allow this discount on this invoice now, and if so its value and end. */
export function checkInvoiceDiscount(limits: IncentiveLimits, facts: InvoiceFacts, request: DiscountRequest, now: Date): DiscountCheck {
  if (request.kind === "amount" && !facts.billedInShopCurrency) {
    return { ok: false, field: "amount", problem: { code: "amountNeedsShopCurrency" } };
  }
  const owedInShopCurrency = facts.billedInShopCurrency ? facts.owed : "0";
  return checkSettlementDiscount(limits, { daysOverdue: facts.daysOverdue, owedInShopCurrency, timeZone: facts.timeZone }, request, now);
}

/** The order-level discount Shopify's DraftOrderAppliedDiscountInput takes: a percentage as 5 for 5%, an amount in the shop's currency. */
export function appliedDiscountInput(discount: SettlementDiscount, shopCurrency: string, description: string) {
  const title = "Settlement discount";
  if (discount.percentage !== null) {
    // Whole percentages only (checkSettlementDiscount): "0.05" is exactly 5.
    return { title, description, valueType: "PERCENTAGE" as const, value: Math.round(Number(discount.percentage) * 100) };
  }
  const amount = discount.amount!;
  return { title, description, valueType: "FIXED_AMOUNT" as const, value: Number(amount), amountWithCurrency: { amount, currencyCode: shopCurrency } };
}

export interface InvoiceOfferWording {
  discount: SettlementDiscount;
  /** The draft order's name, as on its invoice: "#D9". */
  invoice: string;
  /** The shop's currency, for a fixed amount. */
  currency: string;
  timeZone: string;
  formatTag: string;
}

/** How a letter says it, as a clause its template completes ("Good news, too: {{offer}}."). */
export function invoiceOfferClause(locale: LetterLocale, wording: InvoiceOfferWording): string {
  const { discount, invoice, currency, timeZone, formatTag } = wording;
  const day = new Intl.DateTimeFormat(formatTag, { day: "numeric", month: "long", timeZone }).format(discount.endsAt);
  const percent = discount.percentage === null ? null : `${Math.round(Number(discount.percentage) * 100)}`;
  const amount = discount.amount === null ? null : formatAmount(discount.amount, currency, formatTag);
  switch (locale) {
    case "pt-BR":
      return `tiramos ${percent ? `${percent}%` : amount} da fatura ${invoice} para pagamento até ${day}, e o valor acima já tem o desconto`;
    case "es":
      return `te descontamos ${percent ? `un ${percent} %` : amount} de la factura ${invoice} si la pagas hasta el ${day}, y el importe de arriba ya lo incluye`;
    default:
      return `we have taken ${percent ? `${percent}%` : amount} off invoice ${invoice} if it is settled by ${day}, and the amount above already includes it`;
  }
}
