import crypto from "node:crypto";

// App Bridge session tokens (HS256 JWTs signed with the app secret) and the access tokens the
// token-exchange endpoint issues. Times here are real time, not the double's clock: the app
// verifies JWTs and session expiry against Date.now().

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

export function mintSessionToken(opts: {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId?: number | string;
  expiresInSeconds?: number;
  now?: number;
}): string {
  const iat = Math.floor((opts.now ?? Date.now()) / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${opts.shop}/admin`,
    dest: `https://${opts.shop}`,
    aud: opts.apiKey,
    sub: String(opts.userId ?? STAFF_USER.id),
    exp: iat + (opts.expiresInSeconds ?? 60),
    nbf: iat,
    iat,
    jti: crypto.randomUUID(),
    sid: crypto
      .createHash("sha256")
      .update(`${opts.shop}:${opts.userId ?? STAFF_USER.id}`)
      .digest("hex")
      .slice(0, 32),
  };
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  const sig = crypto.createHmac("sha256", opts.apiSecret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

/** Throws with a reason when the token is not one the app's secret signed, or is stale. */
export function verifySessionToken(token: string, apiSecret: string, nowMs = Date.now()): SessionTokenClaims {
  const parts = token.split(".");
  if (parts.length !== 3) throw new Error("malformed token");
  const expected = crypto.createHmac("sha256", apiSecret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw new Error("signature verification failed");
  const header = JSON.parse(Buffer.from(parts[0], "base64url").toString());
  if (header.alg !== "HS256") throw new Error("unsupported alg");
  const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString()) as SessionTokenClaims;
  const now = Math.floor(nowMs / 1000);
  // Shopify's own verifier allows 10 s of clock skew (shopify-api JWT_PERMITTED_CLOCK_TOLERANCE).
  if (claims.exp + 10 < now) throw new Error("token expired");
  if (claims.nbf - 10 > now) throw new Error("token not yet valid");
  return claims;
}

export const STAFF_USER = {
  id: 84_200_100_001,
  first_name: "Marina",
  last_name: "Couto",
  email: "marina@casa-aurora.example",
  account_owner: true,
  locale: "pt-BR",
  collaborator: false,
  email_verified: true,
};

export interface AccessToken {
  token: string;
  shop: string;
  kind: "offline" | "online";
  scopes: string[];
  userId: number | null;
  expiresAt: number | null;
  refreshToken: string | null;
  refreshExpiresAt: number | null;
}

export class TokenRegistry {
  private byToken = new Map<string, AccessToken>();
  private byRefresh = new Map<string, AccessToken>();

  issue(shop: string, kind: "offline" | "online", scopes: string[], expiring: boolean): AccessToken {
    const now = Date.now();
    const t: AccessToken = {
      token: `${kind === "offline" ? "shpat" : "shpua"}_${crypto.randomBytes(16).toString("hex")}`,
      shop,
      kind,
      scopes,
      userId: kind === "online" ? STAFF_USER.id : null,
      expiresAt: kind === "online" ? now + 86_399_000 : expiring ? now + 3_600_000 : null,
      refreshToken: kind === "offline" && expiring ? `shprt_${crypto.randomBytes(16).toString("hex")}` : null,
      refreshExpiresAt: kind === "offline" && expiring ? now + 7_776_000_000 : null,
    };
    this.byToken.set(t.token, t);
    if (t.refreshToken) this.byRefresh.set(t.refreshToken, t);
    return t;
  }

  lookup(token: string | null | undefined): AccessToken | null {
    const t = token ? this.byToken.get(token) : undefined;
    if (!t || (t.expiresAt !== null && t.expiresAt < Date.now())) return null;
    return t;
  }

  /** Rotates: the old access and refresh tokens stop working, as with Shopify's expiring tokens. */
  refresh(refreshToken: string): AccessToken | null {
    const old = this.byRefresh.get(refreshToken);
    if (!old || (old.refreshExpiresAt ?? 0) < Date.now()) return null;
    this.byRefresh.delete(refreshToken);
    this.byToken.delete(old.token);
    return this.issue(old.shop, "offline", old.scopes, true);
  }

  revokeShop(shop: string) {
    for (const [k, t] of this.byToken) if (t.shop === shop) this.byToken.delete(k);
    for (const [k, t] of this.byRefresh) if (t.shop === shop) this.byRefresh.delete(k);
  }

  toResponse(t: AccessToken) {
    const base: Record<string, unknown> = { access_token: t.token, scope: t.scopes.join(",") };
    if (t.kind === "online") {
      return {
        ...base,
        expires_in: Math.round((t.expiresAt! - Date.now()) / 1000),
        associated_user_scope: t.scopes.join(","),
        session: crypto.createHash("sha256").update(t.token).digest("hex"),
        account_number: 0,
        associated_user: STAFF_USER,
      };
    }
    if (t.refreshToken) {
      return {
        ...base,
        expires_in: Math.round((t.expiresAt! - Date.now()) / 1000),
        refresh_token: t.refreshToken,
        refresh_token_expires_in: Math.round((t.refreshExpiresAt! - Date.now()) / 1000),
      };
    }
    return base;
  }
}
