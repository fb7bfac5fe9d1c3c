import { DAY_MS } from "./clock";
import { prng, type Prng } from "./prng";
import { ShopState, type Address, type Customer, type Store } from "./state";
import { createDraftOrder } from "./draft-order-operations";
import { createOrder, recordPayment } from "./operations";
import { fireDueSchedules } from "./payment-terms-operations";
import { orderTotal } from "./order-math";
import type { World } from "./world";

// Deterministic demo data: a Brazilian wholesaler with B2B buyers at every stage of ageing.
// Seeding is silent (no webhooks): it is the shop's past, before the app was installed.

export const DEMO_SHOP = "quita-demo.myshopify.com";

const FIRST = {
  "pt-BR": [
    "Ana",
    "Bruno",
    "Carla",
    "Diego",
    "Eduarda",
    "Felipe",
    "Gabriela",
    "Henrique",
    "Isabela",
    "João",
    "Larissa",
    "Marcos",
    "Natália",
    "Otávio",
    "Paula",
    "Rafael",
    "Sofia",
    "Thiago",
    "Vanessa",
    "Wagner",
  ],
  en: ["Emily", "James", "Olivia", "Michael", "Sarah", "David", "Hannah", "Robert"],
  es: ["Lucía", "Mateo", "Valentina", "Santiago", "Camila", "Alejandro", "Mariana", "Javier"],
} as const;
const LAST = {
  "pt-BR": ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Ferreira", "Rodrigues", "Lima", "Carvalho", "Gomes", "Ribeiro", "Martins"],
  en: ["Walker", "Bennett", "Hughes", "Carter", "Foster", "Reed"],
  es: ["García", "Fernández", "López", "Martínez", "Sánchez", "Romero"],
} as const;
const CITIES: Address[] = [
  { address1: "Rua Augusta, 1200", city: "São Paulo", province: "São Paulo", provinceCode: "SP", zip: "01304-001", country: "Brazil", countryCode: "BR" },
  {
    address1: "Av. Afonso Pena, 3100",
    city: "Belo Horizonte",
    province: "Minas Gerais",
    provinceCode: "MG",
    zip: "30130-008",
    country: "Brazil",
    countryCode: "BR",
  },
  {
    address1: "Rua das Laranjeiras, 45",
    city: "Rio de Janeiro",
    province: "Rio de Janeiro",
    provinceCode: "RJ",
    zip: "22240-003",
    country: "Brazil",
    countryCode: "BR",
  },
  { address1: "Av. Sete de Setembro, 800", city: "Curitiba", province: "Paraná", provinceCode: "PR", zip: "80060-070", country: "Brazil", countryCode: "BR" },
  { address1: "Rua da Aurora, 300", city: "Recife", province: "Pernambuco", provinceCode: "PE", zip: "50050-000", country: "Brazil", countryCode: "BR" },
];
const FOREIGN: Record<string, Address> = {
  en: {
    address1: "410 Market Street",
    city: "San Francisco",
    province: "California",
    provinceCode: "CA",
    zip: "94111",
    country: "United States",
    countryCode: "US",
  },
  es: { address1: "Calle de Alcalá, 52", city: "Madrid", province: "Madrid", provinceCode: "M", zip: "28014", country: "Spain", countryCode: "ES" },
};
const COMPANY_WORDS = ["Empório", "Mercearia", "Armazém", "Café", "Padaria", "Distribuidora", "Mercado", "Casa"];
const COMPANY_NAMES = [
  "Bom Sabor",
  "Serra Azul",
  "Ipê Dourado",
  "Vila Nova",
  "Três Rios",
  "Jardim",
  "Boa Vista",
  "Maré Alta",
  "Sol Nascente",
  "Pinheiros",
  "Santa Luzia",
  "Lagoa",
];
const PRODUCTS = [
  ["Café especial em grãos 1 kg", 8900],
  ["Doce de leite artesanal 400 g", 2450],
  ["Azeite extravirgem 500 ml", 5990],
  ["Queijo canastra meia cura", 7200],
  ["Cachaça envelhecida 700 ml", 11900],
  ["Goiabada cascão 600 g", 1990],
  ["Mel silvestre 500 g", 3400],
  ["Farinha de mandioca 1 kg", 1290],
] as const;

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

export function createShop(store: Store, domain = DEMO_SHOP, createdAt = new Date("2023-02-01T12:00:00Z")) {
  const shop = new ShopState(
    {
      id: 6_118_400_001,
      name: "Casa Aurora Atacado",
      email: "financeiro@casa-aurora.example",
      domain,
      currency: "BRL",
      ianaTimezone: "America/Sao_Paulo",
      locale: "pt-BR",
      ownerName: "Marina Couto",
      createdAt,
      address: {
        address1: "Rua dos Pinheiros, 870",
        city: "São Paulo",
        province: "São Paulo",
        provinceCode: "SP",
        zip: "05422-001",
        country: "Brazil",
        countryCode: "BR",
        phone: "+55 11 3333-0101",
      },
    },
    store.ids,
  );
  store.shops.set(domain, shop);
  PRODUCTS.forEach(([title, price], i) => {
    const id = store.ids.take();
    shop.products.set(id, {
      id,
      title,
      vendor: shop.info.name,
      handle: ascii(title)
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/-$/, ""),
      variantId: store.ids.take(),
      sku: `CA-${100 + i}`,
      price,
      createdAt,
      updatedAt: createdAt,
    });
  });
  return shop;
}

function makeCustomer(shop: ShopState, r: Prng, locale: keyof typeof FIRST, at: Date, withEmail = true): Customer {
  const first = r.pick(FIRST[locale]);
  const last = r.pick(LAST[locale]);
  const id = shop.ids.take();
  const domain = locale === "pt-BR" ? "exemplo.com.br" : "example.com";
  const phone =
    locale === "pt-BR"
      ? `+55 11 9${r.int(1000, 9999)}-${r.int(1000, 9999)}`
      : locale === "en"
        ? `+1 415 555 ${r.int(1000, 1999)}`
        : `+34 6${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)}`;
  const base = FOREIGN[locale] ?? r.pick(CITIES);
  const c: Customer = {
    id,
    firstName: first,
    lastName: last,
    email: withEmail ? `${ascii(first)}.${ascii(last)}${id % 1000}@${domain}` : null,
    phone,
    locale,
    tags: [],
    address: { ...base, firstName: first, lastName: last, phone },
    createdAt: at,
    updatedAt: at,
    note: null,
  };
  shop.customers.set(id, c);
  return c;
}

function makeCompany(shop: ShopState, r: Prng, contact: Customer, at: Date, index: number) {
  const name = `${COMPANY_WORDS[index % COMPANY_WORDS.length]} ${COMPANY_NAMES[index % COMPANY_NAMES.length]}`;
  const companyId = shop.ids.take();
  const locations = Array.from({ length: index % 4 === 0 ? 2 : 1 }, (_, i) => {
    const id = shop.ids.take();
    const addr = { ...r.pick(CITIES), company: name, phone: contact.phone };
    shop.locations.set(id, {
      id,
      companyId,
      name: i === 0 ? `${name} — Matriz` : `${name} — Filial ${addr.city}`,
      address: addr,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  });
  const contactId = shop.ids.take();
  shop.contacts.set(contactId, { id: contactId, companyId, customerId: contact.id, isMainContact: true, title: "Compras", createdAt: at, updatedAt: at });
  shop.companies.set(companyId, {
    id: companyId,
    name,
    externalId: `CA-B2B-${100 + index}`,
    note: null,
    locationIds: locations,
    contactIds: [contactId],
    createdAt: at,
    updatedAt: at,
  });
  contact.tags = ["b2b"];
  return { companyId, locationId: locations[0], contactId };
}

function lines(r: Prng, shop: ShopState, bulk: boolean) {
  const products = [...shop.products.values()];
  return Array.from({ length: r.int(1, 3) }, () => {
    const p = r.pick(products);
    return { title: p.title, quantity: bulk ? r.int(6, 48) : r.int(1, 4), unitPrice: p.price, sku: p.sku, productId: p.id, variantId: p.variantId };
  });
}

const NET = [3, 4, 5]; // Net 15, 30, 60 templates

export function seedWholesale(w: World, now: Date) {
  const shop = createShop(w.store);
  const r = prng(20240611);
  const day = (n: number) => new Date(now.getTime() - n * DAY_MS);
  const locales: (keyof typeof FIRST)[] = [...Array(30).fill("pt-BR"), ...Array(5).fill("en"), ...Array(5).fill("es")];
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
        lineItems: lines(r, shop, true),
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
      { customerId: c.id, company, lineItems: lines(r, shop, !!company), processedAt: issued, termsTemplateId: company ? r.pick(NET) : null },
      { silent: true },
    );
    recordPayment(w, shop, o, "full", { silent: true, at: new Date(issued.getTime() + r.int(5, 70) * DAY_MS) });
  }
  // Retail customers with invoiced, unpaid draft orders; one customer has no email at all.
  customers.slice(12, 19).forEach((c, i) => {
    const d = createDraftOrder(
      w,
      shop,
      { customerId: c.id, lineItems: lines(r, shop, false), createdAt: day(3 + i * 6), termsTemplateId: i % 2 ? 3 : null },
      { silent: true },
    );
    if (c.email) Object.assign(d, { status: "INVOICE_SENT", invoiceSentAt: day(2 + i * 6), updatedAt: day(2 + i * 6) });
  });
  createOrder(w, shop, { customerId: customers[17].id, lineItems: lines(r, shop, false), processedAt: day(40), termsTemplateId: 4 }, { silent: true });
  // Terms due on fulfillment, not fulfilled yet: owed, with no due date.
  const { c: onFulfillment, ref: onFulfillmentRef } = companies[3];
  createOrder(
    w,
    shop,
    { customerId: onFulfillment.id, company: onFulfillmentRef, lineItems: lines(r, shop, true), processedAt: day(6), termsTemplateId: 9, poNumber: "PO-2400" },
    { silent: true },
  );
  // A card payment authorized and not captured: secured, not a debt to chase.
  const { c: carded, ref: cardedRef } = companies[5];
  const authorized = createOrder(
    w,
    shop,
    { customerId: carded.id, company: cardedRef, lineItems: lines(r, shop, true), processedAt: day(2), termsTemplateId: 3, poNumber: "PO-2401" },
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
        lineItems: lines(r, shop, ci < companyCount),
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
