import { z } from "zod";

// Everything Quita reads from the environment, checked once at boot so a
// misconfigured deployment stops with one sentence instead of failing later
// inside a request.
const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^/]+/.test(value), {
    message: "must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/quita",
  });

const EnvSchema = z.object({
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
  // Demo and test mode only: the local Shopify double that stands in for
  // https://{shop}.myshopify.com. Never set in production.
  // Loopback only: requests carrying shop access tokens go there.
  SHOPIFY_DOUBLE_URL: z
    .url({ protocol: /^https?$/, hostname: /^(127\.0\.0\.1|localhost|\[::1\])$/, error: "must be an http(s) URL on this machine (127.0.0.1 or localhost)" })
    .optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  // The in-process job runner (backfill, reconciliation) and webhook applier. Tests turn it off and run them themselves.
  QUITA_JOB_RUNNER: z.enum(["on", "off"]).default("on"),
});

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
