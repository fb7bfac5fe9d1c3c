// Writes the Admin API schema that GraphQL codegen reads (app/types/admin-<version>.schema.json)
// from Shopify's introspection shipped in @shopify/dev-mcp, so codegen never
// asks the network for it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { apiVersion } from "../app/shopify-api-version";
import { loadAdminSchema, repoRoot } from "../test/support/admin-schema";

const target = path.join(repoRoot, "app", "types", `admin-${apiVersion}.schema.json`);
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, JSON.stringify({ data: loadAdminSchema().introspection.data }));
console.log(`wrote ${path.relative(repoRoot, target)}`);
