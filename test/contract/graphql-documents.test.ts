import { describe, expect, it } from "vitest";
import { parse, validate, type OperationDefinitionNode } from "graphql";
import { loadAdminSchema } from "../support/admin-schema";
import { appScopes, findAppGraphqlDocuments, requiredScopes, scopeGranted } from "../support/graphql-documents";

// Every GraphQL document the app sends must be one Shopify's Admin API
// (2026-10) would accept, under the scopes the app asks for at install.
const { schema, introspection } = loadAdminSchema();
const documents = findAppGraphqlDocuments();
const scopes = appScopes();

describe("the app's GraphQL documents against the real Admin schema", () => {
  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((doc) => [`${doc.file}: ${doc.source.trim().split("\n")[0]}`, doc] as const))("%s is static, named and valid", (_label, found) => {
    expect(found.source, "interpolation would hide the document from codegen and this check").not.toContain("${");
    const document = parse(found.source);
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
    expect(operations.length).toBe(1);
    expect(operations[0]!.name?.value, "every operation is named").toBeTruthy();
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it("gives every operation its own name", () => {
    const names = documents.map((found) => {
      const operation = parse(found.source).definitions.find((d) => d.kind === "OperationDefinition") as OperationDefinitionNode;
      return operation.name?.value;
    });
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(documents.map((doc) => [doc.source.trim().split("\n")[0]!, doc] as const))("%s needs no scope beyond shopify.app.toml", (_label, found) => {
    const missing = requiredScopes(parse(found.source), schema, introspection).filter((need) => !scopeGranted(need.anyOf, scopes));
    expect(missing).toEqual([]);
  });
});

describe("the contract checker itself", () => {
  it("rejects a field Shopify does not have", () => {
    const errors = validate(schema, parse("query Broken { shop { name debtorsCount } }"));
    expect(errors.map((e) => e.message)).toEqual(['Cannot query field "debtorsCount" on type "Shop".']);
  });

  it("sees the scopes an operation needs", () => {
    const needs = requiredScopes(parse("query Products { products(first: 1) { nodes { id } } }"), schema, introspection);
    expect(needs.some((need) => need.anyOf.includes("read_products"))).toBe(true);
    expect(needs.every((need) => scopeGranted(need.anyOf, ["read_products"]))).toBe(true);
    expect(needs.every((need) => scopeGranted(need.anyOf, ["read_orders"]))).toBe(false);
  });

  it("counts a write scope as granting its read scope", () => {
    expect(scopeGranted(["read_orders"], ["write_orders"])).toBe(true);
    expect(scopeGranted(["read_orders", "read_marketplace_orders"], ["read_customers"])).toBe(false);
  });
});
