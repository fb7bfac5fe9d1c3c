import { GraphQLError } from "graphql";
import { OperationError } from "../operations-common";
import { createPaymentTerms, deletePaymentTerms, updatePaymentTerms } from "../payment-terms-operations";
import { orderOutstanding, TERMS_TEMPLATES } from "../order-math";
import { sendOrderInvoice, sendPaymentReminder } from "../sending";
import { recordPayment } from "../operations";
import { fromDecimal } from "../money";
import { parseGid } from "../ids";
import type { DraftOrder, Order, PaymentTerms, ShopState } from "../state";
import { idOf, userError, type ResolverMap } from "./common";

// Order-side mutations. Refusals are worded, coded and placed (field: null) as live Shopify's
// answers in conformance/ (payment-reminder-send-*, payment-terms-*, orderInvoiceSend-*).

const CREATE = "PAYMENT_TERMS_CREATION_UNSUCCESSFUL";
const UPDATE = "PAYMENT_TERMS_UPDATE_UNSUCCESSFUL";
const DELETE = "PAYMENT_TERMS_DELETE_UNSUCCESSFUL";
const REMINDER = "PAYMENT_REMINDER_SEND_UNSUCCESSFUL";

const refused = (code: string, e: unknown) => {
  if (e instanceof OperationError) return [userError(null, e.message, code)];
  throw e;
};

/** A gid of another resource than the argument names: Shopify answers with a top-level error. */
const resourceNotFound = (message: string) => new GraphQLError(message, { extensions: { code: "RESOURCE_NOT_FOUND" } });

interface ScheduleInput {
  issuedAt?: string | null;
  dueAt?: string | null;
}
interface TermsAttributes {
  paymentTermsTemplateId?: string | null;
  paymentSchedules?: ScheduleInput[] | null;
}

const scheduleIn = (attrs: TermsAttributes) => {
  const s = attrs.paymentSchedules?.[0];
  return s ? { dueAt: s.dueAt ? new Date(s.dueAt) : null, issuedAt: s.issuedAt ? new Date(s.issuedAt) : null } : undefined;
};

const paidInFull = (owner: Order | DraftOrder) => "token" in owner && !owner.cancelledAt && orderOutstanding(owner) === 0;

/**
 * Shopify's checks on the terms asked for, in the order it makes them; the template id found.
 * An update that names no schedule keeps the current dates (not captured: the double's choice).
 */
function termsProblem(attrs: TermsAttributes, current: PaymentTerms | null): { problem: string } | { templateId: number } {
  const schedules = attrs.paymentSchedules ?? [];
  if (schedules.length > 1) return { problem: "Cannot create payment terms with multiple payment schedules." };
  const templateId = attrs.paymentTermsTemplateId ? idOf(attrs.paymentTermsTemplateId, "PaymentTermsTemplate") : current?.templateId;
  const template = TERMS_TEMPLATES.find((t) => t.id === templateId);
  if (!template) return { problem: "Could not find payment terms template." };
  const [s] = schedules;
  if (!s && current) return { templateId: template.id };
  if (template.type === "FIXED" && !s?.dueAt) return { problem: "A due date is required with fixed or net payment terms." };
  if (template.type === "NET" && !s?.dueAt && !s?.issuedAt) return { problem: "A due date is required with fixed or net payment terms." };
  if ((template.type === "RECEIPT" || template.type === "FULFILLMENT") && s?.dueAt) return { problem: "A due date cannot be set with event payment terms." };
  return { templateId: template.id };
}

function ownerOf(shop: ShopState, terms: PaymentTerms) {
  return terms.owner.kind === "order" ? shop.orders.get(terms.owner.id) : shop.draftOrders.get(terms.owner.id);
}

function findReference(shop: ShopState, referenceId: string): { owner: Order | DraftOrder } | { problem: string } {
  const ref = parseGid(referenceId);
  const owner = ref?.type === "Order" ? shop.orders.get(ref.id) : ref?.type === "DraftOrder" ? shop.draftOrders.get(ref.id) : undefined;
  if (owner) return { owner };
  const label = ref?.type === "DraftOrder" ? "Draft order" : (ref?.type ?? "Order");
  return { problem: `Cannot find the specific ${label} with id ${ref?.id ?? referenceId}.` };
}

export const orderMutationResolvers: ResolverMap = {
  Mutation: {
    orderInvoiceSend: (_s, { id, email }, { world, shop }) => {
      const o = shop.orders.get(idOf(id, "Order") ?? -1);
      // Not captured from Shopify: the wording for an order that does not exist.
      if (!o) return { order: null, userErrors: [userError(["id"], "Order does not exist", "ORDER_INVOICE_SEND_UNSUCCESSFUL")] };
      try {
        sendOrderInvoice(world, shop, o, email);
        return { order: o, userErrors: [] };
      } catch (e) {
        return { order: null, userErrors: refused("ORDER_INVOICE_SEND_UNSUCCESSFUL", e) };
      }
    },
    // The success is live Shopify's (conformance 2026-04/payments/payment-terms-update-order-eligibility:
    // displayFinancialStatus PAID, a manual sale for the balance). Not captured: the refusals' wording.
    orderMarkAsPaid: (_s, { input }, { world, shop }) => {
      const o = shop.orders.get(idOf(input.id, "Order") ?? -1);
      if (!o) return { order: null, userErrors: [userError(["id"], "Order does not exist")] };
      try {
        recordPayment(world, shop, o, "full");
        return { order: o, userErrors: [] };
      } catch (e) {
        if (e instanceof OperationError) return { order: o, userErrors: [userError(null, e.message)] };
        throw e;
      }
    },
    // Not captured from Shopify: the refusals' wording. A payment in another currency than the order's is refused.
    orderCreateManualPayment: (_s, { id, amount }, { world, shop }) => {
      const o = shop.orders.get(idOf(id, "Order") ?? -1);
      if (!o) return { order: null, userErrors: [userError(["id"], "Order does not exist")] };
      if (amount && amount.currencyCode !== o.presentmentCurrency)
        return { order: null, userErrors: [userError(["amount"], "Currency must match the order's currency")] };
      try {
        recordPayment(world, shop, o, amount ? fromDecimal(amount.amount) : "full");
        return { order: o, userErrors: [] };
      } catch (e) {
        if (e instanceof OperationError) return { order: null, userErrors: [userError(null, e.message)] };
        throw e;
      }
    },
    paymentReminderSend: (_s, { paymentScheduleId }, { world, shop }) => {
      const ref = parseGid(paymentScheduleId);
      if (ref?.type !== "PaymentSchedule") throw resourceNotFound("invalid id");
      const hit = shop.scheduleById(ref.id);
      if (!hit) return { success: null, userErrors: [userError(null, "Payment schedule does not exist", REMINDER)] };
      try {
        sendPaymentReminder(world, shop, hit.terms, hit.schedule);
        return { success: true, userErrors: [] };
      } catch (e) {
        return { success: null, userErrors: refused(REMINDER, e) };
      }
    },
    paymentTermsCreate: (_s, { referenceId, paymentTermsAttributes: attrs }, { world, shop }) => {
      const fail = (message: string) => ({ paymentTerms: null, userErrors: [userError(null, message, CREATE)] });
      const ref = findReference(shop, referenceId);
      if ("problem" in ref) return fail(ref.problem);
      const terms = termsProblem(attrs, null);
      if ("problem" in terms) return fail(terms.problem);
      if (paidInFull(ref.owner)) return fail("Cannot create payment terms on an Order that has already been paid in full.");
      try {
        return { paymentTerms: createPaymentTerms(world, shop, ref.owner, terms.templateId, scheduleIn(attrs)), userErrors: [] };
      } catch (e) {
        return { paymentTerms: null, userErrors: refused(CREATE, e) };
      }
    },
    paymentTermsUpdate: (_s, { input }, { world, shop }) => {
      const fail = (message: string) => ({ paymentTerms: null, userErrors: [userError(null, message, UPDATE)] });
      const existing = shop.paymentTermsById(idOf(input.paymentTermsId, "PaymentTerms") ?? -1);
      const owner = existing && ownerOf(shop, existing);
      if (!existing || !owner) return fail("Could not find payment terms.");
      const attrs: TermsAttributes = input.paymentTermsAttributes;
      const terms = termsProblem(attrs, existing);
      if ("problem" in terms) return fail(terms.problem);
      if (paidInFull(owner)) return fail("Cannot create payment terms on an Order that has already been paid in full.");
      try {
        return { paymentTerms: updatePaymentTerms(world, shop, existing, terms.templateId, scheduleIn(attrs)), userErrors: [] };
      } catch (e) {
        return { paymentTerms: null, userErrors: refused(UPDATE, e) };
      }
    },
    paymentTermsDelete: (_s, { input }, { world, shop }) => {
      const ref = parseGid(input.paymentTermsId);
      if (ref?.type !== "PaymentTerms") throw resourceNotFound(`Invalid id: ${input.paymentTermsId}`);
      const terms = shop.paymentTermsById(ref.id);
      if (!terms) return { deletedId: null, userErrors: [userError(null, "Could not find payment terms.", DELETE)] };
      deletePaymentTerms(world, shop, terms);
      return { deletedId: input.paymentTermsId, userErrors: [] };
    },
  },
};
