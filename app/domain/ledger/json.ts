// Shopify's numeric ids exceed 2^53 (820982911946154508 parses as
// …154500), so webhook bodies are parsed keeping the exact digits of every
// number under an id-like key ("id", "…_id") and of every integer too big for
// a double. A JSON.parse reviver with source access does the same but costs
// five times a plain parse, on every delivery twice (accept, apply); instead,
// one pass over the text quotes those number tokens, skipping strings, and
// JSON.parse does the rest. Quoting a valid number token keeps invalid JSON
// invalid and valid JSON valid.

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const idLike = (key: string) => key === "id" || key.endsWith("_id");

export function parseWebhookJson(text: string): unknown {
  const parts: string[] = [];
  let copied = 0;
  let keyStart = 0;
  let keyEnd = 0;
  let previous = 0; // the last significant character before the current token
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      keyStart = ++i;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      keyEnd = i++;
      previous = 0x22;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i++;
        else break;
      }
      const literal = text.slice(start, i);
      if (NUMBER.test(literal) && ((previous === 0x3a && idLike(keyOf(text, keyStart, keyEnd))) || unsafeInteger(literal))) {
        parts.push(text.slice(copied, start), '"', literal, '"');
        copied = i;
      }
      previous = 0x30;
    } else {
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) previous = c;
      i++;
    }
  }
  if (parts.length === 0) return JSON.parse(text);
  parts.push(text.slice(copied));
  return JSON.parse(parts.join(""));
}

function keyOf(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
}

const unsafeInteger = (literal: string) => literal.length >= 16 && /^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal));

/** "gid://shopify/Order/123" → "123"; numeric ids (already strings) pass through. */
export function numericTail(id: string | null | undefined): string | null {
  if (!id) return null;
  const match = /(\d+)$/.exec(id);
  return match ? match[1] : null;
}

export const gidFor = (type: string, id: string) => `gid://shopify/${type}/${id}`;
