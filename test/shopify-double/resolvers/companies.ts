import { connection, listConnection } from "../connection";
import { gid } from "../ids";
import { moneyV2 } from "../money";
import { orderReceived, toShopMoney } from "../order-math";
import { searchFilter, type SearchFields } from "../search";
import type { Company, CompanyContact, CompanyLocation, ShopState } from "../state";
import { companyAddress, count, idOf, noteSearch, time, type ResolverMap } from "./common";
import { ordersConnection } from "./orders";
import { draftOrdersConnection } from "./draft-orders";

const companySearch: SearchFields<Company> = {
  id: (c) => c.id,
  name: (c) => c.name,
  external_id: (c) => c.externalId,
  updated_at: (c) => c.updatedAt,
  created_at: (c) => c.createdAt,
};

const companyOrders = (shop: ShopState, companyId: number) => [...shop.orders.values()].filter((o) => o.company?.companyId === companyId);
const totalSpent = (shop: ShopState, orders: ReturnType<typeof companyOrders>) =>
  moneyV2(
    orders.reduce((s, o) => s + toShopMoney(o, orderReceived(o)), 0),
    shop.info.currency,
  );

export const companyResolvers: ResolverMap = {
  QueryRoot: {
    company: (_s, { id }, { shop }) => shop.companies.get(idOf(id, "Company") ?? -1) ?? null,
    companyLocation: (_s, { id }, { shop }) => shop.locations.get(idOf(id, "CompanyLocation") ?? -1) ?? null,
    companyContact: (_s, { id }, { shop }) => shop.contacts.get(idOf(id, "CompanyContact") ?? -1) ?? null,
    companies: (_s, args, ctx, info) => {
      const f = searchFilter(args.query, companySearch, [(c) => c.name]);
      noteSearch(ctx, info, args.query, f.warnings);
      return connection([...ctx.shop.companies.values()].filter(f.test), args, {
        CREATED_AT: (c) => c.createdAt.getTime(),
        UPDATED_AT: (c) => c.updatedAt.getTime(),
        NAME: (c) => c.name.toLowerCase(),
        ID: (c) => c.id,
      });
    },
  },
  Company: {
    id: (c: Company) => gid("Company", c.id),
    name: (c: Company) => c.name,
    externalId: (c: Company) => c.externalId,
    note: (c: Company) => c.note,
    createdAt: (c: Company) => time(c.createdAt),
    updatedAt: (c: Company) => time(c.updatedAt),
    customerSince: (c: Company) => time(c.createdAt),
    contactCount: (c: Company) => c.contactIds.length,
    contactsCount: (c: Company) => count(c.contactIds.length),
    locationsCount: (c: Company) => count(c.locationIds.length),
    ordersCount: (c: Company, _a, { shop }) => count(companyOrders(shop, c.id).length),
    mainContact: (c: Company, _a, { shop }) => c.contactIds.map((id) => shop.contacts.get(id)!).find((x) => x.isMainContact) ?? null,
    locations: (c: Company, args, { shop }) =>
      listConnection(
        c.locationIds.map((id) => shop.locations.get(id)!),
        args,
      ),
    contacts: (c: Company, args, { shop }) =>
      listConnection(
        c.contactIds.map((id) => shop.contacts.get(id)!),
        args,
      ),
    orders: (c: Company, args, ctx, info) => ordersConnection(companyOrders(ctx.shop, c.id), args, ctx, info),
    draftOrders: (c: Company, args, ctx, info) =>
      draftOrdersConnection(
        [...ctx.shop.draftOrders.values()].filter((d) => d.company?.companyId === c.id),
        args,
        ctx,
        info,
      ),
    totalSpent: (c: Company, _a, { shop }) => totalSpent(shop, companyOrders(shop, c.id)),
  },
  CompanyLocation: {
    id: (l: CompanyLocation) => gid("CompanyLocation", l.id),
    name: (l: CompanyLocation) => l.name,
    company: (l: CompanyLocation, _a, { shop }) => shop.companies.get(l.companyId),
    billingAddress: (l: CompanyLocation, _a, { shop }) => companyAddress(l, shop.companies.get(l.companyId)!),
    shippingAddress: (l: CompanyLocation, _a, { shop }) => companyAddress(l, shop.companies.get(l.companyId)!),
    phone: (l: CompanyLocation) => l.address.phone ?? null,
    locale: (l: CompanyLocation, _a, { shop }) => shop.info.locale,
    currency: (_l, _a, { shop }) => shop.info.currency,
    externalId: () => null,
    note: () => null,
    createdAt: (l: CompanyLocation) => time(l.createdAt),
    updatedAt: (l: CompanyLocation) => time(l.updatedAt),
    orderCount: (l: CompanyLocation, _a, { shop }) => [...shop.orders.values()].filter((o) => o.company?.locationId === l.id).length,
    orders: (l: CompanyLocation, args, ctx, info) =>
      ordersConnection(
        [...ctx.shop.orders.values()].filter((o) => o.company?.locationId === l.id),
        args,
        ctx,
        info,
      ),
    draftOrders: (l: CompanyLocation, args, ctx, info) =>
      draftOrdersConnection(
        [...ctx.shop.draftOrders.values()].filter((d) => d.company?.locationId === l.id),
        args,
        ctx,
        info,
      ),
    totalSpent: (l: CompanyLocation, _a, { shop }) =>
      totalSpent(
        shop,
        [...shop.orders.values()].filter((o) => o.company?.locationId === l.id),
      ),
  },
  CompanyContact: {
    id: (c: CompanyContact) => gid("CompanyContact", c.id),
    company: (c: CompanyContact, _a, { shop }) => shop.companies.get(c.companyId),
    customer: (c: CompanyContact, _a, { shop }) => shop.customers.get(c.customerId),
    isMainContact: (c: CompanyContact) => c.isMainContact,
    title: (c: CompanyContact) => c.title,
    locale: (c: CompanyContact, _a, { shop }) => shop.customers.get(c.customerId)?.locale ?? null,
    createdAt: (c: CompanyContact) => time(c.createdAt),
    updatedAt: (c: CompanyContact) => time(c.updatedAt),
    orders: (c: CompanyContact, args, ctx, info) =>
      ordersConnection(
        [...ctx.shop.orders.values()].filter((o) => o.company?.contactId === c.id),
        args,
        ctx,
        info,
      ),
  },
};
