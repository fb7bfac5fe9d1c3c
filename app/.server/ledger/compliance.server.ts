import type { Db } from "./receivables.server";
import { deleteShopJobs } from "../jobs/enqueue.server";

// GDPR/LGPD: what Quita holds about a customer, erased on request. Amounts
// stay (anonymised) so the shop's totals and aging remain true.

export interface CustomerKey {
  gid: string | null;
  email: string | null;
}

function customerWhere(shopDomain: string, customer: CustomerKey) {
  const or = [
    ...(customer.gid ? [{ customerGid: customer.gid }] : []),
    ...(customer.email ? [{ customerEmail: { equals: customer.email, mode: "insensitive" as const } }] : []),
  ];
  return { shopDomain, OR: or.length ? or : [{ id: "-" }] };
}

export async function exportCustomerData(db: Db, shopDomain: string, customer: CustomerKey, webhookId: string) {
  const receivables = await db.receivable.findMany({
    where: customerWhere(shopDomain, customer),
    include: { events: { orderBy: { occurredAt: "asc" }, select: { type: true, occurredAt: true, outstandingAmount: true, currency: true } } },
    orderBy: { createdAt: "asc" },
  });
  const result = {
    customer: { gid: customer.gid, email: customer.email },
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

export async function redactCustomer(db: Db, shopDomain: string, customer: CustomerKey, webhookId: string, now: Date) {
  const { count } = await db.receivable.updateMany({
    where: customerWhere(shopDomain, customer),
    data: { customerName: null, customerEmail: null, customerPhone: null, redactedAt: now },
  });
  await db.complianceRequest.create({
    data: { shopDomain, topic: "customers/redact", webhookId, customerGid: customer.gid, result: { redactedReceivables: count } },
  });
  return count;
}

/** shop/redact: everything Quita holds for the shop goes; one line records that it was done. */
export async function redactShop(db: Db, shopDomain: string, webhookId: string, keepDelivery: string) {
  await db.receivableEvent.deleteMany({ where: { shopDomain } });
  const { count } = await db.receivable.deleteMany({ where: { shopDomain } });
  await deleteShopJobs(db, shopDomain); // its pg-boss jobs and their SyncRun records
  await db.complianceRequest.deleteMany({ where: { shopDomain } });
  await db.webhookDelivery.deleteMany({ where: { shopDomain, webhookId: { not: keepDelivery } } });
  await db.session.deleteMany({ where: { shop: shopDomain } });
  await db.shop.deleteMany({ where: { domain: shopDomain } });
  await db.complianceRequest.create({ data: { shopDomain, topic: "shop/redact", webhookId, result: { erasedReceivables: count } } });
  return count;
}
