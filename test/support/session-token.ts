import { createHmac, randomUUID } from "node:crypto";

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** An App Bridge session token as Shopify's admin mints it: a JWT signed (HS256) with the app secret. */
export function mintSessionToken(options: { shop: string; apiKey: string; apiSecret: string; userId?: string; now?: Date; ttlSeconds?: number }): string {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: `https://${options.shop}/admin`,
      dest: `https://${options.shop}`,
      aud: options.apiKey,
      sub: options.userId ?? "1",
      exp: issuedAt + (options.ttlSeconds ?? 60),
      nbf: issuedAt,
      iat: issuedAt,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", options.apiSecret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}
