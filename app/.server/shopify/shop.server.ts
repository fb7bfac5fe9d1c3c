import type { ShopIdentityQuery } from "../../types/admin.generated";
import { runAdminOperation, type AdminGraphql } from "./admin-graphql.server";

const SHOP_IDENTITY = `#graphql
  query ShopIdentity {
    shop {
      name
      email
      myshopifyDomain
      currencyCode
      ianaTimezone
      billingAddress {
        company
        address1
        address2
        city
        provinceCode
        zip
        countryCodeV2
      }
    }
  }
`;

export type ShopIdentity = ShopIdentityQuery["shop"];

export async function fetchShopIdentity(graphql: AdminGraphql): Promise<ShopIdentity> {
  const data = await runAdminOperation<ShopIdentityQuery>(graphql, "ShopIdentity", SHOP_IDENTITY);
  return data.shop;
}
