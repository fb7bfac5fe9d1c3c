// Shopify ids are large integers; the example payloads even exceed 2^53. The double keeps
// every id below Number.MAX_SAFE_INTEGER so the REST payload's numeric `id` and the GraphQL
// gid always name the same number, whatever JSON parser the app uses.
export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;

export function parseGid(value: string): { type: string; id: number } | null {
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(value);
  return m ? { type: m[1], id: Number(m[2]) } : null;
}

export class IdSequence {
  private next: number;
  constructor(start = 7_300_000_000_000) {
    this.next = start;
  }
  take(): number {
    return this.next++;
  }
}

// Real cursors are base64 JSON of the sort position; apps must treat them as opaque.
export const encodeCursor = (lastId: number, lastValue: unknown) => Buffer.from(JSON.stringify({ last_id: lastId, last_value: lastValue })).toString("base64");

export function decodeCursor(cursor: string): { last_id: number; last_value: unknown } | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    return typeof v?.last_id === "number" ? v : null;
  } catch {
    return null;
  }
}
