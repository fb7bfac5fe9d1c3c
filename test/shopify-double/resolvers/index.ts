import { bulkResolvers } from "./bulk";
import { companyResolvers } from "./companies";
import { customerResolvers } from "./customers";
import { discountResolvers } from "./discounts";
import { draftOrderResolvers } from "./draft-orders";
import { miscResolvers } from "./misc";
import { orderMutationResolvers } from "./order-mutations";
import { orderResolvers } from "./orders";
import { shopResolvers } from "./shop";
import type { ResolverMap } from "./common";

export { unwrap } from "./common";

function merge(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const m of maps) for (const [type, fields] of Object.entries(m)) out[type] = { ...out[type], ...fields };
  return out;
}

/** Every type the double models, by GraphQL type name. Types absent here are value objects. */
export const resolvers: ResolverMap = merge(
  shopResolvers,
  customerResolvers,
  companyResolvers,
  orderResolvers,
  orderMutationResolvers,
  draftOrderResolvers,
  discountResolvers,
  miscResolvers,
  bulkResolvers,
);
