import type { OrderPaymentSchedulesQuery, PaymentTermsOwnerQuery, SendPaymentReminderMutation } from "../../types/admin.generated";
import { runAdminOperation, ShopifyUserError, type AdminGraphql } from "./admin-graphql.server";

// payment_terms/* bodies don't say whose terms they are: ask Shopify.
const PAYMENT_TERMS_OWNER = `#graphql
  query PaymentTermsOwner($id: ID!) {
    node(id: $id) {
      ... on PaymentTerms {
        order { id }
        draftOrder { id }
      }
    }
  }
`;

export async function fetchPaymentTermsOwner(graphql: AdminGraphql, termsId: string): Promise<{ orderGid: string | null; draftOrderGid: string | null }> {
  const data = await runAdminOperation<PaymentTermsOwnerQuery>(graphql, "PaymentTermsOwner", PAYMENT_TERMS_OWNER, {
    id: `gid://shopify/PaymentTerms/${termsId}`,
  });
  const node = data.node as { order?: { id: string } | null; draftOrder?: { id: string } | null } | null;
  return { orderGid: node?.order?.id ?? null, draftOrderGid: node?.draftOrder?.id ?? null };
}

const ORDER_PAYMENT_SCHEDULES = `#graphql
  query OrderPaymentSchedules($id: ID!) {
    order(id: $id) {
      paymentTerms { paymentSchedules(first: 10) { nodes { id completedAt } } }
    }
  }
`;

const SEND_PAYMENT_REMINDER = `#graphql
  mutation SendPaymentReminder($paymentScheduleId: ID!) {
    paymentReminderSend(paymentScheduleId: $paymentScheduleId) {
      success
      userErrors { field message code }
    }
  }
`;

/**
 * Shopify's own payment reminder email for the order's first unpaid payment
 * schedule (Shopify's wording, its payment link). A refusal ("Payment schedule
 * is already completed", …) is a ShopifyUserError in Shopify's words.
 */
export async function sendPaymentReminder(graphql: AdminGraphql, orderGid: string): Promise<void> {
  const read = await runAdminOperation<OrderPaymentSchedulesQuery>(graphql, "OrderPaymentSchedules", ORDER_PAYMENT_SCHEDULES, { id: orderGid });
  const schedule = read.order?.paymentTerms?.paymentSchedules.nodes.find((s) => !s.completedAt);
  if (!schedule) throw new ShopifyUserError("paymentReminderSend", [{ field: null, message: "The order has no unpaid payment schedule to remind about" }]);
  const data = await runAdminOperation<SendPaymentReminderMutation>(graphql, "SendPaymentReminder", SEND_PAYMENT_REMINDER, { paymentScheduleId: schedule.id });
  const payload = data.paymentReminderSend;
  if (!payload?.success || payload.userErrors.length) throw new ShopifyUserError("paymentReminderSend", payload?.userErrors ?? []);
}
