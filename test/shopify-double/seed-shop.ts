import type { Prng } from "./prng";
import { ShopState, type Address, type Customer, type Store } from "./state";

// The demo shop and the people in it: a Brazilian wholesaler, its products, customers in
// pt-BR, en and es, and the B2B companies some of them buy for. seed.ts tells what they owe.

export const DEMO_SHOP = "quita-demo.myshopify.com";

/** The languages the demo's customers write in. */
export type SeedLocale = keyof typeof FIRST;

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

export function makeCustomer(shop: ShopState, r: Prng, locale: SeedLocale, at: Date, withEmail = true): Customer {
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

export function makeCompany(shop: ShopState, r: Prng, contact: Customer, at: Date, index: number) {
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

export function randomLineItems(r: Prng, shop: ShopState, bulk: boolean) {
  const products = [...shop.products.values()];
  return Array.from({ length: r.int(1, 3) }, () => {
    const p = r.pick(products);
    return { title: p.title, quantity: bulk ? r.int(6, 48) : r.int(1, 4), unitPrice: p.price, sku: p.sku, productId: p.id, variantId: p.variantId };
  });
}
