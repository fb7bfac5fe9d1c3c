import { DAY_MS } from "./clock";
import { draftTotal, orderOutstanding, TERMS_TEMPLATES } from "./order-math";
import { now, OperationError, touch } from "./operations-common";
import { draftOrderPayload, orderPayload } from "./order-payloads";
import { paymentSchedulePayload, paymentTermsPayload } from "./payloads";
import type { Cents } from "./money";
import type { DraftOrder, Order, PaymentTerms, ShopState } from "./state";
import type { World } from "./world";

// Payment terms and their schedules as Shopify keeps them: built from a template, created,
// replaced (same terms id, new schedule) or deleted on an order or draft order, and the
// payment_schedules/due webhook when the clock passes a due date.

export function buildTerms(
  shop: ShopState,
  owner: PaymentTerms["owner"],
  templateId: number,
  issuedAt: Date,
  amount: Cents,
  fixedDueAt?: Date | null,
): PaymentTerms {
  const tpl = TERMS_TEMPLATES.find((t) => t.id === templateId);
  if (!tpl) throw new OperationError("Payment terms template not found");
  if (tpl.type === "FIXED" && !fixedDueAt) throw new OperationError("A due date is required for fixed payment terms");
  const dueAt = tpl.type === "NET" ? new Date(issuedAt.getTime() + tpl.dueInDays! * DAY_MS) : tpl.type === "FIXED" ? fixedDueAt! : null;
  const id = shop.ids.take();
  return {
    id,
    templateId,
    name: tpl.type === "FIXED" ? "Fixed" : tpl.name,
    type: tpl.type,
    dueInDays: tpl.dueInDays,
    owner,
    createdAt: issuedAt,
    updatedAt: issuedAt,
    schedules: [{ id: shop.ids.take(), issuedAt, dueAt, completedAt: null, amount, createdAt: issuedAt, updatedAt: issuedAt, dueNotified: false }],
  };
}

function ownerOf(shop: ShopState, terms: PaymentTerms): Order | DraftOrder | undefined {
  return terms.owner.kind === "order" ? shop.orders.get(terms.owner.id) : shop.draftOrders.get(terms.owner.id);
}

function emitOwnerUpdated(w: World, shop: ShopState, owner: Order | DraftOrder) {
  if ("token" in owner) w.webhooks.emit(shop, "orders/updated", orderPayload(shop, owner));
  else w.webhooks.emit(shop, "draft_orders/update", draftOrderPayload(shop, owner));
}

export function createPaymentTerms(
  w: World,
  shop: ShopState,
  owner: Order | DraftOrder,
  templateId: number,
  schedule?: { dueAt?: Date | null; issuedAt?: Date | null },
) {
  if (owner.paymentTerms) throw new OperationError("Cannot create payment terms on an Order that already has payment terms");
  const isOrder = "token" in owner;
  const amount = isOrder ? orderOutstanding(owner as Order) : draftTotal(owner as DraftOrder);
  const issuedAt = schedule?.issuedAt ?? now(w);
  owner.paymentTerms = buildTerms(shop, { kind: isOrder ? "order" : "draftOrder", id: owner.id }, templateId, issuedAt, amount, schedule?.dueAt);
  owner.paymentTerms.createdAt = owner.paymentTerms.updatedAt = now(w);
  touch(w, owner);
  w.webhooks.emit(shop, "payment_terms/create", paymentTermsPayload(shop, owner.paymentTerms));
  emitOwnerUpdated(w, shop, owner);
  return owner.paymentTerms;
}

export function updatePaymentTerms(
  w: World,
  shop: ShopState,
  terms: PaymentTerms,
  templateId: number | null,
  schedule?: { dueAt?: Date | null; issuedAt?: Date | null },
) {
  const owner = ownerOf(shop, terms)!;
  const current = terms.schedules[0];
  // Shopify's words for an order paid in full (payment-terms-update-order-eligibility.json); the
  // resolver refuses such an order first, so this guards the draft orders the capture does not cover.
  if (current?.completedAt) throw new OperationError("Cannot create payment terms on an Order that has already been paid in full.");
  const issuedAt = schedule?.issuedAt ?? current?.issuedAt ?? now(w);
  const fresh = buildTerms(
    shop,
    terms.owner,
    templateId ?? terms.templateId,
    issuedAt,
    current?.amount ?? 0,
    schedule?.dueAt ?? (terms.type === "FIXED" ? current?.dueAt : null),
  );
  // Same terms id, new schedule: that is what the app sees from Shopify after an extension.
  Object.assign(terms, {
    templateId: fresh.templateId,
    name: fresh.name,
    type: fresh.type,
    dueInDays: fresh.dueInDays,
    updatedAt: now(w),
    schedules: fresh.schedules,
  });
  for (const s of terms.schedules) s.createdAt = s.updatedAt = now(w);
  touch(w, owner);
  w.webhooks.emit(shop, "payment_terms/update", paymentTermsPayload(shop, terms));
  emitOwnerUpdated(w, shop, owner);
  return terms;
}

export function deletePaymentTerms(w: World, shop: ShopState, terms: PaymentTerms) {
  const owner = ownerOf(shop, terms)!;
  owner.paymentTerms = null;
  touch(w, owner);
  w.webhooks.emit(shop, "payment_terms/delete", { id: terms.id });
  emitOwnerUpdated(w, shop, owner);
}

/** Fires payment_schedules/due for every open schedule whose due date the clock has passed. */
export function fireDueSchedules(w: World, shop: ShopState, opts: { silent?: boolean } = {}) {
  const at = now(w).getTime();
  let fired = 0;
  for (const owner of [...shop.orders.values(), ...shop.draftOrders.values()]) {
    const terms = owner.paymentTerms;
    if (!terms || ("cancelledAt" in owner && owner.cancelledAt)) continue;
    for (const s of terms.schedules) {
      if (s.dueNotified || s.completedAt || !s.dueAt || s.dueAt.getTime() > at) continue;
      s.dueNotified = true;
      fired++;
      if (!opts.silent) w.webhooks.emit(shop, "payment_schedules/due", paymentSchedulePayload(shop, terms, s));
    }
  }
  return fired;
}

export function advanceClock(w: World, ms: number) {
  w.clock.advance(ms);
  let fired = 0;
  for (const shop of w.store.shops.values()) fired += fireDueSchedules(w, shop);
  return { now: now(w).toISOString(), schedulesDue: fired };
}
