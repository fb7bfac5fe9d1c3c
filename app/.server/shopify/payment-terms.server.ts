import type { PaymentTermsOwnerQuery } from "../../types/admin.generated";
import { runAdminOperation, type AdminGraphql } from "./admin-graphql.server";

// payment_terms/* bodies don't say whose terms they are: ask Shopify.
const PAYMENT_TERMS_OWNER = `#graphql
  query PaymentTermsOwner($id: ID!) {
    node(id: $id) {
      ... on PaymentTerms {
        order { id }
        draftOrder { id }
      }
    }
  }
`;

export async function fetchPaymentTermsOwner(graphql: AdminGraphql, termsId: string): Promise<{ orderGid: string | null; draftOrderGid: string | null }> {
  const data = await runAdminOperation<PaymentTermsOwnerQuery>(graphql, "PaymentTermsOwner", PAYMENT_TERMS_OWNER, {
    id: `gid://shopify/PaymentTerms/${termsId}`,
  });
  const node = data.node as { order?: { id: string } | null; draftOrder?: { id: string } | null } | null;
  return { orderGid: node?.order?.id ?? null, draftOrderGid: node?.draftOrder?.id ?? null };
}
