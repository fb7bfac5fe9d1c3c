import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

export type AdminGraphql = AdminApiContext["graphql"];

export class ShopifyUserError extends Error {
  override name = "ShopifyUserError";
  constructor(
    readonly operation: string,
    readonly userErrors: { field?: string[] | null; message: string }[],
  ) {
    super(`${operation} was refused by Shopify: ${userErrors.map((e) => e.message).join("; ")}`);
  }
}

/** Runs one named operation and returns its `data`, failing loudly on GraphQL errors. */
export async function runAdminOperation<T>(
  graphql: AdminGraphql,
  operation: string,
  document: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const response = await graphql(document, variables ? { variables } : undefined);
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) {
    throw new Error(`${operation} failed: ${body.errors.map((e) => e.message).join("; ")}`);
  }
  if (!body.data) throw new Error(`${operation} returned no data`);
  return body.data;
}
