import { checkBodyCall, checkHandleCall } from "../flow-trigger";
import { connection } from "../connection";
import { gid, parseGid } from "../ids";
import { moneyV2, toDecimal } from "../money";
import { TERMS_TEMPLATES } from "../order-math";
import type { Order, Product, ShopState, WebhookSubscription } from "../state";
import { as, idOf, time, userError, type ResolverMap } from "./common";
import { readableOrder, scheduleNode } from "./orders";
import type { Ctx } from "../graphql";
import { bulkOperationNode } from "./bulk";

// Node lookup by gid for every resource the double models.
export function nodeById(shop: ShopState, id: string): unknown {
  const p = parseGid(id);
  if (!p) return null;
  switch (p.type) {
    case "Order":
      return as("Order", shop.orders.get(p.id));
    case "DraftOrder":
      return as("DraftOrder", shop.draftOrders.get(p.id));
    case "Customer":
      return as("Customer", shop.customers.get(p.id));
    case "Company":
      return as("Company", shop.companies.get(p.id));
    case "CompanyLocation":
      return as("CompanyLocation", shop.locations.get(p.id));
    case "CompanyContact":
      return as("CompanyContact", shop.contacts.get(p.id));
    case "PaymentTerms":
      return as("PaymentTerms", shop.paymentTermsById(p.id));
    case "PaymentSchedule":
      return scheduleNode(shop, p.id);
    case "DiscountCodeNode":
      return as("DiscountCodeNode", shop.discounts.get(p.id));
    case "Product":
      return as("Product", shop.products.get(p.id));
    case "WebhookSubscription":
      return as("WebhookSubscription", shop.webhookSubscriptions.get(p.id));
    case "BulkOperation":
      return bulkOperationNode(shop.bulkOperations.get(p.id));
    case "PaymentTermsTemplate": {
      const t = TERMS_TEMPLATES.find((x) => x.id === p.id);
      return t ? { __typename: "PaymentTermsTemplate", ...template(t) } : null;
    }
    default:
      return null;
  }
}

/** An order past the 60-day window is not there for an app without read_all_orders. */
function readableNode(ctx: Ctx, node: unknown): unknown {
  const wrapped = node as { __typename?: string; __record?: Order } | null;
  return wrapped?.__typename === "Order" && wrapped.__record && !readableOrder(ctx, wrapped.__record) ? null : node;
}

const template = (t: (typeof TERMS_TEMPLATES)[number]) => ({
  id: gid("PaymentTermsTemplate", t.id),
  name: t.name,
  translatedName: t.name,
  description: t.description,
  dueInDays: t.dueInDays,
  paymentTermsType: t.type,
});

const webhookEnum = (topic: string) => topic.toUpperCase().replace(/\//g, "_");

export const miscResolvers: ResolverMap = {
  QueryRoot: {
    node: (_s, { id }, ctx) => readableNode(ctx, nodeById(ctx.shop, id)),
    nodes: (_s, { ids }, ctx) => ids.map((id: string) => readableNode(ctx, nodeById(ctx.shop, id))),
    shop: () => ({}),
    product: (_s, { id }, { shop }) => shop.products.get(idOf(id, "Product") ?? -1) ?? null,
    products: (_s, args, { shop }) =>
      connection([...shop.products.values()], args, {
        TITLE: (p) => p.title.toLowerCase(),
        ID: (p) => p.id,
        CREATED_AT: (p) => p.createdAt.getTime(),
        UPDATED_AT: (p) => p.updatedAt.getTime(),
      }),
    paymentTermsTemplates: (_s, { paymentTermsType }) => TERMS_TEMPLATES.filter((t) => !paymentTermsType || t.type === paymentTermsType).map(template),
    webhookSubscription: (_s, { id }, { shop }) => shop.webhookSubscriptions.get(idOf(id, "WebhookSubscription") ?? -1) ?? null,
    // Subscriptions declared in shopify.app.toml are app-level and, as on Shopify, not listed here.
    webhookSubscriptions: (_s, args, { shop }) =>
      connection(
        [...shop.webhookSubscriptions.values()].filter((s) => !s.fromToml && (!args.topics || args.topics.includes(s.topic))),
        args,
        { CREATED_AT: (s) => s.createdAt.getTime(), ID: (s) => s.id },
      ),
  },
  Product: {
    id: (p: Product) => gid("Product", p.id),
    title: (p: Product) => p.title,
    handle: (p: Product) => p.handle,
    vendor: (p: Product) => p.vendor,
    status: () => "ACTIVE",
    createdAt: (p: Product) => time(p.createdAt),
    updatedAt: (p: Product) => time(p.updatedAt),
    variants: (p: Product) => {
      const node = { __typename: "ProductVariant", id: gid("ProductVariant", p.variantId), sku: p.sku, price: toDecimal(p.price), title: "Default Title" };
      return { nodes: [node], edges: [{ cursor: "", node }], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
    },
    priceRangeV2: (p: Product, _a, { shop }) => ({
      minVariantPrice: moneyV2(p.price, shop.info.currency),
      maxVariantPrice: moneyV2(p.price, shop.info.currency),
    }),
  },
  WebhookSubscription: {
    id: (s: WebhookSubscription) => gid("WebhookSubscription", s.id),
    legacyResourceId: (s: WebhookSubscription) => String(s.id),
    topic: (s: WebhookSubscription) => s.topic,
    uri: (s: WebhookSubscription) => s.uri,
    callbackUrl: (s: WebhookSubscription) => s.uri,
    format: (s: WebhookSubscription) => s.format,
    includeFields: () => [],
    metafieldNamespaces: () => [],
    filter: () => null,
    createdAt: (s: WebhookSubscription) => time(s.createdAt),
    updatedAt: (s: WebhookSubscription) => time(s.updatedAt),
    apiVersion: (_s, _a, { world }) => ({ handle: world.config.apiVersion, displayName: world.config.apiVersion, supported: true }),
    endpoint: (s: WebhookSubscription) => ({ __typename: "WebhookHttpEndpoint", callbackUrl: s.uri }),
  },
  Mutation: {
    webhookSubscriptionCreate: (_s, { topic, webhookSubscription: input }, { world, shop }) => {
      const uri = input.uri ?? input.callbackUrl;
      if (!uri) return { webhookSubscription: null, userErrors: [userError(["webhookSubscription", "callbackUrl"], "Address can't be blank")] };
      const dup = [...shop.webhookSubscriptions.values()].some((s) => s.topic === topic && s.uri === uri);
      if (dup)
        return { webhookSubscription: null, userErrors: [userError(["webhookSubscription", "callbackUrl"], "Address for this topic has already been taken")] };
      const now = world.clock.now();
      const s: WebhookSubscription = { id: shop.ids.take(), topic, uri, format: "JSON", createdAt: now, updatedAt: now, fromToml: false };
      shop.webhookSubscriptions.set(s.id, s);
      return { webhookSubscription: s, userErrors: [] };
    },
    flowTriggerReceive: (_s, { handle, payload, body }, { world, shop }) => {
      const known = world.flowTriggerHandles;
      const check = body ? checkBodyCall(body, known) : checkHandleCall(handle, payload, known);
      if ("error" in check) return { userErrors: [userError(["body"], check.error)] };
      shop.flowTriggers.push({ handle: check.handle, payload: check.payload, receivedAt: world.clock.now() });
      return { userErrors: [] };
    },
  },
};

export const webhookTopicEnum = webhookEnum;
