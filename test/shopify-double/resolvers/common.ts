import type { GraphQLResolveInfo } from "graphql";
import { parseGid } from "../ids";
import { moneyV2, type Cents } from "../money";
import type { Address, Company, CompanyLocation } from "../state";
import type { Ctx } from "../graphql";
import { gqlTime } from "../time";

export type Resolver = (source: any, args: any, ctx: Ctx, info: GraphQLResolveInfo) => unknown;
export type TypeResolvers = Record<string, Resolver>;
export type ResolverMap = Record<string, TypeResolvers>;

/** Records in abstract positions (node, unions) carry their type; model resolvers get the record. */
export const as = (typename: string, record: unknown) => (record == null ? null : { __typename: typename, __record: record });
export const unwrap = (source: any) => (source && typeof source === "object" && "__record" in source ? source.__record : source);

export const idOf = (value: string, type: string): number | null => {
  const p = parseGid(value);
  return p && p.type === type ? p.id : null;
};

export const moneyBag = (shopCents: Cents, shopCurrency: string, presCents: Cents, presCurrency: string) => ({
  shopMoney: moneyV2(shopCents, shopCurrency),
  presentmentMoney: moneyV2(presCents, presCurrency),
});

export const time = gqlTime;
export const count = (n: number) => ({ count: n, precision: "EXACT" });

export function mailingAddress(a: Address | null, id: number, name?: { first: string; last: string }) {
  if (!a) return null;
  const firstName = a.firstName ?? name?.first ?? null;
  const lastName = a.lastName ?? name?.last ?? null;
  return {
    id: `gid://shopify/MailingAddress/${id}?model_name=CustomerAddress`,
    address1: a.address1,
    address2: a.address2 ?? null,
    city: a.city,
    company: a.company ?? null,
    country: a.country,
    countryCode: a.countryCode,
    countryCodeV2: a.countryCode,
    province: a.province,
    provinceCode: a.provinceCode,
    zip: a.zip,
    phone: a.phone ?? null,
    firstName,
    lastName,
    name: [firstName, lastName].filter(Boolean).join(" ") || null,
    formattedArea: `${a.city} ${a.provinceCode}, ${a.country}`,
    formatted: [a.address1, a.address2, `${a.city} ${a.provinceCode} ${a.zip}`, a.country].filter(Boolean),
    coordinatesValidated: false,
    latitude: null,
    longitude: null,
    timeZone: null,
  };
}

export function companyAddress(loc: CompanyLocation, company: Company) {
  const a = loc.address;
  return {
    id: `gid://shopify/CompanyAddress/${loc.id}`,
    address1: a.address1,
    address2: a.address2 ?? null,
    city: a.city,
    companyName: company.name,
    country: a.country,
    countryCode: a.countryCode,
    province: a.province,
    zoneCode: a.provinceCode,
    zip: a.zip,
    phone: a.phone ?? null,
    firstName: a.firstName ?? null,
    lastName: a.lastName ?? null,
    recipient: null,
    formattedArea: `${a.city} ${a.provinceCode}, ${a.country}`,
    formattedAddress: [a.address1, `${a.city} ${a.provinceCode} ${a.zip}`, a.country],
    createdAt: time(loc.createdAt),
    updatedAt: time(loc.updatedAt),
  };
}

export const userError = (field: string[] | null, message: string, code?: string) => (code ? { field, message, code } : { field, message });

/** Records a search's unknown fields on the response, like Shopify's `extensions.search`. */
export function noteSearch(ctx: Ctx, info: GraphQLResolveInfo, query: string | null | undefined, warnings: { field: string; message: string }[]) {
  if (query && warnings.length) ctx.searchWarnings.push({ path: [info.path.key as string], query, warnings });
}
