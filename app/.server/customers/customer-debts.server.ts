import type { Prisma } from "../../generated/prisma/client";

/**
 * The ledger's rows of one customer, by the key the Collections tab names them with: their Shopify
 * customer, or for a debt with no customer (a draft for a guest) the debt itself.
 */
export function ofCustomer(customerKey: string): Prisma.ReceivableWhereInput {
  return { OR: [{ customerGid: customerKey }, { customerGid: null, resourceGid: customerKey }] };
}
