// Shopify's numeric ids exceed 2^53 (820982911946154508 parses as
// …154500), so webhook bodies are parsed keeping every id-like number as the
// exact digits it was sent with (JSON.parse source text access, Node 21+).

type ReviverContext = { source?: string };

export function parseWebhookJson(text: string): unknown {
  return JSON.parse(text, function (this: unknown, key: string, value: unknown, context?: ReviverContext) {
    if (typeof value !== "number" || !context?.source) return value;
    const idLike = key === "id" || key.endsWith("_id");
    const unsafe = /^-?\d+$/.test(context.source) && !Number.isSafeInteger(value);
    return idLike || unsafe ? context.source : value;
  } as (this: unknown, key: string, value: unknown) => unknown);
}

/** "gid://shopify/Order/123" → "123"; numeric ids (already strings) pass through. */
export function numericTail(id: string | null | undefined): string | null {
  if (!id) return null;
  const match = /(\d+)$/.exec(id);
  return match ? match[1] : null;
}

export const gidFor = (type: string, id: string) => `gid://shopify/${type}/${id}`;
