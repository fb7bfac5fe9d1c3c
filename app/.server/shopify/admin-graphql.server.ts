import { GraphqlQueryError, HttpInternalError, HttpRequestError, HttpResponseError, HttpThrottlingError } from "@shopify/shopify-api";
import { ShopifyAccessRejectedError, ShopifyBusyError, ShopifyOutcomeUnknownError, ShopifyUnavailableError } from "./admin-errors.server";
import { pacerOf, type AdminGraphql, type QueryCost, type ShopPacer } from "./admin-pacing.server";

// Every Admin API call of the app goes through runAdminOperation, on the library's admin.graphql
// client (which is what carries the session and the API version). Here Shopify's "not now" answers
// are waited out, each by what Shopify says about it:
// - THROTTLED inside a 200: the request was not run; the bucket refills at the restore rate, so it
//   is sent again once the bucket holds its requested cost (and requests are paced to the bucket
//   beforehand, so a THROTTLED is rare: admin-pacing.server.ts).
// - 429: not run either; nothing goes to the shop until its Retry-After has passed.
// - 5xx or no answer: a read is tried again after an exponential back-off with jitter, a few
//   times, then fails with a sentence (jobs are retried later by pg-boss, so a call here only
//   rides out a blip). A change may have been made before the error: it is repeated only when the
//   caller says it is safe to (`repeatable`), otherwise it fails as an unknown outcome, for the
//   caller to record rather than to send a second email.

export type { AdminGraphql } from "./admin-pacing.server";
export { pacedForShop, shopPacer, ShopPacer, wallTime, type PacingTime } from "./admin-pacing.server";
export { ShopifyAccessRejectedError, ShopifyBusyError, ShopifyOutcomeUnknownError, ShopifyUnavailableError, ShopifyUserError } from "./admin-errors.server";

const THROTTLE_RETRIES = 8;
const RATE_LIMIT_RETRIES = 3;
const SERVER_ERROR_RETRIES = 3;
const SERVER_ERROR_BACKOFF_MS = 250;
/** Shopify sends Retry-After with a 429; should it not, wait this long. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

export interface OperationOptions {
  /** A change that has the same effect however often it runs (it sets a value, or carries an `@idempotent` key): retried after a server error like a read. */
  repeatable?: boolean;
}

interface AdminBody<T> {
  data?: T;
  errors?: { message: string }[];
  extensions?: { cost?: QueryCost };
}

type Failure =
  | { kind: "throttled"; cost: QueryCost | null }
  | { kind: "rateLimited"; waitMs: number }
  | { kind: "serverError"; status: number | null }
  | { kind: "fatal"; error: unknown };

/**
 * The library throws for anything but a clean answer: a GraphqlQueryError for GraphQL errors,
 * THROTTLED included (its body keeps the cost extension), an HttpThrottlingError for 429 (with
 * Retry-After in seconds), an HttpInternalError for 5xx, an HttpRequestError when nothing came back.
 */
function classify(error: unknown): Failure {
  if (error instanceof HttpThrottlingError) {
    const seconds = (error.response as { retryAfter?: number }).retryAfter;
    return { kind: "rateLimited", waitMs: seconds !== undefined && Number.isFinite(seconds) ? seconds * 1_000 : DEFAULT_RETRY_AFTER_MS };
  }
  if (error instanceof HttpInternalError) return { kind: "serverError", status: error.response.code };
  if (error instanceof HttpResponseError && error.response.code === 401) return { kind: "fatal", error: new ShopifyAccessRejectedError() };
  if (error instanceof HttpRequestError) return { kind: "serverError", status: null };
  if (error instanceof GraphqlQueryError) {
    const body = error.body as { errors?: { graphQLErrors?: { extensions?: { code?: string } }[] }; extensions?: { cost?: QueryCost } } | undefined;
    const errors = body?.errors?.graphQLErrors;
    if (errors?.length && errors.every((e) => e.extensions?.code === "THROTTLED")) return { kind: "throttled", cost: body?.extensions?.cost ?? null };
  }
  return { kind: "fatal", error };
}

const isMutation = (document: string) => /^\s*(?:#[^\n]*\n\s*)*mutation\b/.test(document);

/** Exponential, with half of it random ("equal jitter"): retries from many callers do not land together. */
const backoffMs = (attempt: number, pacer: ShopPacer) => {
  const full = SERVER_ERROR_BACKOFF_MS * 2 ** (attempt - 1);
  return Math.round(full / 2 + (pacer.time.random() * full) / 2);
};

/** How a failed try goes on: the retry's wait (or none), or the error to fail with. */
async function afterFailure(
  failure: Failure,
  operation: string,
  repeatable: boolean,
  tries: Record<"throttled" | "rateLimited" | "serverError", number>,
  pacer: ShopPacer,
) {
  switch (failure.kind) {
    case "throttled": {
      pacer.stats.throttled++;
      if (++tries.throttled > THROTTLE_RETRIES) throw new ShopifyBusyError(operation, "THROTTLED", tries.throttled);
      // The pacer now waits for the bucket to hold the cost Shopify asked for; should the bucket
      // already seem to hold it (no cost in the answer), wait a little longer each time instead.
      if ((pacer.room() ?? 0) >= pacer.costOf(operation)) await pacer.time.sleep(100 * tries.throttled);
      return;
    }
    case "rateLimited":
      pacer.stats.rateLimited++;
      if (++tries.rateLimited > RATE_LIMIT_RETRIES) throw new ShopifyBusyError(operation, "429", tries.rateLimited);
      pacer.pause(failure.waitMs);
      return;
    case "serverError":
      pacer.stats.serverErrors++;
      if (!repeatable) throw new ShopifyOutcomeUnknownError(operation, failure.status);
      if (++tries.serverError > SERVER_ERROR_RETRIES) throw new ShopifyUnavailableError(operation, failure.status, tries.serverError);
      await pacer.time.sleep(backoffMs(tries.serverError, pacer));
      return;
    case "fatal":
      throw failure.error;
  }
}

async function send<T>(graphql: AdminGraphql, operation: string, document: string, variables: Record<string, unknown> | undefined, repeatable: boolean) {
  const pacer = pacerOf(graphql);
  const tries = { throttled: 0, rateLimited: 0, serverError: 0 };
  for (;;) {
    const reservation = await pacer.reserve(operation);
    pacer.stats.sent++;
    let body: AdminBody<T>;
    try {
      const response = await graphql(document, variables ? { variables } : undefined);
      body = (await response.json()) as AdminBody<T>;
    } catch (error) {
      const failure = classify(error);
      pacer.settle(reservation, failure.kind === "throttled" ? failure.cost : null);
      await afterFailure(failure, operation, repeatable, tries, pacer);
      continue;
    }
    pacer.settle(reservation, body.extensions?.cost);
    return body;
  }
}

/** Runs one named operation and returns its `data`, failing loudly on GraphQL errors. */
export async function runAdminOperation<T>(
  graphql: AdminGraphql,
  operation: string,
  document: string,
  variables?: Record<string, unknown>,
  options: OperationOptions = {},
): Promise<T> {
  const body = await send<T>(graphql, operation, document, variables, options.repeatable ?? !isMutation(document));
  if (body.errors?.length) {
    throw new Error(`${operation} failed: ${body.errors.map((e) => e.message).join("; ")}`);
  }
  if (!body.data) throw new Error(`${operation} returned no data`);
  return body.data;
}
