import type { Db } from "./receivables.server";
import { deleteShopJobs } from "../jobs/enqueue.server";

// GDPR/LGPD: what Quita holds about a customer, exported or erased on
// request. Amounts stay (anonymised) so the shop's totals and aging remain
// true; every copy of the customer's name, email and phone goes: the
// receivables, any export made for an earlier request, and the raw webhook
// bodies still kept (a delivery waiting to be applied, or one kept after
// failing for someone to inspect).

export interface CustomerKey {
  gid: string | null;
  email: string | null;
  phone?: string | null;
}

function customerWhere(shopDomain: string, customer: CustomerKey) {
  const or = [
    ...(customer.gid ? [{ customerGid: customer.gid }] : []),
    ...(customer.email ? [{ customerEmail: { equals: customer.email, mode: "insensitive" as const } }] : []),
  ];
  return { shopDomain, OR: or.length ? or : [{ id: "-" }] };
}

/** The keys Quita files a customer's notes under: their GID, or a debt of theirs when Shopify named no customer. */
function customerKeysOf(customer: CustomerKey, debts: { resourceGid: string }[]): string[] {
  return [...(customer.gid ? [customer.gid] : []), ...debts.map((d) => d.resourceGid)];
}

export async function exportCustomerData(db: Db, shopDomain: string, customer: CustomerKey, webhookId: string) {
  const receivables = await db.receivable.findMany({
    where: customerWhere(shopDomain, customer),
    include: { events: { orderBy: { occurredAt: "asc" }, select: { type: true, occurredAt: true, outstandingAmount: true, currency: true } } },
    orderBy: { createdAt: "asc" },
  });
  const notes = await db.customerNote.findMany({
    where: { shopDomain, customerKey: { in: customerKeysOf(customer, receivables) } },
    orderBy: { createdAt: "asc" },
    select: { body: true, createdAt: true },
  });
  const result = {
    customer: { gid: customer.gid, email: customer.email },
    notes: notes.map((n) => ({ note: n.body, at: n.createdAt.toISOString() })),
    receivables: receivables.map((r) => ({
      order: r.name,
      resource: r.resourceGid,
      name: r.customerName,
      email: r.customerEmail,
      phone: r.customerPhone,
      locale: r.customerLocale,
      company: r.companyName ?? r.companyGid,
      currency: r.currency,
      total: r.totalAmount.toString(),
      outstanding: r.outstandingAmount.toString(),
      dueAt: r.dueAt?.toISOString() ?? null,
      status: r.status,
      history: r.events.map((e) => ({ type: e.type, at: e.occurredAt.toISOString(), outstanding: e.outstandingAmount.toString(), currency: e.currency })),
    })),
  };
  const record = await db.complianceRequest.create({
    data: { shopDomain, topic: "customers/data_request", webhookId, customerGid: customer.gid, result },
  });
  console.log(`compliance: customers/data_request for ${shopDomain} exported ${receivables.length} receivable(s) as ${record.id}`);
  return record;
}

/** The data requests Shopify forwarded, newest first, for the merchant to answer (Settings). */
export function listDataRequests(db: Db, shopDomain: string) {
  return db.complianceRequest.findMany({
    where: { shopDomain, topic: "customers/data_request" },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, customerGid: true, result: true },
  });
}

export function findDataRequest(db: Db, shopDomain: string, id: string) {
  return db.complianceRequest.findFirst({ where: { id, shopDomain, topic: "customers/data_request" } });
}

/** Raw bodies naming the customer (by id, email or phone), with the statement's parameters. */
function bodiesNaming(shopDomain: string, customer: CustomerKey): { where: string; params: string[] } {
  const params = [shopDomain];
  const terms: string[] = [];
  const id = customer.gid?.match(/(\d+)$/)?.[1];
  if (id) terms.push(`strpos("rawBody", $${params.push(id)}) > 0`);
  if (customer.email) terms.push(`strpos(lower("rawBody"), lower($${params.push(customer.email)})) > 0`);
  if (customer.phone) terms.push(`strpos("rawBody", $${params.push(customer.phone)}) > 0`);
  const where = terms.length ? `"shopDomain" = $1 AND "rawBody" IS NOT NULL AND (${terms.join(" OR ")})` : "false";
  return { where, params };
}

export async function redactCustomer(db: Db, shopDomain: string, customer: CustomerKey, webhookId: string, now: Date) {
  const { count } = await db.receivable.updateMany({
    where: customerWhere(shopDomain, customer),
    data: { customerName: null, customerEmail: null, customerPhone: null, redactedAt: now },
  });
  // An export made for an earlier request is another copy of the same data.
  const earlierExports = await db.complianceRequest.findMany({
    where: { shopDomain, topic: "customers/data_request" },
    select: { id: true, customerGid: true, result: true },
  });
  const email = customer.email?.toLowerCase();
  const exportIds = earlierExports
    .filter((r) => (customer.gid && r.customerGid === customer.gid) || (email && JSON.stringify(r.result).toLowerCase().includes(email)))
    .map((r) => r.id);
  await db.complianceRequest.deleteMany({ where: { id: { in: exportIds } } });
  // A delivery still waiting is settled as redacted: applying it would bring the data back.
  const bodies = bodiesNaming(shopDomain, customer);
  const erasedBodies = await db.$executeRawUnsafe(
    `UPDATE "WebhookDelivery" SET "rawBody" = NULL, error = NULL,
       status = CASE WHEN status = 'pending' THEN 'applied' ELSE status END,
       outcome = 'redacted', "retryAt" = NULL
     WHERE ${bodies.where}`,
    ...bodies.params,
  );
  // The letters written to them (kept as sent) and notes the merchant wrote on their pauses and promises.
  const letterOwners = [
    ...(customer.gid ? [{ customerKey: customer.gid }] : []),
    ...(customer.email ? [{ recipient: { equals: customer.email, mode: "insensitive" as const } }] : []),
  ];
  const letters = letterOwners.length
    ? await db.reminder.updateMany({ where: { shopDomain, OR: letterOwners }, data: { recipient: null, subject: null, body: null } })
    : { count: 0 };
  const debtRows = await db.receivable.findMany({ where: customerWhere(shopDomain, customer), select: { id: true, resourceGid: true } });
  const theirDebts = debtRows.map((r) => r.id);
  await db.collectionHold.updateMany({
    where: { shopDomain, OR: [{ customerKey: customer.gid ?? "-" }, { receivableId: { in: theirDebts } }] },
    data: { note: null },
  });
  // The merchant's notes about them are about them: erased whole.
  const notes = await db.customerNote.deleteMany({ where: { shopDomain, customerKey: { in: customerKeysOf(customer, debtRows) } } });
  // The settlement discounts offered to them (the codes live on in Shopify, which erases its own data).
  await db.settlementOffer.deleteMany({ where: { shopDomain, customerKey: { in: customerKeysOf(customer, debtRows) } } });
  // Their installment agreements (the draft orders live on in Shopify, which erases its own data).
  await db.installmentAgreement.deleteMany({ where: { shopDomain, customerKey: { in: customerKeysOf(customer, debtRows) } } });
  // Flow action runs about them keep only their run id, so a delivery Flow repeats still does nothing twice.
  await db.flowActionRun.updateMany({
    where: { shopDomain, customerKey: { in: customerKeysOf(customer, debtRows) } },
    data: { customerKey: null, responseBody: { redacted: true } },
  });
  // Their line on the Debtors page (its sort key is their name) is worked out again, without it, on the next read.
  await db.debtorSummary.deleteMany({ where: { shopDomain, customerKey: { in: customerKeysOf(customer, debtRows) } } });
  await db.complianceRequest.create({
    data: {
      shopDomain,
      topic: "customers/redact",
      webhookId,
      customerGid: customer.gid,
      result: {
        redactedReceivables: count,
        erasedExports: exportIds.length,
        erasedWebhookBodies: erasedBodies,
        erasedLetters: letters.count,
        erasedNotes: notes.count,
      },
    },
  });
  return count;
}

/** shop/redact: everything Quita holds for the shop goes, this request's own record included. */
export async function redactShop(db: Db, shopDomain: string) {
  await db.receivableEvent.deleteMany({ where: { shopDomain } });
  await db.reminderItem.deleteMany({ where: { shopDomain } });
  await db.reminder.deleteMany({ where: { shopDomain } });
  await db.collectionHold.deleteMany({ where: { shopDomain } });
  await db.customerNote.deleteMany({ where: { shopDomain } });
  await db.flowTriggerRun.deleteMany({ where: { shopDomain } });
  await db.settlementOffer.deleteMany({ where: { shopDomain } });
  await db.installmentAgreement.deleteMany({ where: { shopDomain } });
  await db.flowActionRun.deleteMany({ where: { shopDomain } });
  const { count } = await db.receivable.deleteMany({ where: { shopDomain } });
  // After the debts: deleting them marks their customers stale.
  await db.debtorSummary.deleteMany({ where: { shopDomain } });
  await db.debtorSummaryStale.deleteMany({ where: { shopDomain } });
  await db.debtorSummaryPlan.deleteMany({ where: { shopDomain } });
  await deleteShopJobs(db, shopDomain); // its pg-boss jobs and their SyncRun records
  await db.complianceRequest.deleteMany({ where: { shopDomain } });
  await db.webhookDelivery.deleteMany({ where: { shopDomain } });
  await db.session.deleteMany({ where: { shop: shopDomain } });
  await db.shop.deleteMany({ where: { domain: shopDomain } });
  console.log(`compliance: shop/redact erased everything Quita held for a shop (${count} receivable(s))`);
  return count;
}
