// The sentences Quita fails with when Shopify's Admin API says no, each saying what happened and
// what comes next. A leaf module: the client (admin-graphql.server.ts) and the resource modules
// import it, it imports nothing of theirs.

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

/** Shopify kept saying "not now" (THROTTLED or 429) after every wait Quita allows one request. */
export class ShopifyBusyError extends Error {
  override name = "ShopifyBusyError";
  constructor(
    readonly operation: string,
    readonly answer: "THROTTLED" | "429",
    readonly tries: number,
  ) {
    super(
      answer === "THROTTLED"
        ? `Shopify kept throttling ${operation} (the store's API budget did not refill enough) after ${tries} tries; Quita will try again later.`
        : `Shopify kept answering 429 (too many requests) to ${operation} after ${tries} tries; Quita will try again later.`,
    );
  }
}

/** A read, or a change that is safe to repeat, met a server error (5xx) or no answer every time it was tried. */
export class ShopifyUnavailableError extends Error {
  override name = "ShopifyUnavailableError";
  constructor(
    readonly operation: string,
    readonly status: number | null,
    readonly tries: number,
  ) {
    super(`Shopify's Admin API ${answered(status)} to ${operation} ${tries} times in a row; Quita will try again later.`);
  }
}

/**
 * A change that is not safe to repeat (an email sent, a Flow trigger fired) met a server error or
 * no answer: Shopify may or may not have done it. Quita does not send it again blindly; the caller
 * records the outcome as unknown.
 */
export class ShopifyOutcomeUnknownError extends Error {
  override name = "ShopifyOutcomeUnknownError";
  constructor(
    readonly operation: string,
    readonly status: number | null,
  ) {
    super(`Shopify's Admin API ${answered(status)} to ${operation}, so whether it took effect is unknown; Quita does not repeat it blindly.`);
  }
}

const answered = (status: number | null) => (status === null ? "did not answer" : `answered ${status} (a server error)`);
