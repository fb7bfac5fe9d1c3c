import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getNamedType, parse, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from "graphql";
import { parse as parseToml } from "smol-toml";
import type { AdminIntrospection } from "./admin-schema";
import { repoRoot } from "./admin-schema";

export interface FoundDocument {
  file: string;
  source: string;
}

const SKIPPED_DIRS = new Set(["generated", "types", "node_modules"]);

/** Every `#graphql` template literal under app/, the way codegen finds them. */
export function findAppGraphqlDocuments(dir = path.join(repoRoot, "app")): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...findAppGraphqlDocuments(full));
    } else if (/\.(ts|tsx)$/.test(entry.name)) {
      const text = readFileSync(full, "utf8");
      for (const match of text.matchAll(/`#graphql([\s\S]*?)`/g)) {
        found.push({ file: path.relative(repoRoot, full), source: match[1]! });
      }
    }
  }
  return found;
}

export function appScopes(): string[] {
  const toml = parseToml(readFileSync(path.join(repoRoot, "shopify.app.toml"), "utf8")) as {
    access_scopes: { scopes: string };
  };
  return toml.access_scopes.scopes
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
}

/** True when the granted scopes satisfy one of `anyOf` (a write_ scope grants its read_). */
export function scopeGranted(anyOf: string[], granted: string[]): boolean {
  const effective = new Set(granted);
  for (const scope of granted) if (scope.startsWith("write_")) effective.add(`read_${scope.slice(6)}`);
  return anyOf.length === 0 || anyOf.some((scope) => effective.has(scope));
}

interface ScopeRule {
  typeName: string;
  fieldName?: string;
  offlineScopes: string[];
}

/**
 * The access scopes a document needs, from the per-type and per-field
 * requirements Shopify publishes with the schema: each entry is "any of".
 */
export function requiredScopes(document: DocumentNode, schema: GraphQLSchema, introspection: AdminIntrospection): { where: string; anyOf: string[] }[] {
  const items = ((introspection.offline_scopes as { items?: ScopeRule[] } | undefined)?.items ?? []) as ScopeRule[];
  const byType = new Map<string, string[]>();
  const byField = new Map<string, string[]>();
  for (const rule of items) {
    if (rule.offlineScopes.length === 0) continue;
    if (rule.fieldName) byField.set(`${rule.typeName}.${rule.fieldName}`, rule.offlineScopes);
    else byType.set(rule.typeName, rule.offlineScopes);
  }
  const needs: { where: string; anyOf: string[] }[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const fieldRule = byField.get(`${parent.name}.${field.name}`);
        if (fieldRule) needs.push({ where: `${parent.name}.${field.name}`, anyOf: fieldRule });
        const returned = getNamedType(field.type).name;
        const typeRule = byType.get(returned);
        if (typeRule) needs.push({ where: `${parent.name}.${field.name}: ${returned}`, anyOf: typeRule });
      },
    }),
  );
  return needs;
}

export function parseDocument(found: FoundDocument): DocumentNode {
  return parse(found.source);
}
