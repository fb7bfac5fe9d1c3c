// Where a customer's page lives. A debtor is keyed by the customer's GID, or by
// the order's or draft's GID when it has no customer (docs: domain/overview.ts).
// A Shopify customer gets a short, shareable path (/app/customers/123); any other
// key travels whole, encoded.
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d+)$/;

export function customerPath(customerKey: string): string {
  const id = CUSTOMER_GID.exec(customerKey)?.[1];
  return `/app/customers/${id ?? encodeURIComponent(customerKey)}`;
}

/** The customer key a customer page's `$key` parameter names. */
export function customerKeyOfParam(param: string): string {
  return /^\d+$/.test(param) ? `gid://shopify/Customer/${param}` : decodeURIComponent(param);
}
