import { gid } from "./ids";
import { toDecimal } from "./money";
import { draftTotal, orderOutstanding } from "./order-math";
import { draftOrderPayload, invoiceUrl, orderPayload } from "./payloads";
import type { DraftOrder, Order, PaymentSchedule, PaymentTerms, ShopState } from "./state";
import type { World } from "./world";
import { OperationError } from "./operations";

// The three emails Shopify sends for the app. Each check mirrors a refusal Shopify gives; the
// email is recorded in the mailbox instead of leaving the machine.

export interface EmailInput { to?: string | null; from?: string | null; subject?: string | null; customMessage?: string | null; bcc?: string[] | null }

const orderLink = (shop: ShopState, o: Order) => orderPayload(shop, o).order_status_url;

function recipient(input: EmailInput | null | undefined, fallback: string | null) {
  const to = input?.to ?? fallback;
  if (!to) throw new OperationError("To can't be blank");
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) throw new OperationError("To is invalid");
  return to;
}

export function sendOrderInvoice(w: World, shop: ShopState, o: Order, input?: EmailInput | null) {
  if (o.cancelledAt) throw new OperationError("Order has been cancelled");
  if (orderOutstanding(o) === 0) throw new OperationError("Order has already been paid");
  const to = recipient(input, o.email);
  return w.mailbox.record({
    kind: "order_invoice", shop: shop.info.domain, to, from: input?.from ?? shop.info.email, bcc: input?.bcc ?? [],
    subject: input?.subject ?? `Invoice for order ${o.name}`, customMessage: input?.customMessage ?? null,
    link: orderLink(shop, o), resourceId: gid("Order", o.id), sentAt: w.clock.now().toISOString(),
  });
}

export function sendDraftInvoice(w: World, shop: ShopState, d: DraftOrder, input?: EmailInput | null) {
  if (d.status === "COMPLETED") throw new OperationError("Draft order has been paid");
  const to = recipient(input, d.email);
  const mail = w.mailbox.record({
    kind: "draft_order_invoice", shop: shop.info.domain, to, from: input?.from ?? shop.info.email, bcc: input?.bcc ?? [],
    subject: input?.subject ?? draftSubject(shop, d), customMessage: input?.customMessage ?? null,
    link: invoiceUrl(shop, d), resourceId: gid("DraftOrder", d.id), sentAt: w.clock.now().toISOString(),
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

export function sendPaymentReminder(w: World, shop: ShopState, terms: PaymentTerms, s: PaymentSchedule) {
  if (s.completedAt) throw new OperationError("Payment reminder could not be sent");
  if (terms.owner.kind !== "order") throw new OperationError("Payment reminder could not be sent");
  const o = shop.orders.get(terms.owner.id)!;
  if (o.cancelledAt || orderOutstanding(o) === 0 || !o.email) throw new OperationError("Payment reminder could not be sent");
  return w.mailbox.record({
    kind: "payment_reminder", shop: shop.info.domain, to: o.email, from: shop.info.email, bcc: [],
    subject: `Payment reminder for order ${o.name}`, customMessage: null, link: orderLink(shop, o),
    resourceId: gid("PaymentSchedule", s.id), sentAt: w.clock.now().toISOString(),
  });
}
