import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { apiVersion } from "../../app/shopify-api-version";

// Shopify's own Admin API introspection, as shipped in @shopify/dev-mcp: the
// contract every document Quita sends is checked against.
export interface AdminIntrospection {
  data: { __schema: IntrospectionQuery["__schema"] };
  /** The access scope each type or field needs, e.g. {"Order": ["read_orders"]}. */
  offline_scopes?: unknown;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function adminIntrospectionPath(version = apiVersion): string {
  // The package exports only its entry point, so its data folder is found on disk.
  return path.join(repoRoot, "node_modules", "@shopify", "dev-mcp", "dist", "data", `admin_${version}.json.gz`);
}

let cached: { introspection: AdminIntrospection; schema: GraphQLSchema } | undefined;

export function loadAdminSchema(): { introspection: AdminIntrospection; schema: GraphQLSchema } {
  if (!cached) {
    const introspection = JSON.parse(gunzipSync(readFileSync(adminIntrospectionPath())).toString("utf8")) as AdminIntrospection;
    cached = { introspection, schema: buildClientSchema(introspection.data as IntrospectionQuery) };
  }
  return cached;
}
