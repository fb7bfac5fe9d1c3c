import type {
  CreatePaymentTermsMutation,
  FixedPaymentTermsTemplateQuery,
  OrderPaymentSchedulesQuery,
  PaymentTermsOwnerQuery,
  SendPaymentReminderMutation,
  UpdatePaymentTermsMutation,
} from "../../types/admin.generated";
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

const FIXED_PAYMENT_TERMS_TEMPLATE = `#graphql
  query FixedPaymentTermsTemplate {
    paymentTermsTemplates(paymentTermsType: FIXED) { id }
  }
`;

const UPDATE_PAYMENT_TERMS = `#graphql
  mutation UpdatePaymentTerms($input: PaymentTermsUpdateInput!) {
    paymentTermsUpdate(input: $input) {
      paymentTerms { id }
      userErrors { field message code }
    }
  }
`;

const CREATE_PAYMENT_TERMS = `#graphql
  mutation CreatePaymentTerms($referenceId: ID!, $attrs: PaymentTermsCreateInput!) {
    paymentTermsCreate(referenceId: $referenceId, paymentTermsAttributes: $attrs) {
      paymentTerms { id }
      userErrors { field message code }
    }
  }
`;

export interface NewDueDate {
  /** The order or draft order whose terms change. */
  ownerGid: string;
  /** Its current terms' numeric id, or null when it has none (then they are created). */
  paymentTermsId: string | null;
  dueAt: Date;
}

/**
 * Moves an order's (or draft order's) due date: its terms become Shopify's fixed terms ("due on a
 * date"), the template read from paymentTermsTemplates, with one schedule due at `dueAt` —
 * paymentTermsUpdate on the terms it has, paymentTermsCreate where it has none. Shopify's refusal
 * ("Cannot create payment terms on an Order that has already been paid in full.", …) is a
 * ShopifyUserError in its words. Returns the terms' GID.
 */
export async function setPaymentTermsDueDate(graphql: AdminGraphql, change: NewDueDate): Promise<string> {
  const templates = await runAdminOperation<FixedPaymentTermsTemplateQuery>(graphql, "FixedPaymentTermsTemplate", FIXED_PAYMENT_TERMS_TEMPLATE);
  const template = templates.paymentTermsTemplates[0];
  if (!template) throw new ShopifyUserError("paymentTermsTemplates", [{ field: null, message: "Shopify offers no payment terms due on a fixed date" }]);
  const attrs = { paymentTermsTemplateId: template.id, paymentSchedules: [{ dueAt: change.dueAt.toISOString() }] };
  if (change.paymentTermsId) {
    // Setting the same terms again has the same effect: safe to retry after a server error.
    const data = await runAdminOperation<UpdatePaymentTermsMutation>(
      graphql,
      "UpdatePaymentTerms",
      UPDATE_PAYMENT_TERMS,
      { input: { paymentTermsId: `gid://shopify/PaymentTerms/${change.paymentTermsId}`, paymentTermsAttributes: attrs } },
      { repeatable: true },
    );
    const payload = data.paymentTermsUpdate;
    if (!payload?.paymentTerms || payload.userErrors.length) throw new ShopifyUserError("paymentTermsUpdate", payload?.userErrors ?? []);
    return payload.paymentTerms.id;
  }
  const data = await runAdminOperation<CreatePaymentTermsMutation>(graphql, "CreatePaymentTerms", CREATE_PAYMENT_TERMS, {
    referenceId: change.ownerGid,
    attrs,
  });
  const payload = data.paymentTermsCreate;
  if (!payload?.paymentTerms || payload.userErrors.length) throw new ShopifyUserError("paymentTermsCreate", payload?.userErrors ?? []);
  return payload.paymentTerms.id;
}
