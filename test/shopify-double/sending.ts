import { DAY_MS } from "./clock";
import { gid } from "./ids";
import { toDecimal } from "./money";
import { draftTotal, isOverdue, orderOutstanding } from "./order-math";
import { draftOrderPayload, invoiceUrl, orderPayload } from "./order-payloads";
import type { DraftOrder, Order, PaymentSchedule, PaymentTerms, ShopState } from "./state";
import type { World } from "./world";
import { OperationError } from "./operations-common";
import { takeRefusal } from "./send-refusals";

// The three emails Shopify sends for the app. Each refusal is worded as live Shopify words it
// (conformance/: orderInvoiceSend-email-validation, draft-order-invoice-send-*, payment-reminder-
// send-*); the email is recorded in the mailbox instead of leaving the machine. A test may have
// Shopify refuse the next sends on purpose (send-refusals.ts).

export interface EmailInput {
  to?: string | null;
  from?: string | null;
  subject?: string | null;
  customMessage?: string | null;
  bcc?: string[] | null;
}

/** A refusal with every reason Shopify gives at once (draftOrderInvoiceSend lists them all). */
export class SendRefused extends Error {
  constructor(public reasons: string[]) {
    super(reasons.join(" "));
  }
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const orderLink = (shop: ShopState, o: Order) => orderPayload(shop, o).order_status_url;

export function sendOrderInvoice(w: World, shop: ShopState, o: Order, input?: EmailInput | null) {
  const asked = takeRefusal(w, "orderInvoiceSend");
  if (asked) throw new OperationError(asked);
  // Not captured from Shopify: the double refuses to invoice a cancelled or settled order.
  if (o.cancelledAt) throw new OperationError("Order has been cancelled");
  if (orderOutstanding(o) === 0) throw new OperationError("Order has already been paid");
  const to = input?.to ?? o.email;
  if (!to) throw new OperationError("No recipient email address was provided");
  if (!EMAIL.test(to)) throw new OperationError("To is invalid");
  return w.mailbox.record({
    kind: "order_invoice",
    shop: shop.info.domain,
    to,
    from: input?.from ?? shop.info.email,
    bcc: input?.bcc ?? [],
    subject: input?.subject ?? `Invoice for order ${o.name}`,
    customMessage: input?.customMessage ?? null,
    link: orderLink(shop, o),
    resourceId: gid("Order", o.id),
    sentAt: w.clock.now().toISOString(),
  });
}

export function sendDraftInvoice(w: World, shop: ShopState, d: DraftOrder, input?: EmailInput | null) {
  const asked = takeRefusal(w, "draftOrderInvoiceSend");
  if (asked) throw new SendRefused([asked]);
  const to = input?.to ?? d.email;
  const reasons = [];
  if (!to) reasons.push("To can't be blank");
  else if (!EMAIL.test(to)) reasons.push("To is invalid");
  if (d.status === "COMPLETED") reasons.push("Draft order Invoice can't be sent. This draft order is already paid.");
  if (reasons.length || !to) throw new SendRefused(reasons);
  const mail = w.mailbox.record({
    kind: "draft_order_invoice",
    shop: shop.info.domain,
    to,
    from: input?.from ?? shop.info.email,
    bcc: input?.bcc ?? [],
    subject: input?.subject ?? draftSubject(shop, d),
    customMessage: input?.customMessage ?? null,
    link: invoiceUrl(shop, d),
    resourceId: gid("DraftOrder", d.id),
    sentAt: w.clock.now().toISOString(),
  });
  d.status = "INVOICE_SENT";
  d.invoiceSentAt = d.updatedAt = w.clock.now();
  w.webhooks.emit(shop, "draft_orders/update", draftOrderPayload(shop, d));
  return mail;
}

export const draftSubject = (shop: ShopState, d: DraftOrder) => `Invoice ${d.name}`;

export function previewDraftInvoice(shop: ShopState, d: DraftOrder, input?: EmailInput | null) {
  const subject = input?.subject ?? draftSubject(shop, d);
  const message = input?.customMessage ? `<p>${input.customMessage.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` : "";
  const html = `<html><body><h1>${shop.info.name}</h1>${message}<p>Total: ${toDecimal(draftTotal(d))} ${d.currency}</p><p><a href="${invoiceUrl(shop, d)}">Complete your purchase</a></p></body></html>`;
  return { subject, html };
}

/** Why Shopify would not send a reminder for this schedule now, in its words; null when it would. */
export function reminderRefusal(w: World, shop: ShopState, terms: PaymentTerms, s: PaymentSchedule): string | null {
  if (s.completedAt) return "Payment schedule is already completed";
  const o = terms.owner.kind === "order" ? shop.orders.get(terms.owner.id) : undefined;
  if (!o) return "Payment schedule is not for an Order";
  if (!o.cancelledAt && orderOutstanding(o) === 0) return "Payment schedule is already completed";
  if (!o.email?.trim()) return "Order does not have a contact email";
  // Closed, cancelled or not yet overdue: Shopify gives no detail.
  if (o.closedAt || o.cancelledAt || !isOverdue(terms, w.clock.now())) return "Payment reminder could not be sent";
  const last = shop.paymentRemindersSentAt.get(o.id);
  if (last && w.clock.now().getTime() - last.getTime() < DAY_MS) {
    return "You cannot send more than 1 payment reminders for the same order in a 24hour period";
  }
  return null;
}

export function sendPaymentReminder(w: World, shop: ShopState, terms: PaymentTerms, s: PaymentSchedule) {
  const refusal = takeRefusal(w, "paymentReminderSend") ?? reminderRefusal(w, shop, terms, s);
  if (refusal) throw new OperationError(refusal);
  const o = shop.orders.get(terms.owner.id)!;
  shop.paymentRemindersSentAt.set(o.id, w.clock.now());
  return w.mailbox.record({
    kind: "payment_reminder",
    shop: shop.info.domain,
    to: o.email!,
    from: shop.info.email,
    bcc: [],
    subject: `Payment reminder for order ${o.name}`,
    customMessage: null,
    link: orderLink(shop, o),
    resourceId: gid("PaymentSchedule", s.id),
    sentAt: w.clock.now().toISOString(),
  });
}
