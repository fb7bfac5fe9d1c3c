import type {
  ReceivableOrdersCountQuery,
  ReceivableOrdersQuery,
  SendOrderInvoiceMutation,
  MarkOrderAsPaidMutation,
  OrderPurchaserQuery,
  CreateManualPaymentMutation,
} from "../../types/admin.generated";
import { orderStatus, type ReceivableSnapshot } from "../../domain/ledger/snapshot";
import { runAdminOperation, ShopifyUserError, type AdminGraphql } from "./admin-graphql.server";
import { groupedRoots, readJsonl } from "./bulk-operations.server";
import { amountsOf, companyRef, customerRef, termsOf, type InvoiceEmail } from "./receivable-fields.server";
import type { DraftPurchaser } from "./draft-orders.server";

const RECEIVABLE_ORDERS = `#graphql
  query ReceivableOrders($query: String!, $after: String) {
    orders(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        ...ReceivableOrder
      }
      pageInfo { hasNextPage endCursor }
    }
  }
  fragment ReceivableOrder on Order {
    id
    name
    createdAt
    updatedAt
    cancelledAt
    displayFinancialStatus
    customerLocale
    email
    statusPageUrl
    currentTotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
    totalOutstandingSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
    customer { id firstName lastName displayName locale defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
    purchasingEntity {
      __typename
      ... on PurchasingCompany { company { id name } location { id name } }
    }
    paymentTerms { id paymentTermsName paymentTermsType dueInDays paymentSchedules(first: 2) { nodes { dueAt completedAt } } }
  }
`;

const RECEIVABLE_ORDERS_COUNT = `#graphql
  query ReceivableOrdersCount($query: String!, $limit: Int) {
    ordersCount(query: $query, limit: $limit) { count precision }
  }
`;

type OrderNode = ReceivableOrdersQuery["orders"]["nodes"][number];
type Schedules = NonNullable<OrderNode["paymentTerms"]>["paymentSchedules"]["nodes"];

/** Unpaid orders: what backfill looks at (terms and B2B are checked on each; authorized ones are kept apart, not chased). */
export const UNPAID_ORDERS =
  "financial_status:pending OR financial_status:partially_paid OR financial_status:authorized OR financial_status:expired OR financial_status:unpaid";

/** An order as the ledger reads it: Shopify gives both the billed (presentment) and the shop-currency figures exactly. */
export function orderNodeSnapshot(node: OrderNode): ReceivableSnapshot {
  const billed = amountsOf(node.currentTotalPriceSet.presentmentMoney, node.totalOutstandingSet.presentmentMoney);
  const shop = amountsOf(node.currentTotalPriceSet.shopMoney, node.totalOutstandingSet.shopMoney);
  const terms = termsOf(node.paymentTerms);
  const company = companyRef(node.purchasingEntity);
  return {
    resourceGid: node.id,
    kind: "order",
    name: node.name,
    collectible: terms !== null || company !== null,
    status: orderStatus(node.displayFinancialStatus ?? "PENDING", Boolean(node.cancelledAt), shop.outstanding),
    customer: customerRef(node.customer, node.customerLocale ?? null, node.email ?? null),
    company,
    billed,
    billedOutstandingExact: true,
    shop,
    terms,
    dueAt: terms?.dueAt ?? null,
    placedAt: new Date(node.createdAt as string),
    paymentUrl: (node.statusPageUrl as string | null) ?? null,
    updatedAt: new Date(node.updatedAt as string),
  };
}

/** Every order matching `query`, a page of 50 at a time (within the 1,000-point query cost limit). */
export async function* listOrders(graphql: AdminGraphql, query: string): AsyncGenerator<ReceivableSnapshot[]> {
  let after: string | null = null;
  do {
    const data: ReceivableOrdersQuery = await runAdminOperation<ReceivableOrdersQuery>(graphql, "ReceivableOrders", RECEIVABLE_ORDERS, { query, after });
    yield data.orders.nodes.map(orderNodeSnapshot);
    after = data.orders.pageInfo.hasNextPage ? (data.orders.pageInfo.endCursor ?? null) : null;
  } while (after);
}

export async function fetchOrder(graphql: AdminGraphql, id: string): Promise<ReceivableSnapshot | null> {
  // The paged query narrowed to one id: every read of an order selects the same fields.
  const numericId = id.slice(id.lastIndexOf("/") + 1);
  for await (const page of listOrders(graphql, `id:${numericId}`)) return page.find((order) => order.resourceGid === id) ?? null;
  return null;
}

/** How many orders match `query`, counted up to `limit` (Shopify stops counting there). */
export async function countOrders(graphql: AdminGraphql, query: string, limit: number): Promise<number> {
  const data = await runAdminOperation<ReceivableOrdersCountQuery>(graphql, "ReceivableOrdersCount", RECEIVABLE_ORDERS_COUNT, { query, limit });
  return data.ordersCount?.count ?? 0;
}

/**
 * The bulk query for orders matching `search`, selecting exactly the paged
 * query's ReceivableOrder fragment (bulk queries take no variables, so the
 * search is written in). Nested connections are read whole in bulk.
 */
export function receivableOrdersBulkQuery(search: string): string {
  const at = RECEIVABLE_ORDERS.indexOf("fragment ReceivableOrder on Order");
  if (at < 0) throw new Error("RECEIVABLE_ORDERS lost its ReceivableOrder fragment");
  return `query ReceivableOrdersBulk {\n  orders(query: ${JSON.stringify(search)}, sortKey: UPDATED_AT) {\n    nodes { ...ReceivableOrder }\n  }\n}\n${RECEIVABLE_ORDERS.slice(at).trim()}\n`;
}

/** Orders from a grouped bulk result, as the paged query returns them: schedules go back under their terms. */
export async function* ordersFromBulkResult(url: string, pageSize = 50, fetchImpl?: typeof fetch): AsyncGenerator<ReceivableSnapshot[]> {
  let page: ReceivableSnapshot[] = [];
  for await (const { root, children } of groupedRoots(readJsonl(url, fetchImpl))) {
    const node = root as unknown as OrderNode;
    if (node.paymentTerms) {
      const nodes = children.map(({ __parentId: _parent, ...schedule }) => schedule) as unknown as Schedules;
      node.paymentTerms = { ...node.paymentTerms, paymentSchedules: { nodes } };
    }
    page.push(orderNodeSnapshot(node));
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

const SEND_ORDER_INVOICE = `#graphql
  mutation SendOrderInvoice($id: ID!, $email: EmailInput!) {
    orderInvoiceSend(id: $id, email: $email) {
      order { id }
      userErrors { field message code }
    }
  }
`;

/** Shopify's order invoice email (with the order's payment link), the letter as its custom message; a refusal is a ShopifyUserError in Shopify's words. */
export async function sendOrderInvoice(graphql: AdminGraphql, orderGid: string, email: InvoiceEmail): Promise<void> {
  const data = await runAdminOperation<SendOrderInvoiceMutation>(graphql, "SendOrderInvoice", SEND_ORDER_INVOICE, { id: orderGid, email });
  const payload = data.orderInvoiceSend;
  if (!payload?.order || payload.userErrors.length) throw new ShopifyUserError("orderInvoiceSend", payload?.userErrors ?? []);
}

const MARK_ORDER_AS_PAID = `#graphql
  mutation MarkOrderAsPaid($input: OrderMarkAsPaidInput!) {
    orderMarkAsPaid(input: $input) {
      order { id displayFinancialStatus }
      userErrors { field message }
    }
  }
`;

/** Records the rest of an order as paid by other means (its installments' orders); Shopify's refusal as ShopifyUserError. */
export async function markOrderAsPaid(graphql: AdminGraphql, orderGid: string): Promise<void> {
  const data = await runAdminOperation<MarkOrderAsPaidMutation>(graphql, "MarkOrderAsPaid", MARK_ORDER_AS_PAID, { input: { id: orderGid } });
  const payload = data.orderMarkAsPaid;
  if (!payload || payload.userErrors.length) throw new ShopifyUserError("orderMarkAsPaid", payload?.userErrors ?? []);
}

const ORDER_PURCHASER = `#graphql
  query OrderPurchaser($id: ID!) {
    order(id: $id) {
      id
      customer { id }
      purchasingEntity {
        __typename
        ... on PurchasingCompany { company { id } location { id } contact { id } }
      }
    }
  }
`;

/** Who bought an order, as a draft order for them names it: the company's contact and location, or the customer; null when neither. */
export async function orderPurchaser(graphql: AdminGraphql, orderGid: string): Promise<DraftPurchaser | null> {
  const data = await runAdminOperation<OrderPurchaserQuery>(graphql, "OrderPurchaser", ORDER_PURCHASER, { id: orderGid });
  const order = data.order;
  if (!order) return null;
  const entity = order.purchasingEntity;
  if (entity?.__typename === "PurchasingCompany" && entity.contact) {
    return { kind: "company", companyId: entity.company.id, companyContactId: entity.contact.id, companyLocationId: entity.location.id };
  }
  return order.customer ? { kind: "customer", customerId: order.customer.id } : null;
}

const CREATE_MANUAL_PAYMENT = `#graphql
  mutation CreateManualPayment($id: ID!, $amount: MoneyInput!, $paymentMethodName: String!) {
    orderCreateManualPayment(id: $id, amount: $amount, paymentMethodName: $paymentMethodName) {
      order { id }
      userErrors { field message }
    }
  }
`;

/** Records a payment received outside Shopify's checkout on an order, for an exact amount in the order's currency. */
export async function recordManualPayment(graphql: AdminGraphql, orderGid: string, amount: string, currencyCode: string, method: string): Promise<void> {
  const data = await runAdminOperation<CreateManualPaymentMutation>(graphql, "CreateManualPayment", CREATE_MANUAL_PAYMENT, {
    id: orderGid,
    amount: { amount, currencyCode },
    paymentMethodName: method,
  });
  const payload = data.orderCreateManualPayment;
  if (!payload || payload.userErrors.length) throw new ShopifyUserError("orderCreateManualPayment", payload?.userErrors ?? []);
}
