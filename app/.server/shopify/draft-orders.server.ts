import type {
  CreateInstallmentDraftOrderMutation,
  DeleteDraftOrderMutation,
  DraftOrderDiscountQuery,
  SetDraftOrderDiscountMutation,
  DraftOrdersExistQuery,
  PreviewDraftOrderInvoiceMutation,
  ReceivableDraftOrdersQuery,
  SendDraftOrderInvoiceMutation,
} from "../../types/admin.generated";
import type { Amounts, ReceivableSnapshot } from "../../domain/ledger/snapshot";
import { money } from "../../domain/ledger/money";
import { isInstallmentDraft } from "../../domain/incentives/installments";
import { runAdminOperation, ShopifyUserError, type AdminGraphql } from "./admin-graphql.server";
import { companyRef, customerRef, termsOf, toMoney, type InvoiceEmail } from "./receivable-fields.server";

const RECEIVABLE_DRAFT_ORDERS = `#graphql
  query ReceivableDraftOrders($query: String!, $after: String) {
    draftOrders(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        name
        createdAt
        updatedAt
        status
        invoiceSentAt
        invoiceUrl
        completedAt
        email
        tags
        totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
        customer { id firstName lastName displayName locale defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
        purchasingEntity {
          __typename
          ... on PurchasingCompany { company { id name } location { id name } }
        }
        paymentTerms { id paymentTermsName paymentTermsType dueInDays paymentSchedules(first: 2) { nodes { dueAt completedAt } } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const DRAFT_ORDERS_EXIST = `#graphql
  query DraftOrdersExist($ids: [ID!]!) {
    nodes(ids: $ids) { ... on DraftOrder { id } }
  }
`;

/** `nodes(ids:)` takes at most 250 ids. */
const MAX_NODES = 250;

type DraftNode = ReceivableDraftOrdersQuery["draftOrders"]["nodes"][number];

/** Drafts not completed: backfill keeps those whose invoice was sent. */
export const OPEN_DRAFT_ORDERS = "status:open OR status:invoice_sent";

export function draftNodeSnapshot(node: DraftNode): ReceivableSnapshot {
  const completed = node.status === "COMPLETED" || Boolean(node.completedAt);
  const owed = (m: { amount: string; currencyCode: string }): Amounts => {
    const total = toMoney(m);
    return { total, outstanding: completed ? money("0", total.currency) : total };
  };
  const invoiceSentAt = node.invoiceSentAt ? new Date(node.invoiceSentAt as string) : null;
  const terms = termsOf(node.paymentTerms);
  return {
    resourceGid: node.id,
    kind: "draft_order",
    name: node.name,
    // An installment's draft is not a debt of its own: the agreement's original debt is (docs/decisions/016).
    collectible: invoiceSentAt !== null && !isInstallmentDraft(node.tags),
    status: completed ? "completed" : "open",
    customer: customerRef(node.customer, null, node.email ?? null),
    company: companyRef(node.purchasingEntity),
    billed: owed(node.totalPriceSet.presentmentMoney),
    billedOutstandingExact: true,
    shop: owed(node.totalPriceSet.shopMoney),
    terms,
    // An invoiced draft with no terms is due when its invoice went out.
    dueAt: terms ? terms.dueAt : invoiceSentAt,
    placedAt: new Date(node.createdAt as string),
    paymentUrl: (node.invoiceUrl as string | null) ?? null,
    updatedAt: new Date(node.updatedAt as string),
  };
}

export async function* listDraftOrders(graphql: AdminGraphql, query: string): AsyncGenerator<ReceivableSnapshot[]> {
  let after: string | null = null;
  do {
    const data: ReceivableDraftOrdersQuery = await runAdminOperation<ReceivableDraftOrdersQuery>(graphql, "ReceivableDraftOrders", RECEIVABLE_DRAFT_ORDERS, {
      query,
      after,
    });
    yield data.draftOrders.nodes.map(draftNodeSnapshot);
    after = data.draftOrders.pageInfo.hasNextPage ? (data.draftOrders.pageInfo.endCursor ?? null) : null;
  } while (after);
}

export async function fetchDraftOrder(graphql: AdminGraphql, id: string): Promise<ReceivableSnapshot | null> {
  // The paged query narrowed to one id: every read of a draft selects the same fields.
  const numericId = id.slice(id.lastIndexOf("/") + 1);
  for await (const page of listDraftOrders(graphql, `id:${numericId}`)) return page.find((draft) => draft.resourceGid === id) ?? null;
  return null;
}

/** Which of these draft orders Shopify no longer has: deletions leave no updated_at to find them by. */
export async function missingDraftOrders(graphql: AdminGraphql, gids: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < gids.length; i += MAX_NODES) {
    const ids = gids.slice(i, i + MAX_NODES);
    const data = await runAdminOperation<DraftOrdersExistQuery>(graphql, "DraftOrdersExist", DRAFT_ORDERS_EXIST, { ids });
    data.nodes.forEach((node, n) => {
      if (!node) missing.push(ids[n]!);
    });
  }
  return missing;
}

const SEND_DRAFT_ORDER_INVOICE = `#graphql
  mutation SendDraftOrderInvoice($id: ID!, $email: EmailInput!) {
    draftOrderInvoiceSend(id: $id, email: $email) {
      draftOrder { id }
      userErrors { field message }
    }
  }
`;

/** Shopify's draft-order invoice email (its checkout link), the letter as its custom message. */
export async function sendDraftOrderInvoice(graphql: AdminGraphql, draftOrderGid: string, email: InvoiceEmail): Promise<void> {
  const data = await runAdminOperation<SendDraftOrderInvoiceMutation>(graphql, "SendDraftOrderInvoice", SEND_DRAFT_ORDER_INVOICE, { id: draftOrderGid, email });
  const payload = data.draftOrderInvoiceSend;
  if (!payload || payload.userErrors.length) throw new ShopifyUserError("draftOrderInvoiceSend", payload?.userErrors ?? []);
}

const PREVIEW_DRAFT_ORDER_INVOICE = `#graphql
  mutation PreviewDraftOrderInvoice($id: ID!, $email: EmailInput) {
    draftOrderInvoicePreview(id: $id, email: $email) {
      previewSubject
      previewHtml
      userErrors { field message }
    }
  }
`;

/** Shopify's own invoice email for a draft, as it would send it with this letter as its custom message (nothing is sent). */
export async function previewDraftOrderInvoice(
  graphql: AdminGraphql,
  draftOrderGid: string,
  email: Partial<InvoiceEmail>,
): Promise<{ subject: string | null; html: string | null }> {
  const data = await runAdminOperation<PreviewDraftOrderInvoiceMutation>(graphql, "PreviewDraftOrderInvoice", PREVIEW_DRAFT_ORDER_INVOICE, {
    id: draftOrderGid,
    email,
  });
  const payload = data.draftOrderInvoicePreview;
  if (!payload || payload.userErrors.length) throw new ShopifyUserError("draftOrderInvoicePreview", payload?.userErrors ?? []);
  return { subject: (payload.previewSubject as string | null) ?? null, html: (payload.previewHtml as string | null) ?? null };
}

const CREATE_INSTALLMENT_DRAFT_ORDER = `#graphql
  mutation CreateInstallmentDraftOrder($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder { id name invoiceUrl }
      userErrors { field message }
    }
  }
`;

/** Who a draft order is for: a B2B company's contact at one of its locations, or a customer. */
export type DraftPurchaser =
  { kind: "company"; companyId: string; companyContactId: string; companyLocationId: string } | { kind: "customer"; customerId: string };

export interface CustomLineDraft {
  purchaser: DraftPurchaser;
  /** The custom line item's title, for the exact amount below. */
  title: string;
  amount: string;
  currency: string;
  note: string;
  tags: string[];
}

/** A draft order of one custom line for an exact amount in the currency billed; Shopify's refusal as ShopifyUserError. */
export async function createCustomLineDraftOrder(
  graphql: AdminGraphql,
  draft: CustomLineDraft,
): Promise<{ id: string; name: string; invoiceUrl: string | null }> {
  const { purchaser } = draft;
  const purchasingEntity =
    purchaser.kind === "company"
      ? { purchasingCompany: { companyId: purchaser.companyId, companyContactId: purchaser.companyContactId, companyLocationId: purchaser.companyLocationId } }
      : { customerId: purchaser.customerId };
  const input = {
    purchasingEntity,
    presentmentCurrencyCode: draft.currency,
    lineItems: [
      {
        title: draft.title,
        quantity: 1,
        originalUnitPriceWithCurrency: { amount: draft.amount, currencyCode: draft.currency },
        requiresShipping: false,
        taxable: false,
      },
    ],
    note: draft.note,
    tags: draft.tags,
  };
  const data = await runAdminOperation<CreateInstallmentDraftOrderMutation>(graphql, "CreateInstallmentDraftOrder", CREATE_INSTALLMENT_DRAFT_ORDER, { input });
  const payload = data.draftOrderCreate;
  if (!payload?.draftOrder || payload.userErrors.length) throw new ShopifyUserError("draftOrderCreate", payload?.userErrors ?? []);
  const { id, name, invoiceUrl } = payload.draftOrder;
  return { id, name, invoiceUrl: (invoiceUrl as string | null) ?? null };
}

const DELETE_DRAFT_ORDER = `#graphql
  mutation DeleteDraftOrder($input: DraftOrderDeleteInput!) {
    draftOrderDelete(input: $input) {
      deletedId
      userErrors { field message }
    }
  }
`;

/** Deletes a draft order Quita made and no longer wants (a plan Shopify refused half way); Shopify's refusal as ShopifyUserError. */
export async function deleteDraftOrder(graphql: AdminGraphql, draftOrderGid: string): Promise<void> {
  const data = await runAdminOperation<DeleteDraftOrderMutation>(graphql, "DeleteDraftOrder", DELETE_DRAFT_ORDER, { input: { id: draftOrderGid } });
  const payload = data.draftOrderDelete;
  if (!payload || payload.userErrors.length) throw new ShopifyUserError("draftOrderDelete", payload?.userErrors ?? []);
}

const SET_DRAFT_ORDER_DISCOUNT = `#graphql
  mutation SetDraftOrderDiscount($id: ID!, $input: DraftOrderInput!) {
    draftOrderUpdate(id: $id, input: $input) {
      draftOrder { id }
      userErrors { field message }
    }
  }
`;

const DRAFT_ORDER_DISCOUNT = `#graphql
  query DraftOrderDiscount($id: ID!) {
    draftOrder(id: $id) { id status appliedDiscount { title value valueType } }
  }
`;

export type DraftDiscountInput = {
  title: string;
  description: string;
  valueType: "PERCENTAGE" | "FIXED_AMOUNT";
  value: number;
  amountWithCurrency?: { amount: string; currencyCode: string };
};

/** The order-level discount a draft carries now (a merchant's own, or one Quita set), or null; undefined when Shopify has no such draft. */
export async function draftOrderDiscount(
  graphql: AdminGraphql,
  draftOrderGid: string,
): Promise<{ title: string | null; completed: boolean } | null | undefined> {
  const data = await runAdminOperation<DraftOrderDiscountQuery>(graphql, "DraftOrderDiscount", DRAFT_ORDER_DISCOUNT, { id: draftOrderGid });
  if (!data.draftOrder) return undefined;
  const completed = data.draftOrder.status === "COMPLETED";
  return data.draftOrder.appliedDiscount ? { title: data.draftOrder.appliedDiscount.title ?? null, completed } : completed ? { title: null, completed } : null;
}

/** Sets (or, with null, removes) a draft order's order-level discount; Shopify's refusal as ShopifyUserError. */
export async function setDraftOrderDiscount(graphql: AdminGraphql, draftOrderGid: string, discount: DraftDiscountInput | null): Promise<void> {
  const data = await runAdminOperation<SetDraftOrderDiscountMutation>(graphql, "SetDraftOrderDiscount", SET_DRAFT_ORDER_DISCOUNT, {
    id: draftOrderGid,
    input: { appliedDiscount: discount },
  });
  const payload = data.draftOrderUpdate;
  if (!payload?.draftOrder || payload.userErrors.length) throw new ShopifyUserError("draftOrderUpdate", payload?.userErrors ?? []);
}
