import { gid } from "../ids";
import type { Address } from "../state";
import type { ResolverMap } from "./common";
import { time } from "./common";

export const shopResolvers: ResolverMap = {
  Shop: {
    id: (_s, _a, { shop }) => gid("Shop", shop.info.id),
    name: (_s, _a, { shop }) => shop.info.name,
    email: (_s, _a, { shop }) => shop.info.email,
    contactEmail: (_s, _a, { shop }) => shop.info.email,
    myshopifyDomain: (_s, _a, { shop }) => shop.info.domain,
    currencyCode: (_s, _a, { shop }) => shop.info.currency,
    enabledPresentmentCurrencies: (_s, _a, { shop }) => [shop.info.currency, "USD", "EUR"],
    ianaTimezone: (_s, _a, { shop }) => shop.info.ianaTimezone,
    timezoneAbbreviation: () => "BRT",
    createdAt: (_s, _a, { shop }) => time(shop.info.createdAt),
    shopOwnerName: (_s, _a, { shop }) => shop.info.ownerName,
    url: (_s, _a, { shop }) => `https://${shop.info.domain}`,
    billingAddress: (_s, _a, { shop }) => shopAddress(shop.info),
    shopAddress: (_s, _a, { shop }) => shopAddress(shop.info),
    primaryDomain: (_s, _a, { shop }) => ({
      id: gid("Domain", shop.info.id),
      host: shop.info.domain,
      url: `https://${shop.info.domain}`,
      sslEnabled: true,
      localization: null,
    }),
  },
};

function shopAddress(info: { id: number; address: Address; name: string }) {
  const a = info.address;
  return {
    id: gid("ShopAddress", info.id),
    address1: a.address1,
    address2: a.address2 ?? null,
    city: a.city,
    company: info.name,
    country: a.country,
    countryCodeV2: a.countryCode,
    countryCode: a.countryCode,
    province: a.province,
    provinceCode: a.provinceCode,
    zip: a.zip,
    phone: a.phone ?? null,
    firstName: null,
    lastName: null,
    name: info.name,
    coordinatesValidated: true,
    latitude: null,
    longitude: null,
    formattedArea: `${a.city} ${a.provinceCode}, ${a.country}`,
    formatted: [a.address1, `${a.zip} ${a.city} ${a.provinceCode}`, a.country],
  };
}
