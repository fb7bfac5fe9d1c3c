import { describe, expect, it } from "vitest";
import { ConfigError, readEnv } from "../../app/env.server";

const valid = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret", SHOPIFY_APP_URL: "https://quita.example", SCOPES: "read_orders" };

describe("environment checked at boot", () => {
  it("defaults to the embedded database and port 3000", () => {
    const env = readEnv(valid);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.QUITA_DATA_DIR).toBe(".data");
    expect(env.PORT).toBe(3000);
  });

  it("names every missing variable in one sentence", () => {
    expect(() => readEnv({ SCOPES: "read_orders" })).toThrow(
      new ConfigError('Invalid environment: SHOPIFY_API_KEY is required but not set; SHOPIFY_API_SECRET is required but not set; SHOPIFY_APP_URL is required but not set. See README.md, "Environment".'),
    );
  });

  it("refuses a DATABASE_URL that is not PostgreSQL", () => {
    expect(() => readEnv({ ...valid, DATABASE_URL: "mysql://root@localhost/quita" })).toThrow(/DATABASE_URL must be a postgres:\/\//);
    expect(readEnv({ ...valid, DATABASE_URL: "postgresql://app:pw@db:5432/quita" }).DATABASE_URL).toBe("postgresql://app:pw@db:5432/quita");
  });

  it("refuses an app URL that is not a URL and a port out of range", () => {
    expect(() => readEnv({ ...valid, SHOPIFY_APP_URL: "localhost:3000", PORT: "70000" })).toThrow(/SHOPIFY_APP_URL .*; PORT /);
  });
});

describe("an empty variable", () => {
  it("counts as unset, so DATABASE_URL= means the embedded database", () => {
    expect(readEnv({ ...valid, DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    expect(() => readEnv({ ...valid, SHOPIFY_API_KEY: "" })).toThrow(/SHOPIFY_API_KEY is required but not set/);
  });
});

describe("the local Shopify double's URL", () => {
  it("is accepted only on this machine, since shop access tokens are sent there", () => {
    expect(readEnv({ ...valid, SHOPIFY_DOUBLE_URL: "http://127.0.0.1:3100" }).SHOPIFY_DOUBLE_URL).toBe("http://127.0.0.1:3100");
    expect(() => readEnv({ ...valid, SHOPIFY_DOUBLE_URL: "https://double.example.com" })).toThrow(/SHOPIFY_DOUBLE_URL must be an http\(s\) URL on this machine/);
  });
});
