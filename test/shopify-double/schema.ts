import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { buildClientSchema, type GraphQLSchema } from "graphql";

// Shopify's own Admin API introspection (shipped in @shopify/dev-mcp). Loading it takes about
// half a second (11 MB of JSON), so it is built once per process and shared by every double.

export const ADMIN_API_VERSION = "2026-10";

export interface AdminSchema {
  schema: GraphQLSchema;
  /** "Type.field" → scopes, any one of which grants access */
  fieldScopes: Map<string, string[]>;
  typeScopes: Map<string, string[]>;
  loadMs: number;
}

let cached: AdminSchema | null = null;

export function adminSchemaPath(root = process.cwd()) {
  return path.join(root, "node_modules/@shopify/dev-mcp/dist/data", `admin_${ADMIN_API_VERSION}.json.gz`);
}

export function loadAdminSchema(file = adminSchemaPath()): AdminSchema {
  if (cached) return cached;
  const started = performance.now();
  const json = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8"));
  const schema = buildClientSchema(json.data);
  const fieldScopes = new Map<string, string[]>();
  const typeScopes = new Map<string, string[]>();
  for (const item of json.offline_scopes?.items ?? []) {
    if (!item.offlineScopes?.length) continue;
    if (item.type === "field") fieldScopes.set(`${item.typeName}.${item.fieldName}`, item.offlineScopes);
    else if (item.type === "type") typeScopes.set(item.typeName, item.offlineScopes);
  }
  cached = { schema, fieldScopes, typeScopes, loadMs: Math.round(performance.now() - started) };
  return cached;
}
