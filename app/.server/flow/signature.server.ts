import { createHmac, timingSafeEqual } from "node:crypto";
import { readEnv } from "../../env.server";

// Flow signs each action request as Shopify signs webhooks: HMAC-SHA256 of the raw body with the
// app's API secret, base64, in X-Shopify-Hmac-Sha256 (shopify-api's flow.validate checks the same).
// authenticate.flow answers a bad signature 400; Flow's docs ask for 401, which also tells our logs
// apart from a malformed request, so the route checks the signature first with this.

export function flowBodySignature(rawBody: string, secret: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
}

/** Whether the request carries Flow's signature of its body. Reads a clone: the body stays for authenticate.flow. */
export async function flowSignatureValid(request: Request): Promise<boolean> {
  const given = request.headers.get("x-shopify-hmac-sha256");
  if (!given) return false;
  const expected = Buffer.from(flowBodySignature(await request.clone().text(), readEnv(process.env).SHOPIFY_API_SECRET));
  const received = Buffer.from(given);
  return received.length === expected.length && timingSafeEqual(received, expected);
}
