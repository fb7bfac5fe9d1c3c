import { z } from "zod";

// Everything Quita reads from the environment, checked once at boot so a
// misconfigured deployment stops with one sentence instead of failing later
// inside a request.
const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/[^/]+/.test(value), {
  message: "must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/quita",
});

// An address or a name the server can bind: 0.0.0.0 (every interface), ::, 127.0.0.1, localhost...
const listenHost = z.string().refine((value) => [z.ipv4(), z.ipv6(), z.hostname()].some((format) => format.safeParse(value).success), {
  message: "must be an IP address or a host name to listen on, e.g. 0.0.0.0 or 127.0.0.1",
});

// Loopback only: requests carrying shop access tokens go there.
const doubleUrl = z.url({
  protocol: /^https?$/,
  hostname: /^(127\.0\.0\.1|localhost|\[::1\])$/,
  error: "must be an http(s) URL on this machine (127.0.0.1 or localhost)",
});

// The seams that let the demo and the tests stand a local Shopify in for the real one.
const DOUBLE_ONLY = ["SHOPIFY_DOUBLE_URL", "APP_BRIDGE_URL"] as const;

const EnvSchema = z
  .object({
    // "production" turns off the demo's seams (below) and listens on every interface by default.
    NODE_ENV: z.string().optional(),
    SHOPIFY_API_KEY: z.string().min(1),
    SHOPIFY_API_SECRET: z.string().min(1),
    SHOPIFY_APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://quita.example.com" }),
    SCOPES: z.string().min(1),
    // Unset: the embedded PostgreSQL (PGlite) in QUITA_DATA_DIR is used.
    DATABASE_URL: postgresUrl.optional(),
    // How many connections the app's pool may open; forced to 1 on PGlite.
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    QUITA_DATA_DIR: z.string().min(1).default(".data"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // Default: every interface (0.0.0.0) in production, this machine only (127.0.0.1) otherwise.
    HOST: listenHost.optional(),
    // Demo and test mode only: the local Shopify double that stands in for
    // https://{shop}.myshopify.com. Refused when NODE_ENV=production (below).
    SHOPIFY_DOUBLE_URL: doubleUrl.optional(),
    // Demo and test mode only: where pages load App Bridge from instead of
    // Shopify's CDN. The library's node adapter reads it at import.
    APP_BRIDGE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    // The in-process job runner (backfill, reconciliation) and webhook applier. Tests turn it off and run them themselves.
    QUITA_JOB_RUNNER: z.enum(["on", "off"]).default("on"),
  })
  .superRefine((env, context) => {
    // A production app must never route shop tokens to, or load scripts from, a stand-in.
    if (env.NODE_ENV !== "production") return;
    for (const name of DOUBLE_ONLY) {
      if (env[name] !== undefined)
        context.addIssue({ code: "custom", path: [name], message: "is for the demo and tests only: unset it when NODE_ENV=production" });
    }
  })
  .transform((env) => ({ ...env, HOST: env.HOST ?? (env.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1") }));

export type Env = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readEnv(raw: Record<string, string | undefined>): Env {
  // `NAME=` in a shell or an .env file means "not set", as for DATABASE_URL.
  const source = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ""));
  const parsed = EnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const missing = issue.code === "invalid_type" && source[name] === undefined;
    return missing ? `${name} is required but not set` : `${name} ${issue.message}`;
  });
  throw new ConfigError(`Invalid environment: ${problems.join("; ")}. See README.md, "Environment".`);
}

/**
 * Only the double's URL, checked as readEnv checks it (loopback, never in
 * production), for the clock: it is read on every `now()`, also by tests and
 * scripts that set no Shopify credentials.
 */
export function readDoubleUrl(raw: Record<string, string | undefined>): string | undefined {
  const value = raw.SHOPIFY_DOUBLE_URL;
  if (!value) return undefined;
  if (raw.NODE_ENV === "production")
    throw new ConfigError("Invalid environment: SHOPIFY_DOUBLE_URL is for the demo and tests only: unset it when NODE_ENV=production.");
  const parsed = doubleUrl.safeParse(value);
  if (!parsed.success) throw new ConfigError(`Invalid environment: SHOPIFY_DOUBLE_URL ${parsed.error.issues[0]?.message}. See README.md, "Environment".`);
  return parsed.data;
}
