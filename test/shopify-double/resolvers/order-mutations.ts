import { createPaymentTerms, deletePaymentTerms, OperationError, updatePaymentTerms } from "../operations";
import { sendOrderInvoice, sendPaymentReminder } from "../sending";
import { parseGid } from "../ids";
import { idOf, userError, type ResolverMap } from "./common";

const fail = (code: string, field: string[] | null, e: unknown) => {
  if (e instanceof OperationError) return [userError(field, e.message, code)];
  throw e;
};

const schedulesIn = (attrs: any) => {
  const s = attrs?.paymentSchedules?.[0];
  return s ? { dueAt: s.dueAt ? new Date(s.dueAt) : null, issuedAt: s.issuedAt ? new Date(s.issuedAt) : null } : undefined;
};

export const orderMutationResolvers: ResolverMap = {
  Mutation: {
    orderInvoiceSend: (_s, { id, email }, { world, shop }) => {
      const o = shop.orders.get(idOf(id, "Order") ?? -1);
      if (!o) return { order: null, userErrors: [userError(["id"], "Order does not exist", "ORDER_INVOICE_SEND_UNSUCCESSFUL")] };
      try {
        sendOrderInvoice(world, shop, o, email);
        return { order: o, userErrors: [] };
      } catch (e) {
        return { order: null, userErrors: fail("ORDER_INVOICE_SEND_UNSUCCESSFUL", null, e) };
      }
    },
    paymentReminderSend: (_s, { paymentScheduleId }, { world, shop }) => {
      const hit = shop.scheduleById(idOf(paymentScheduleId, "PaymentSchedule") ?? -1);
      if (!hit) return { success: null, userErrors: [userError(["paymentScheduleId"], "Payment schedule does not exist", "PAYMENT_REMINDER_SEND_UNSUCCESSFUL")] };
      try {
        sendPaymentReminder(world, shop, hit.terms, hit.schedule);
        return { success: true, userErrors: [] };
      } catch (e) {
        return { success: null, userErrors: fail("PAYMENT_REMINDER_SEND_UNSUCCESSFUL", null, e) };
      }
    },
    paymentTermsCreate: (_s, { referenceId, paymentTermsAttributes }, { world, shop }) => {
      const ref = parseGid(referenceId);
      const owner = ref?.type === "Order" ? shop.orders.get(ref.id) : ref?.type === "DraftOrder" ? shop.draftOrders.get(ref.id) : undefined;
      if (!owner) return { paymentTerms: null, userErrors: [userError(["referenceId"], "Reference does not exist", "PAYMENT_TERMS_CREATION_UNSUCCESSFUL")] };
      const tpl = idOf(paymentTermsAttributes.paymentTermsTemplateId, "PaymentTermsTemplate");
      try {
        return { paymentTerms: createPaymentTerms(world, shop, owner, tpl ?? -1, schedulesIn(paymentTermsAttributes)), userErrors: [] };
      } catch (e) {
        return { paymentTerms: null, userErrors: fail("PAYMENT_TERMS_CREATION_UNSUCCESSFUL", null, e) };
      }
    },
    paymentTermsUpdate: (_s, { input }, { world, shop }) => {
      const terms = shop.paymentTermsById(idOf(input.paymentTermsId, "PaymentTerms") ?? -1);
      if (!terms) return { paymentTerms: null, userErrors: [userError(["input", "paymentTermsId"], "Payment terms do not exist", "PAYMENT_TERMS_UPDATE_UNSUCCESSFUL")] };
      const attrs = input.paymentTermsAttributes;
      const tpl = attrs.paymentTermsTemplateId ? idOf(attrs.paymentTermsTemplateId, "PaymentTermsTemplate") ?? -1 : null;
      try {
        return { paymentTerms: updatePaymentTerms(world, shop, terms, tpl, schedulesIn(attrs)), userErrors: [] };
      } catch (e) {
        return { paymentTerms: null, userErrors: fail("PAYMENT_TERMS_UPDATE_UNSUCCESSFUL", null, e) };
      }
    },
    paymentTermsDelete: (_s, { input }, { world, shop }) => {
      const terms = shop.paymentTermsById(idOf(input.paymentTermsId, "PaymentTerms") ?? -1);
      if (!terms) return { deletedId: null, userErrors: [userError(["input", "paymentTermsId"], "Payment terms do not exist", "PAYMENT_TERMS_DELETE_UNSUCCESSFUL")] };
      deletePaymentTerms(world, shop, terms);
      return { deletedId: input.paymentTermsId, userErrors: [] };
    },
  },
};
