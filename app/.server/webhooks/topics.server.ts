import { PayloadError, type ReceivableSnapshot, type Terms } from "../../domain/ledger/snapshot";
import { discountCodesOf, draftOrderSnapshot, orderSnapshot, parseTime, termsFromPayload, type UsedDiscountCode } from "../../domain/ledger/webhook-payloads";
import { recordInstallmentPaid, recordOfferUse } from "../incentives/offer-use.server";
import { gidFor } from "../../domain/ledger/json";
import { applySnapshots, applySnapshotWithResult, type Db, type SnapshotResult } from "../ledger/receivables.server";
import { applyTerms, markDeleted, markDue, removeTerms } from "../ledger/terms.server";
import { exportCustomerData, redactCustomer, redactShop, type CustomerKey } from "../ledger/compliance.server";
import { cancelShopJobs, enqueueIn } from "../jobs/enqueue.server";
import { recordScopes, recordUninstall } from "../shops.server";
import type { TopicHandler, Delivery, DeliveryContext } from "./types.server";

// What each topic means for the ledger. Parsing throws PayloadError (→ 400)
// when a body lacks what the topic needs. Ledger topics are accepted, queued
// and applied by the webhook applier; the `inline` ones (uninstall, scopes,
// compliance) take effect in their request.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const change = (d: Delivery) => ({ source: `webhook:${d.topic}`, sourceId: d.webhookId });

function idOf(payload: unknown, key = "id"): string {
  const id = isObj(payload) ? payload[key] : undefined;
  if (typeof id !== "string" || !/^\d+$/.test(id)) throw new PayloadError(`missing "${key}"`);
  return id;
}

/**
 * A snapshot whose figure in one currency was worked out from the other's
 * (docs/decisions/008) is read again, in a job queued in this transaction.
 */
async function rereadIfWorkedOut(db: Db, result: SnapshotResult, snapshot: ReceivableSnapshot, d: Delivery): Promise<string> {
  if (!result.reread) return result.outcome;
  if (snapshot.kind === "order") await enqueueIn(db, "refresh-order", { shop: d.shop, orderGid: snapshot.resourceGid });
  else await enqueueIn(db, "refresh-draft-order", { shop: d.shop, draftOrderGid: snapshot.resourceGid });
  return `${result.outcome}+reread`;
}

const snapshotTopic = {
  apply: async (db, snapshot, d) => rereadIfWorkedOut(db, await applySnapshotWithResult(db, d.clock, snapshot, change(d)), snapshot, d),
  applyMany: async (db, items) => {
    const results = await applySnapshots(
      db,
      items.map(({ input, context }) => ({ shop: context.clock, snapshot: input, change: change(context) })),
    );
    const outcomes: string[] = [];
    for (const [i, result] of results.entries()) outcomes.push(await rereadIfWorkedOut(db, result, items[i]!.input, items[i]!.context));
    return outcomes;
  },
} satisfies Omit<TopicHandler<ReceivableSnapshot>, "parse">;

/** orders/create, orders/updated, orders/paid, orders/cancelled: the whole order, as of its updated_at. */
export const orderChanged: TopicHandler<ReceivableSnapshot> = { parse: orderSnapshot, ...snapshotTopic };

/** A snapshot topic whose bodies also say something of Quita's incentives: the ledger's part, then `after` on each. */
function snapshotTopicThen<T>(
  parse: (payload: unknown) => T,
  snapshotOf: (input: T) => ReceivableSnapshot,
  after: (db: Db, input: T, d: DeliveryContext) => Promise<unknown>,
): TopicHandler<T> {
  return {
    parse,
    apply: async (db, input, d) => {
      const outcome = await snapshotTopic.apply(db, snapshotOf(input), d);
      await after(db, input, d);
      return outcome;
    },
    applyMany: async (db, items) => {
      const outcomes = await snapshotTopic.applyMany(
        db,
        items.map(({ input, context }) => ({ input: snapshotOf(input), context })),
      );
      for (const { input, context } of items) await after(db, input, context);
      return outcomes;
    },
  };
}

/**
 * orders/create: the order as orderChanged applies it, and the settlement offer whose code it used,
 * if any (incentives/offer-use.server.ts).
 */
type NewOrder = { snapshot: ReceivableSnapshot; codes: UsedDiscountCode[] };
export const orderCreated = snapshotTopicThen<NewOrder>(
  (payload) => ({ snapshot: orderSnapshot(payload), codes: discountCodesOf(payload) }),
  (input) => input.snapshot,
  async (db, { snapshot, codes }, d) => {
    if (codes.length === 0) return;
    await recordOfferUse(db, d.shop, codes, { gid: snapshot.resourceGid, name: snapshot.name, placedAt: snapshot.placedAt ?? d.clock.now });
  },
);

/** draft_orders/create, draft_orders/update; a completed draft that is an installment pays it. */
export const draftOrderChanged = snapshotTopicThen<ReceivableSnapshot>(
  (payload) => draftOrderSnapshot(payload),
  (snapshot) => snapshot,
  async (db, snapshot, d) => {
    if (snapshot.status === "completed") await recordInstallmentPaid(db, d.shop, snapshot.resourceGid, d.clock.now);
  },
);

/** orders/delete: only the id (exact digits, see parseWebhookJson). A deleted order is never chased again. */
export const orderDeleted: TopicHandler<string> = {
  parse: (payload) => gidFor("Order", idOf(payload)),
  apply: (db, gid, d) => markDeleted(db, d.clock, gid, change(d)),
};

/** draft_orders/delete: only the id (exact digits, see parseWebhookJson). */
export const draftOrderDeleted: TopicHandler<string> = {
  parse: (payload) => gidFor("DraftOrder", idOf(payload)),
  apply: (db, gid, d) => markDeleted(db, d.clock, gid, change(d)),
};

/** orders/edited names the order but not its new amounts: read it again in a job. */
export const orderEdited: TopicHandler<string> = {
  parse: (payload) => {
    const edit = isObj(payload) ? payload.order_edit : undefined;
    return gidFor("Order", idOf(edit, "order_id"));
  },
  apply: async (db, orderGid, d) => {
    await enqueueIn(db, "refresh-order", { shop: d.shop, orderGid });
    return "queued";
  },
};

/** payment_terms/create|update: new terms or due date. Terms Quita doesn't know are looked up in a job. */
export const paymentTermsChanged: TopicHandler<{ terms: Terms; updatedAt: Date }> = {
  parse: (payload) => {
    idOf(payload);
    const terms = termsFromPayload(payload);
    if (!terms) throw new PayloadError("body is not payment terms");
    return { terms, updatedAt: parseTime((payload as Obj).updated_at, "updated_at") };
  },
  apply: async (db, { terms, updatedAt }, d) => {
    const outcome = await applyTerms(db, d.clock, terms, updatedAt, change(d));
    if (outcome !== "unknown") return outcome;
    await enqueueIn(db, "refresh-terms", { shop: d.shop, termsId: terms.id! });
    return "queued";
  },
};

export const paymentTermsDeleted: TopicHandler<string> = {
  parse: (payload) => idOf(payload),
  apply: async (db, termsId, d) => {
    const outcome = await removeTerms(db, d.clock, termsId, d.triggeredAt ?? d.clock.now, change(d));
    return outcome === "unknown" ? "ignored" : outcome;
  },
};

/** payment_schedules/due: the schedule's due date has come. */
export const paymentScheduleDue: TopicHandler<{ termsId: string; dueAt: Date | null }> = {
  parse: (payload) => {
    const termsId = idOf(payload, "payment_terms_id");
    const dueAt = (payload as Obj).due_at;
    return { termsId, dueAt: dueAt ? parseTime(dueAt, "due_at") : null };
  },
  apply: async (db, { termsId, dueAt }, d) => {
    const outcome = await markDue(db, d.clock, termsId, dueAt, change(d));
    return outcome === "unknown" ? "ignored" : outcome;
  },
};

/** app/uninstalled: the shop is marked, its sessions go and nothing more is sent or run. */
export const appUninstalled: TopicHandler<null> = {
  inline: true,
  evenIfUninstalled: true,
  parse: () => null,
  apply: async (db, _input, d) => {
    await recordUninstall(d.shop, d.clock.now, db);
    await cancelShopJobs(db, d.shop, d.clock.now);
    return "applied";
  },
};

export const appScopesUpdated: TopicHandler<string[]> = {
  inline: true,
  evenIfUninstalled: true,
  parse: (payload) => {
    const current = isObj(payload) ? payload.current : undefined;
    if (!Array.isArray(current) || !current.every((s) => typeof s === "string")) throw new PayloadError('missing the "current" scope list');
    return current as string[];
  },
  apply: async (db, scopes, d) => {
    await recordScopes(d.shop, scopes, db);
    return "applied";
  },
};

/**
 * The compliance bodies name their shop: it must be the shop Shopify signed
 * the request for, or the request is not acted on (400).
 */
function forSignedShop(payload: unknown, d: Delivery): Record<string, unknown> {
  if (!isObj(payload) || typeof payload.shop_domain !== "string") throw new PayloadError('missing "shop_domain"');
  if (payload.shop_domain.toLowerCase() !== d.shop.toLowerCase()) throw new PayloadError(`shop_domain ${payload.shop_domain} is not the shop that sent it`);
  return payload;
}

function customerKey(payload: unknown, d: Delivery): CustomerKey {
  const customer = forSignedShop(payload, d).customer;
  if (!isObj(customer)) throw new PayloadError('missing "customer"');
  const id = typeof customer.id === "string" && /^\d+$/.test(customer.id) ? customer.id : null;
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  const email = text(customer.email);
  if (!id && !email) throw new PayloadError("customer has neither id nor email");
  return { gid: id ? gidFor("Customer", id) : null, email, phone: text(customer.phone) };
}

export const customersDataRequest: TopicHandler<CustomerKey> = {
  inline: true,
  evenIfUninstalled: true,
  parse: customerKey,
  apply: async (db, customer, d) => {
    await exportCustomerData(db, d.shop, customer, d.webhookId);
    return "exported";
  },
};

export const customersRedact: TopicHandler<CustomerKey> = {
  inline: true,
  evenIfUninstalled: true,
  parse: customerKey,
  apply: async (db, customer, d) => {
    await redactCustomer(db, d.shop, customer, d.webhookId, d.clock.now);
    return "redacted";
  },
};

/** shop/redact: nothing of the shop is left, not even the record of this delivery (a repeat erases nothing more). */
export const shopRedact: TopicHandler<null> = {
  inline: true,
  evenIfUninstalled: true,
  leavesNoRecord: true,
  parse: (payload, d) => {
    forSignedShop(payload, d);
    return null;
  },
  apply: async (db, _input, d) => {
    await redactShop(db, d.shop);
    return "redacted";
  },
};

/** The queued (ledger) topics, by the X-Shopify-Topic they arrive with: what the applier applies each with. */
export const QUEUED_TOPICS: Readonly<Record<string, TopicHandler<any>>> = {
  "orders/create": orderCreated,
  "orders/updated": orderChanged,
  "orders/paid": orderChanged,
  "orders/cancelled": orderChanged,
  "orders/edited": orderEdited,
  "orders/delete": orderDeleted,
  "draft_orders/create": draftOrderChanged,
  "draft_orders/update": draftOrderChanged,
  "draft_orders/delete": draftOrderDeleted,
  "payment_terms/create": paymentTermsChanged,
  "payment_terms/update": paymentTermsChanged,
  "payment_terms/delete": paymentTermsDeleted,
  "payment_schedules/due": paymentScheduleDue,
};
