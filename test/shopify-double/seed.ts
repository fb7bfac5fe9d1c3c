import { DAY_MS } from "./clock";
import { prng } from "./prng";
import { createShop, makeCompany, makeCustomer, randomLineItems, type SeedLocale } from "./seed-shop";
import { createDraftOrder } from "./draft-order-operations";
import { createOrder, recordPayment } from "./operations";
import { fireDueSchedules } from "./payment-terms-operations";
import { orderTotal } from "./order-math";
import type { World } from "./world";

// Deterministic demo data: a Brazilian wholesaler (seed-shop.ts) with B2B buyers at every stage
// of ageing. Seeding is silent (no webhooks): it is the shop's past, before the app was installed.

const NET = [3, 4, 5]; // Net 15, 30, 60 templates

export function seedWholesale(w: World, now: Date) {
  const shop = createShop(w.store);
  const r = prng(20240611);
  const day = (n: number) => new Date(now.getTime() - n * DAY_MS);
  const locales: SeedLocale[] = [...Array(30).fill("pt-BR"), ...Array(5).fill("en"), ...Array(5).fill("es")];
  const customers = locales.map((l, i) => makeCustomer(shop, r, l, day(400 - i), i !== 17));
  const companies = customers.slice(0, 12).map((c, i) => ({ c, ref: makeCompany(shop, r, c, day(390 - i), i) }));

  // Ageing ladder: days since the due date (negative = not yet due), for open B2B orders.
  const ladder = [-20, -5, -1, 0, 1, 3, 7, 12, 18, 25, 33, 45, 52, 61, 75, 88, 95, 110, 120];
  ladder.forEach((daysOverdue, i) => {
    const { c, ref } = companies[i % companies.length];
    // Never issued in the future of the clock: the order not due for 20 days is on Net 30.
    const template = i === 4 || i === 13 ? 7 : i === 0 ? 4 : NET[i % 3];
    const dueIn = template === 7 ? 20 : { 3: 15, 4: 30, 5: 60 }[template]!;
    const issued = day(daysOverdue + dueIn);
    const o = createOrder(
      w,
      shop,
      {
        customerId: c.id,
        company: ref,
        lineItems: randomLineItems(r, shop, true),
        processedAt: issued,
        termsTemplateId: template,
        fixedDueAt: template === 7 ? day(daysOverdue) : null,
        poNumber: `PO-${2300 + i}`,
        ...(i === 6 ? { currency: "USD", exchangeRate: 5.4 } : i === 9 ? { currency: "EUR", exchangeRate: 5.9 } : {}),
      },
      { silent: true },
    );
    // A part payment a couple of days before the due date, after the order and never after now.
    if (i % 4 === 1)
      recordPayment(w, shop, o, Math.round(orderTotal(o) * 0.4), { silent: true, at: day(Math.min(Math.max(daysOverdue - 2, 1), daysOverdue + dueIn - 1)) });
  });
  // Paid history, including customers who paid late before.
  for (let i = 0; i < 24; i++) {
    const c = r.pick(customers);
    const company = companies.find((x) => x.c === c)?.ref ?? null;
    const issued = day(r.int(130, 360));
    const o = createOrder(
      w,
      shop,
      { customerId: c.id, company, lineItems: randomLineItems(r, shop, !!company), processedAt: issued, termsTemplateId: company ? r.pick(NET) : null },
      { silent: true },
    );
    recordPayment(w, shop, o, "full", { silent: true, at: new Date(issued.getTime() + r.int(5, 70) * DAY_MS) });
  }
  // Retail customers with invoiced, unpaid draft orders; one customer has no email at all.
  customers.slice(12, 19).forEach((c, i) => {
    const d = createDraftOrder(
      w,
      shop,
      { customerId: c.id, lineItems: randomLineItems(r, shop, false), createdAt: day(3 + i * 6), termsTemplateId: i % 2 ? 3 : null },
      { silent: true },
    );
    if (c.email) Object.assign(d, { status: "INVOICE_SENT", invoiceSentAt: day(2 + i * 6), updatedAt: day(2 + i * 6) });
  });
  createOrder(
    w,
    shop,
    { customerId: customers[17].id, lineItems: randomLineItems(r, shop, false), processedAt: day(40), termsTemplateId: 4 },
    { silent: true },
  );
  // Terms due on fulfillment, not fulfilled yet: owed, with no due date.
  const { c: onFulfillment, ref: onFulfillmentRef } = companies[3];
  createOrder(
    w,
    shop,
    {
      customerId: onFulfillment.id,
      company: onFulfillmentRef,
      lineItems: randomLineItems(r, shop, true),
      processedAt: day(6),
      termsTemplateId: 9,
      poNumber: "PO-2400",
    },
    { silent: true },
  );
  // A card payment authorized and not captured: secured, not a debt to chase.
  const { c: carded, ref: cardedRef } = companies[5];
  const authorized = createOrder(
    w,
    shop,
    { customerId: carded.id, company: cardedRef, lineItems: randomLineItems(r, shop, true), processedAt: day(2), termsTemplateId: 3, poNumber: "PO-2401" },
    { silent: true },
  );
  authorized.transactions.push({
    id: shop.ids.take(),
    kind: "AUTHORIZATION",
    status: "SUCCESS",
    amount: orderTotal(authorized),
    gateway: "shopify_payments",
    processedAt: day(2),
  });
  fireDueSchedules(w, shop, { silent: true });
  return shop;
}

/** A big, quick shop for benchmarks: no webhooks, plain loops, one PRNG. */
export function seedLarge(w: World, now: Date, size: { customers: number; orders: number }) {
  const shop = createShop(w.store);
  const r = prng(7);
  const locales = ["pt-BR", "pt-BR", "pt-BR", "en", "es"] as const;
  const customers = Array.from({ length: size.customers }, (_, i) =>
    makeCustomer(shop, r, locales[i % 5], new Date(now.getTime() - (800 - (i % 700)) * DAY_MS)),
  );
  const companyCount = Math.max(1, Math.floor(size.customers / 5));
  const refs = customers.slice(0, companyCount).map((c, i) => makeCompany(shop, r, c, c.createdAt, i));
  for (let i = 0; i < size.orders; i++) {
    const ci = r.int(0, customers.length - 1);
    const issued = new Date(now.getTime() - r.int(0, 365) * DAY_MS);
    const o = createOrder(
      w,
      shop,
      {
        customerId: customers[ci].id,
        company: ci < companyCount ? refs[ci] : null,
        lineItems: randomLineItems(r, shop, ci < companyCount),
        processedAt: issued,
        termsTemplateId: ci < companyCount ? NET[i % 3] : null,
      },
      { silent: true },
    );
    const roll = r.next();
    if (roll < 0.7) recordPayment(w, shop, o, "full", { silent: true, at: issued });
    else if (roll < 0.8) recordPayment(w, shop, o, Math.round(orderTotal(o) / 2), { silent: true, at: issued });
  }
  fireDueSchedules(w, shop, { silent: true });
  return shop;
}
