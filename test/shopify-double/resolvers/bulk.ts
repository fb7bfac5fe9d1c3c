import { bulkStatus, bulkUrl, MAX_CONCURRENT_BULK_QUERIES, runBulkOperation, type BulkOperationRecord } from "../bulk";
import { prepareBulkQuery } from "../bulk-query";
import { gid } from "../ids";
import { as, idOf, time, userError, type ResolverMap } from "./common";

const running = (op: BulkOperationRecord) => op.status === "CREATED" || op.status === "RUNNING" || op.status === "CANCELING";

export const bulkOperationNode = (op: BulkOperationRecord | undefined) => as("BulkOperation", op);

export const bulkResolvers: ResolverMap = {
  QueryRoot: {
    currentBulkOperation: (_s, { type }, { shop }) => [...shop.bulkOperations.values()].filter((op) => op.type === (type ?? "QUERY")).at(-1) ?? null,
    bulkOperation: (_s, { id }, { shop }) => shop.bulkOperations.get(idOf(id, "BulkOperation") ?? -1) ?? null,
  },
  BulkOperation: {
    id: (op: BulkOperationRecord) => gid("BulkOperation", op.id),
    type: (op: BulkOperationRecord) => op.type,
    status: (op: BulkOperationRecord, _a, { world }) => bulkStatus(world, op),
    query: (op: BulkOperationRecord) => op.query,
    createdAt: (op: BulkOperationRecord) => time(op.createdAt),
    completedAt: (op: BulkOperationRecord) => time(op.completedAt),
    errorCode: (op: BulkOperationRecord) => op.errorCode,
    // UnsignedInt64 is a string on the wire.
    objectCount: (op: BulkOperationRecord) => String(op.objectCount),
    rootObjectCount: (op: BulkOperationRecord) => String(op.rootObjectCount),
    fileSize: (op: BulkOperationRecord, _a, { world }) => (bulkUrl(world, op, false) ? String(op.fileSize) : null),
    url: (op: BulkOperationRecord, _a, { world }) => bulkUrl(world, op, false),
    partialDataUrl: (op: BulkOperationRecord, _a, { world }) => bulkUrl(world, op, true),
  },
  Mutation: {
    bulkOperationRunQuery: (_s, { query, groupObjects }, { world, shop, scopes, execution }) => {
      const prepared = prepareBulkQuery(query);
      if ("userErrors" in prepared) return { bulkOperation: null, userErrors: prepared.userErrors };
      const busy = [...shop.bulkOperations.values()].filter((op) => op.type === "QUERY" && running(op));
      if (busy.length >= MAX_CONCURRENT_BULK_QUERIES) {
        return {
          bulkOperation: null,
          userErrors: [
            userError(
              null,
              `A maximum of ${MAX_CONCURRENT_BULK_QUERIES} bulk query operations can run at a time for this app and shop. In progress: ${busy.map((op) => gid("BulkOperation", op.id)).join(", ")}.`,
              "LIMIT_REACHED",
            ),
          ],
        };
      }
      const op: BulkOperationRecord = {
        id: shop.ids.take(),
        type: "QUERY",
        status: "CREATED",
        query,
        groupObjects: groupObjects ?? false,
        createdAt: world.clock.now(),
        completedAt: null,
        errorCode: null,
        objectCount: 0,
        rootObjectCount: 0,
        fileSize: 0,
        chunks: [],
      };
      shop.bulkOperations.set(op.id, op);
      setTimeout(() => {
        runBulkOperation(world, shop, op, prepared, [...scopes], execution).catch((e) => {
          op.status = "FAILED";
          op.errorCode = "INTERNAL_SERVER_ERROR";
          op.failure = String(e);
          op.completedAt = world.clock.now();
        });
      }, 0);
      return { bulkOperation: op, userErrors: [] };
    },
    bulkOperationCancel: (_s, { id }, { shop }) => {
      const op = shop.bulkOperations.get(idOf(id, "BulkOperation") ?? -1);
      if (!op) return { bulkOperation: null, userErrors: [userError(["id"], "Bulk operation does not exist")] };
      if (op.status !== "CREATED" && op.status !== "RUNNING") {
        return { bulkOperation: op, userErrors: [userError(null, `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}`)] };
      }
      op.status = "CANCELING";
      return { bulkOperation: op, userErrors: [] };
    },
  },
};
