import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { financialStatus } from "./order-math";
import { admin, startTestDouble } from "./test-helpers";
import type { ShopifyDouble } from "./index";

let double: ShopifyDouble;
let gql: ReturnType<typeof admin>;

const RUN = `mutation Run($query: String!, $groupObjects: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
    bulkOperation { id status type }
    userErrors { field message code }
  }
}`;
const STATUS = `query Status($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl completedAt } }
}`;
const UNPAID_WITH_SCHEDULES = `{
  orders(query: "financial_status:pending OR financial_status:partially_paid") {
    edges { node { id name paymentTerms { paymentTermsName paymentSchedules(first: 1) { nodes { dueAt completedAt } } } } }
  }
}`;

const run = async (query: string, groupObjects = true) => (await gql(RUN, { query, groupObjects })).body.data.bulkOperationRunQuery;

async function settle(id: string) {
  for (let i = 0; i < 500; i++) {
    const op = (await gql(STATUS, { id })).body.data.node;
    if (!["CREATED", "RUNNING", "CANCELING"].includes(op.status)) return op;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`bulk operation ${id} never finished`);
}

const lines = async (url: string) =>
  (await (await fetch(url)).text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));

beforeAll(async () => {
  double = await startTestDouble();
  gql = admin(double, double.controls.installApp().accessToken);
});
afterAll(() => double.close());

describe("bulk query operations", () => {
  it("GIVEN a query with a nested connection WHEN run THEN it goes CREATED → COMPLETED and its JSONL has a line per node, nested ones with __parentId after their parent", async () => {
    const started = await run(UNPAID_WITH_SCHEDULES);
    expect(started.userErrors).toEqual([]);
    expect(started.bulkOperation).toMatchObject({ status: "CREATED", type: "QUERY" });
    const op = await settle(started.bulkOperation.id);
    expect(op).toMatchObject({ status: "COMPLETED", errorCode: null, partialDataUrl: null });
    expect(op.url).toBe(`${double.url}/_double/bulk/${started.bulkOperation.id.split("/").pop()}.jsonl`);

    const shop = double.store.shop(double.shopDomain)!;
    const unpaid = [...shop.orders.values()].filter((o) => ["PENDING", "PARTIALLY_PAID"].includes(financialStatus(o)));
    const rows = await lines(op.url);
    const roots = rows.filter((r) => !r.__parentId);
    const children = rows.filter((r) => r.__parentId);
    expect(roots.map((r) => r.id).sort()).toEqual(unpaid.map((o) => `gid://shopify/Order/${o.id}`).sort());
    expect(Number(op.rootObjectCount)).toBe(roots.length);
    expect(Number(op.objectCount)).toBe(rows.length);
    expect(Number(op.fileSize)).toBe(Buffer.byteLength(rows.map((r) => JSON.stringify(r) + "\n").join("")));
    // The connection is not on the parent's line; the object around it is.
    const withTerms = roots.find((r) => r.paymentTerms);
    expect(withTerms.paymentTerms).toEqual({ paymentTermsName: expect.any(String) });
    expect(Object.keys(children[0])).toEqual(["dueAt", "completedAt", "__parentId"]);
    // Grouped: every child directly follows its parent (or a sibling).
    let parent: string | null = null;
    for (const r of rows) {
      if (r.__parentId) expect(r.__parentId).toBe(parent);
      else parent = r.id;
    }
    // Nested connections are read whole: `first` is ignored, as in Shopify's bulk queries.
    const schedules = [...shop.orders.values()]
      .filter((o) => roots.some((r) => r.id === `gid://shopify/Order/${o.id}`))
      .reduce((n, o) => n + (o.paymentTerms?.schedules.length ?? 0), 0);
    expect(children.length).toBe(schedules);
  });

  it("GIVEN groupObjects false THEN children still come after their parents, not necessarily next to them", async () => {
    const op = await settle((await run(UNPAID_WITH_SCHEDULES, false)).bulkOperation.id);
    const rows = await lines(op.url);
    const seen = new Set<string>();
    for (const r of rows) {
      if (r.__parentId) expect(seen.has(r.__parentId)).toBe(true);
      else seen.add(r.id);
    }
    expect(rows.findIndex((r) => r.__parentId)).toBeGreaterThan(rows.filter((r) => !r.__parentId).length - 1);
  });

  it.each([
    ["a syntax error", "{ orders { edges { node { id }", /^Invalid bulk query: Syntax Error/],
    ["a field the schema lacks", "{ orders { edges { node { id bogus } } } }", /^Invalid bulk query: Cannot query field "bogus" on type "Order"/],
    ["no connection", "{ shop { name } }", /at least one connection/],
    ["the top-level nodes field", `{ nodes(ids: ["gid://shopify/Order/1"]) { id } }`, /`node` and `nodes` fields are not supported/],
    ["two top-level fields", "{ orders { nodes { id } } customers { nodes { id } } }", /exactly one top-level field/],
    ["connections nested three deep", "{ customers { nodes { id orders { nodes { id lineItems { nodes { id } } } } } } }", /nesting depth greater than 2/],
    ["a nested connection whose parent lacks id", "{ orders { nodes { name lineItems { nodes { id } } } } }", /Connection fields without 'id': lineItems/],
    ["a mutation", `mutation { bulkOperationCancel(id: "gid://shopify/BulkOperation/1") { userErrors { message } } }`, /only support the query/],
    ["variables", "query ($q: String) { orders(query: $q) { nodes { id } } }", /Variables are not supported/],
  ])("GIVEN %s THEN a userError on query, code INVALID, and no operation", async (_label, query, message) => {
    const result = await run(query);
    expect(result.bulkOperation).toBeNull();
    expect(result.userErrors[0]).toMatchObject({ field: ["query"], code: "INVALID" });
    expect(result.userErrors[0].message).toMatch(message);
  });

  it("GIVEN five bulk queries in progress WHEN a sixth is asked THEN LIMIT_REACHED; a canceled one frees a place", async () => {
    double.controls.holdBulkOperations({ hold: true });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await run("{ customers { nodes { id } } }")).bulkOperation.id);
      const refused = await run("{ customers { nodes { id } } }");
      expect(refused.bulkOperation).toBeNull();
      expect(refused.userErrors[0]).toMatchObject({ field: null, code: "LIMIT_REACHED" });
      const current = (await gql(`{ currentBulkOperation { id status } }`)).body.data.currentBulkOperation;
      expect(current).toEqual({ id: ids[4], status: "CREATED" });

      const cancel = (
        await gql(`mutation Cancel($id: ID!) { bulkOperationCancel(id: $id) { bulkOperation { status } userErrors { message } } }`, { id: ids[0] })
      ).body.data.bulkOperationCancel;
      expect(cancel).toEqual({ bulkOperation: { status: "CANCELING" }, userErrors: [] });
      expect((await settle(ids[0])).status).toBe("CANCELED");
      expect((await run("{ customers { nodes { id } } }")).userErrors).toEqual([]);
    } finally {
      double.controls.holdBulkOperations({ hold: false });
    }
    for (const op of [...double.store.shop(double.shopDomain)!.bulkOperations.values()]) await settle(`gid://shopify/BulkOperation/${op.id}`);
  });

  it("GIVEN a failing operation THEN FAILED with its errorCode and no url", async () => {
    double.controls.failNextBulkOperation({ errorCode: "TIMEOUT" });
    const op = await settle((await run("{ customers { nodes { id } } }")).bulkOperation.id);
    expect(op).toMatchObject({ status: "FAILED", errorCode: "TIMEOUT", url: null, partialDataUrl: null });
  });

  it("GIVEN a query the app's scopes don't cover THEN FAILED with ACCESS_DENIED", async () => {
    const op = await settle((await run("{ markets { nodes { id } } }")).bulkOperation.id);
    expect(op).toMatchObject({ status: "FAILED", errorCode: "ACCESS_DENIED" });
  });

  it("GIVEN nothing matches THEN COMPLETED with objectCount 0 and a null url, as Shopify does", async () => {
    const op = await settle((await run(`{ orders(query: "name:#nope") { nodes { id } } }`)).bulkOperation.id);
    expect(op).toMatchObject({ status: "COMPLETED", objectCount: "0", url: null });
  });

  it("GIVEN a completed operation WHEN seven days pass THEN EXPIRED, no url, and the old link answers 403", async () => {
    const op = await settle((await run("{ customers { nodes { id } } }")).bulkOperation.id);
    expect((await fetch(op.url)).status).toBe(200);
    double.controls.advanceClock({ days: 8 });
    const later = (await gql(STATUS, { id: op.id })).body.data.node;
    expect(later).toMatchObject({ status: "EXPIRED", url: null });
    expect((await fetch(op.url)).status).toBe(403);
  });
});
