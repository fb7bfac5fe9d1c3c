import { connection } from "../connection";
import { gid } from "../ids";
import { moneyV2 } from "../money";
import { orderReceived, toShopMoney } from "../order-math";
import { searchFilter, type SearchFields } from "../search";
import type { Customer, ShopState } from "../state";
import { as, idOf, mailingAddress, noteSearch, time, type ResolverMap } from "./common";
import { ordersConnection, readableOrder } from "./orders";

const customerSearch: SearchFields<Customer> = {
  id: (c) => c.id,
  email: (c) => c.email,
  phone: (c) => c.phone,
  first_name: (c) => c.firstName,
  last_name: (c) => c.lastName,
  tag: (c) => c.tags,
  updated_at: (c) => c.updatedAt,
  created_at: (c) => c.createdAt,
  country: (c) => c.address?.country ?? null,
  customer_date: (c) => c.createdAt,
};

const customerSortKeys = {
  CREATED_AT: (c: Customer) => c.createdAt.getTime(),
  UPDATED_AT: (c: Customer) => c.updatedAt.getTime(),
  NAME: (c: Customer) => `${c.firstName} ${c.lastName}`.toLowerCase(),
  ID: (c: Customer) => c.id,
  LOCATION: (c: Customer) => c.address?.city ?? "",
};

export const customerOrders = (shop: ShopState, c: Customer) => [...shop.orders.values()].filter((o) => o.customerId === c.id);

export const customerResolvers: ResolverMap = {
  QueryRoot: {
    customer: (_s, { id }, { shop }) => shop.customers.get(idOf(id, "Customer") ?? -1) ?? null,
    customers: (_s, args, ctx, info) => {
      const f = searchFilter(args.query, customerSearch, [(c) => `${c.firstName} ${c.lastName}`, (c) => c.email]);
      noteSearch(ctx, info, args.query, f.warnings);
      return connection([...ctx.shop.customers.values()].filter(f.test), args, customerSortKeys);
    },
  },
  Customer: {
    id: (c: Customer) => gid("Customer", c.id),
    legacyResourceId: (c: Customer) => String(c.id),
    displayName: (c: Customer) => `${c.firstName} ${c.lastName}`.trim() || c.email || c.phone || "",
    firstName: (c: Customer) => c.firstName,
    lastName: (c: Customer) => c.lastName,
    email: (c: Customer) => c.email,
    phone: (c: Customer) => c.phone,
    locale: (c: Customer) => c.locale,
    note: (c: Customer) => c.note,
    tags: (c: Customer) => c.tags,
    state: () => "ENABLED",
    verifiedEmail: (c: Customer) => c.email !== null,
    validEmailAddress: (c: Customer) => c.email !== null,
    taxExempt: () => false,
    createdAt: (c: Customer) => time(c.createdAt),
    updatedAt: (c: Customer) => time(c.updatedAt),
    defaultAddress: (c: Customer) => mailingAddress(c.address, c.id + 1, { first: c.firstName, last: c.lastName }),
    addresses: (c: Customer) => (c.address ? [mailingAddress(c.address, c.id + 1, { first: c.firstName, last: c.lastName })] : []),
    defaultEmailAddress: (c: Customer) =>
      c.email && { emailAddress: c.email, marketingState: "NOT_SUBSCRIBED", marketingOptInLevel: null, marketingUpdatedAt: null, validFormat: true },
    defaultPhoneNumber: (c: Customer) =>
      c.phone && { phoneNumber: c.phone, marketingState: "NOT_SUBSCRIBED", marketingOptInLevel: null, marketingUpdatedAt: null },
    numberOfOrders: (c: Customer, _a, { shop }) => String(customerOrders(shop, c).length),
    amountSpent: (c: Customer, _a, { shop }) =>
      moneyV2(
        customerOrders(shop, c).reduce((sum, o) => sum + toShopMoney(o, orderReceived(o)), 0),
        shop.info.currency,
      ),
    orders: (c: Customer, args, ctx, info) => ordersConnection(customerOrders(ctx.shop, c), args, ctx, info),
    companyContactProfiles: (c: Customer, _a, { shop }) => [...shop.contacts.values()].filter((x) => x.customerId === c.id),
    lastOrder: (c: Customer, _a, ctx) =>
      customerOrders(ctx.shop, c)
        .filter((o) => readableOrder(ctx, o))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null,
  },
};

export const customerNode = (shop: ShopState, id: number) => as("Customer", shop.customers.get(id));
