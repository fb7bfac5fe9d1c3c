import { HttpResponseError } from "@shopify/shopify-api";
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

/**
 * Shopify answered 401 to the shop's stored access token (the app was reinstalled, its access
 * revoked, or a local Shopify started afresh). In a page request Shopify's library handles it
 * (drops the token, exchanges a new one); background work cannot, and fails with this sentence
 * until the merchant opens Quita again.
 */
export class ShopifyAccessRejectedError extends Error {
  override name = "ShopifyAccessRejectedError";
  constructor() {
    super("Shopify did not accept Quita's access to this store. Open Quita again from your Shopify admin to reconnect.");
  }
}

interface Cost {
  requestedQueryCost: number;
  throttleStatus: { currentlyAvailable: number; restoreRate: number };
}
interface AdminBody<T> {
  data?: T;
  errors?: { message: string }[];
}

/** A THROTTLED answer is retried once the bucket holds the query's cost again, this many times. */
const THROTTLE_RETRIES = 8;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The library throws a GraphqlQueryError for any GraphQL error, THROTTLED
 * included; its body keeps the cost extension, which says how long the leaky
 * bucket needs before it can pay for this query.
 */
function throttleWaitMs(error: unknown): number | null {
  const body = (error as { body?: { errors?: { graphQLErrors?: { extensions?: { code?: string } }[] }; extensions?: { cost?: Cost } } })?.body;
  const errors = body?.errors?.graphQLErrors;
  if (!errors?.length || !errors.every((e) => e.extensions?.code === "THROTTLED")) return null;
  const cost = body?.extensions?.cost;
  if (!cost) return 1_000;
  const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
  return Math.max(100, Math.ceil((missing / cost.throttleStatus.restoreRate) * 1_000));
}

async function send(graphql: AdminGraphql, document: string, variables?: Record<string, unknown>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await graphql(document, variables ? { variables } : undefined);
    } catch (error) {
      if (error instanceof HttpResponseError && error.response.code === 401) throw new ShopifyAccessRejectedError();
      const wait = attempt < THROTTLE_RETRIES ? throttleWaitMs(error) : null;
      if (wait === null) throw error;
      await sleep(wait);
    }
  }
}

/** Runs one named operation and returns its `data`, failing loudly on GraphQL errors. */
export async function runAdminOperation<T>(graphql: AdminGraphql, operation: string, document: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await send(graphql, document, variables);
  const body = (await response.json()) as AdminBody<T>;
  if (body.errors?.length) {
    throw new Error(`${operation} failed: ${body.errors.map((e) => e.message).join("; ")}`);
  }
  if (!body.data) throw new Error(`${operation} returned no data`);
  return body.data;
}
