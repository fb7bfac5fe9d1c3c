import { describe, expect, it } from "vitest";
import { ConfigError, readDoubleUrl, readEnv } from "../../app/env.server";
import { now } from "../../app/.server/clock.server";

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
      new ConfigError(
        'Invalid environment: SHOPIFY_API_KEY is required but not set; SHOPIFY_API_SECRET is required but not set; SHOPIFY_APP_URL is required but not set. See README.md, "Environment".',
      ),
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

describe("the address the server listens on (HOST)", () => {
  it("is every interface in production, so a load balancer or a container's port mapping reaches it", () => {
    expect(readEnv({ ...valid, NODE_ENV: "production" }).HOST).toBe("0.0.0.0");
  });

  it("is this machine only otherwise: the demo and development are not exposed to the network", () => {
    expect(readEnv(valid).HOST).toBe("127.0.0.1");
    expect(readEnv({ ...valid, NODE_ENV: "development" }).HOST).toBe("127.0.0.1");
  });

  it("can be set to an address or a name, and a URL is refused", () => {
    expect(readEnv({ ...valid, NODE_ENV: "production", HOST: "10.0.0.5" }).HOST).toBe("10.0.0.5");
    expect(readEnv({ ...valid, HOST: "::" }).HOST).toBe("::");
    expect(readEnv({ ...valid, HOST: "app.internal" }).HOST).toBe("app.internal");
    expect(() => readEnv({ ...valid, HOST: "http://0.0.0.0:3000" })).toThrow(/HOST must be an IP address or a host name to listen on/);
  });
});

describe("the local Shopify double's seams in production", () => {
  const seams = { SHOPIFY_DOUBLE_URL: "http://127.0.0.1:3100", APP_BRIDGE_URL: "http://127.0.0.1:3100/_double/app-bridge.js" };

  it("are refused, each named, in one sentence", () => {
    expect(() => readEnv({ ...valid, NODE_ENV: "production", ...seams })).toThrow(
      new ConfigError(
        'Invalid environment: SHOPIFY_DOUBLE_URL is for the demo and tests only: unset it when NODE_ENV=production; APP_BRIDGE_URL is for the demo and tests only: unset it when NODE_ENV=production. See README.md, "Environment".',
      ),
    );
    expect(() => readEnv({ ...valid, NODE_ENV: "production", APP_BRIDGE_URL: seams.APP_BRIDGE_URL })).toThrow(/APP_BRIDGE_URL is for the demo and tests only/);
  });

  it("are accepted in the demo and the tests", () => {
    expect(readEnv({ ...valid, ...seams })).toMatchObject(seams);
    expect(readEnv({ ...valid, NODE_ENV: "test", ...seams })).toMatchObject(seams);
  });
});

describe("the local Shopify double's URL", () => {
  it("is accepted only on this machine, since shop access tokens are sent there", () => {
    expect(readEnv({ ...valid, SHOPIFY_DOUBLE_URL: "http://127.0.0.1:3100" }).SHOPIFY_DOUBLE_URL).toBe("http://127.0.0.1:3100");
    expect(() => readEnv({ ...valid, SHOPIFY_DOUBLE_URL: "https://double.example.com" })).toThrow(
      /SHOPIFY_DOUBLE_URL must be an http\(s\) URL on this machine/,
    );
  });
});

describe("the clock's seam (app/.server/clock.server.ts)", () => {
  it("follows the double's URL only as the environment check accepts it: on this machine, never in production", async () => {
    expect(readDoubleUrl({ SHOPIFY_DOUBLE_URL: "http://127.0.0.1:3100" })).toBe("http://127.0.0.1:3100");
    expect(readDoubleUrl({ SHOPIFY_DOUBLE_URL: "" })).toBeUndefined();
    expect(() => readDoubleUrl({ SHOPIFY_DOUBLE_URL: "https://clock.example.com" })).toThrow(/SHOPIFY_DOUBLE_URL must be an http\(s\) URL on this machine/);
    expect(() => readDoubleUrl({ NODE_ENV: "production", SHOPIFY_DOUBLE_URL: "http://127.0.0.1:3100" })).toThrow(/for the demo and tests only/);

    // Business time never comes from a clock elsewhere on the network
    const before = process.env.SHOPIFY_DOUBLE_URL;
    process.env.SHOPIFY_DOUBLE_URL = "https://clock.example.com";
    try {
      await expect(now()).rejects.toThrow(ConfigError);
    } finally {
      if (before === undefined) delete process.env.SHOPIFY_DOUBLE_URL;
      else process.env.SHOPIFY_DOUBLE_URL = before;
    }
  });
});
