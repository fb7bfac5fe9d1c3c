import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, validate } from "graphql";
import { loadAdminSchema } from "./schema";
import { admin, startTestDouble } from "./test-helpers";
import type { ShopifyDouble } from "./index";

let double: ShopifyDouble;
let gql: ReturnType<typeof admin>;

beforeAll(async () => {
  double = await startTestDouble();
  gql = admin(double, double.controls.installApp().accessToken);
});
afterAll(() => double.close());

describe("Admin GraphQL against the real 2026-10 schema", () => {
  it("loads the schema once, in well under the suite budget", () => {
    expect(loadAdminSchema().loadMs).toBeLessThan(5000);
    expect(loadAdminSchema()).toBe(loadAdminSchema());
  });

  it("GIVEN an invalid document WHEN posted THEN answers 200 with each field it lacks named as Shopify names it", async () => {
    const query = `query { orders(first: 2) { nodes { id bogusField } } shop { nam } }`;
    const locations = validate(loadAdminSchema().schema, parse(query)).map((e) => e.locations);
    const { status, body } = await gql(query);
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      {
        message: "Field 'bogusField' doesn't exist on type 'Order'",
        locations: locations[0],
        path: ["query", "orders", "nodes", "bogusField"],
        extensions: { code: "undefinedField", typeName: "Order", fieldName: "bogusField" },
      },
      {
        message: "Field 'nam' doesn't exist on type 'Shop'",
        locations: locations[1],
        path: ["query", "shop", "nam"],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nam" },
      },
    ]);
    expect(body.data).toBeUndefined();
  });

  it("GIVEN a real field the double does not model WHEN queried THEN the error names it", async () => {
    const { body } = await gql(`{ shop { name weightUnit } }`);
    expect(body.errors[0].message).toBe("Field Shop.weightUnit is not implemented by the local Shopify double");
    expect(body.errors[0].path).toEqual(["shop", "weightUnit"]);
  });

  it("GIVEN no or a wrong access token THEN 401 with Shopify's message", async () => {
    const { status, body } = await admin(double, "shpat_wrong")(`{ shop { name } }`);
    expect(status).toBe(401);
    expect(body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("reports query cost like Shopify", async () => {
    const { body } = await gql(`{ orders(first: 5) { nodes { id name } } }`);
    expect(body.extensions.cost).toMatchObject({ requestedQueryCost: 7, throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
    expect(body.extensions.cost.actualQueryCost).toBeLessThanOrEqual(7);
  });

  it("GIVEN 44 orders WHEN paged by 10 THEN every order appears once, forwards and backwards", async () => {
    const q = `query($after: String, $before: String, $first: Int, $last: Int) { orders(first: $first, last: $last, after: $after, before: $before, sortKey: CREATED_AT) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { body } = await gql(q, { first: 10, after });
      seen.push(...body.data.orders.nodes.map((n: any) => n.id));
      pages++;
      if (!body.data.orders.pageInfo.hasNextPage) break;
      after = body.data.orders.pageInfo.endCursor;
    }
    const total = double.store.shop(double.shopDomain)!.orders.size;
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 10));
    const { body } = await gql(q, { last: 3, before: after });
    expect(body.data.orders.nodes.map((n: any) => n.id)).toEqual(seen.slice((pages - 1) * 10 - 4, (pages - 1) * 10 - 1));
    expect(body.data.orders.pageInfo.hasPreviousPage).toBe(true);
  });

  it("requires first or last, like Shopify", async () => {
    const { body } = await gql(`{ orders { nodes { id } } }`);
    expect(body.errors[0].message).toBe("you must provide one of first or last");
  });

  it("GIVEN search queries THEN filters by status, dates, customer and OR", async () => {
    const all = [...double.store.shop(double.shopDomain)!.orders.values()];
    const q = `query($q: String) { orders(first: 250, query: $q) { nodes { id displayFinancialStatus updatedAt customer { id } } } }`;
    const pending = (await gql(q, { q: "financial_status:pending" })).body.data.orders.nodes;
    expect(pending.length).toBeGreaterThan(5);
    expect(pending.every((o: any) => o.displayFinancialStatus === "PENDING")).toBe(true);
    const either = (await gql(q, { q: "financial_status:pending OR financial_status:partially_paid" })).body.data.orders.nodes;
    expect(new Set(either.map((o: any) => o.displayFinancialStatus))).toEqual(new Set(["PENDING", "PARTIALLY_PAID"]));
    const cutoff = new Date("2026-09-01T00:00:00Z");
    const recent = (await gql(q, { q: `updated_at:>'${cutoff.toISOString()}' AND status:open` })).body.data.orders.nodes;
    expect(recent.length).toBe(all.filter((o) => o.updatedAt > cutoff && !o.closedAt).length);
    const customer = all[0].customerId!;
    const mine = (await gql(q, { q: `customer_id:${customer}` })).body.data.orders.nodes;
    expect(mine.length).toBe(all.filter((o) => o.customerId === customer).length);
    const warned = await gql(q, { q: "colour:blue" });
    expect(warned.body.extensions.search[0].warnings[0]).toEqual({ field: "colour", message: "Invalid search field for this query." });
  });

  it("resolves B2B purchasing entities, node lookups and the customer without email", async () => {
    const { body } = await gql(
      `{ customers(first: 250) { nodes { id email displayName locale } } companies(first: 20) { nodes { id name locations(first: 5) { nodes { id name } } mainContact { customer { email } } } } }`,
    );
    const customers = body.data.customers.nodes;
    expect(customers.length).toBe(40);
    expect(customers.filter((c: any) => c.email === null).length).toBe(1);
    expect(new Set(customers.map((c: any) => c.locale))).toEqual(new Set(["pt-BR", "en", "es"]));
    expect(body.data.companies.nodes.length).toBe(12);
    const company = body.data.companies.nodes[0];
    const node = await gql(`query($id: ID!) { node(id: $id) { __typename ... on Company { name } } }`, { id: company.id });
    expect(node.body.data.node).toEqual({ __typename: "Company", name: company.name });
  });
});

describe("throttle modes", () => {
  it("GIVEN throttled WHEN queried THEN 200 with Shopify's THROTTLED error; http429/http500 answer those statuses", async () => {
    double.controls.setThrottle({ mode: "throttled" });
    const t = await gql(`{ shop { name } }`);
    expect(t.status).toBe(200);
    expect(t.body.errors[0]).toMatchObject({ message: "Throttled", extensions: { code: "THROTTLED" } });
    double.controls.setThrottle({ mode: "http429" });
    expect((await gql(`{ shop { name } }`)).status).toBe(429);
    double.controls.setThrottle({ mode: "http500" });
    expect((await gql(`{ shop { name } }`)).status).toBe(500);
    double.controls.setThrottle({ mode: "normal" });
    expect((await gql(`{ shop { name } }`)).body.data.shop.name).toBe("Casa Aurora Atacado");
  });

  it("GIVEN a query over the single-query cost limit THEN MAX_COST_EXCEEDED", async () => {
    const { body } = await gql(`{ orders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } }`);
    expect(body.errors[0].extensions.code).toBe("MAX_COST_EXCEEDED");
  });
});
