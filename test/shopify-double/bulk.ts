import { execute } from "graphql";
import type { Shape, PreparedBulkQuery } from "./bulk-query";
import type { Ctx, Execution } from "./graphql";
import { loadAdminSchema } from "./schema";
import type { ShopState } from "./state";
import type { World } from "./world";

// Bulk query operations the way Shopify runs them: the inner query is checked against the
// schema and the bulk rules when the mutation is called (bulk-query.ts: a bad one is a
// userError, not an operation), then executed in the background a page of root objects at a time over the
// double's state, with nested connections unpaginated, into a JSONL file: one line per
// connection node, nested nodes on their own lines carrying `__parentId`.

export type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "CANCELING" | "CANCELED" | "FAILED" | "EXPIRED";
export type BulkErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface BulkOperationRecord {
  id: number;
  type: "QUERY";
  status: BulkStatus;
  query: string;
  groupObjects: boolean;
  createdAt: Date;
  completedAt: Date | null;
  errorCode: BulkErrorCode | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number;
  /** the JSONL, a chunk per executed page */
  chunks: string[];
  /** why the double failed it, for whoever debugs a test (Shopify gives only errorCode) */
  failure?: string;
}

/** API 2026-01 and later: five bulk query operations at a time per shop and app. */
export const MAX_CONCURRENT_BULK_QUERIES = 5;
/** Result URLs expire seven days after the operation completes. */
export const BULK_URL_TTL_MS = 7 * 86_400_000;
/** Root objects executed per step; between steps the double answers polls and cancels. */
const ROOT_PAGE = 1000;

/** Writes one node and the nodes of its nested connections as JSONL lines. */
function writeNode(node: Record<string, unknown>, shape: Shape, parentId: string | null, lines: string[], deferred: string[] | null): number {
  const children: [Record<string, unknown>, Shape][] = [];
  const strip = (obj: Record<string, unknown>, s: Shape): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) {
      const kind = s.get(key);
      if (kind?.kind === "connection") {
        const conn = value as { nodes?: Record<string, unknown>[]; edges?: { node: Record<string, unknown> }[] } | null;
        for (const n of conn?.nodes ?? conn?.edges?.map((e) => e.node) ?? []) children.push([n, kind.node]);
      } else if (kind?.kind === "object" && value && typeof value === "object") {
        out[key] = Array.isArray(value)
          ? value.map((v) => (v && typeof v === "object" ? strip(v, kind.shape) : v))
          : strip(value as Record<string, unknown>, kind.shape);
      } else out[key] = value;
    }
    return out;
  };
  const line = strip(node, shape);
  if (parentId) line.__parentId = parentId;
  lines.push(JSON.stringify(line));
  let written = 1;
  // Ungrouped, Shopify only promises children come after their parent; the double puts them at the end of the page.
  for (const [child, childShape] of children) written += writeNode(child, childShape, String(node.id), deferred ?? lines, deferred);
  return written;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs a prepared operation to the end (or its cancelation), a page of roots at a time. */
export async function runBulkOperation(
  w: World,
  shop: ShopState,
  op: BulkOperationRecord,
  prepared: PreparedBulkQuery,
  scopes: string[],
  execution: Execution,
) {
  const { schema } = loadAdminSchema();
  const { fieldResolver, typeResolver } = execution;
  while (w.bulk.hold && op.status === "CREATED") await new Promise((resolve) => setTimeout(resolve, 5));
  if (op.status === "CANCELING") return finish(w, op, "CANCELED");
  op.status = "RUNNING";
  await settle();
  const rootShape = prepared.shape.get(prepared.rootKey) as { kind: "connection"; node: Shape };
  const failNext = w.bulk.failNext;
  w.bulk.failNext = null;
  let after: string | null = null;
  for (;;) {
    if ((op.status as BulkStatus) === "CANCELING") return finish(w, op, "CANCELED");
    if (failNext) return fail(w, op, failNext, "failed on request (controls.failNextBulkOperation)");
    const bulk: NonNullable<Ctx["bulk"]> = { after, rootPage: ROOT_PAGE, pageInfo: null };
    const ctx: Ctx = { world: w, shop, scopes: new Set(scopes), searchWarnings: [], bulk, execution };
    const result = await execute({ schema, document: prepared.document, rootValue: {}, contextValue: ctx, fieldResolver, typeResolver });
    if (result.errors?.length) {
      const denied = result.errors.some((e) => e.extensions?.code === "ACCESS_DENIED");
      return fail(w, op, denied ? "ACCESS_DENIED" : "INTERNAL_SERVER_ERROR", result.errors.map((e) => e.message).join("; "));
    }
    const conn = (result.data as Record<string, { nodes?: Record<string, unknown>[]; edges?: { node: Record<string, unknown> }[] }>)[prepared.rootKey];
    const roots = conn?.nodes ?? conn?.edges?.map((e) => e.node) ?? [];
    const lines: string[] = [];
    const deferred: string[] | null = op.groupObjects ? null : [];
    for (const root of roots) op.objectCount += writeNode(root, rootShape.node, null, lines, deferred);
    op.rootObjectCount += roots.length;
    if (deferred) lines.push(...deferred);
    if (lines.length) {
      const chunk = lines.join("\n") + "\n";
      op.chunks.push(chunk);
      op.fileSize += Buffer.byteLength(chunk);
    }
    const page = bulk.pageInfo as { hasNextPage: boolean; endCursor: string | null } | null;
    if (!page?.hasNextPage) break;
    after = page.endCursor;
    await settle();
  }
  finish(w, op, "COMPLETED");
}

function finish(w: World, op: BulkOperationRecord, status: BulkStatus) {
  op.status = status;
  op.completedAt = w.clock.now();
}

function fail(w: World, op: BulkOperationRecord, code: BulkErrorCode, why: string) {
  op.errorCode = code;
  op.failure = why;
  finish(w, op, "FAILED");
}

/** Status as a reader sees it now: a completed operation's file expires after seven days. */
export function bulkStatus(w: World, op: BulkOperationRecord): BulkStatus {
  if (op.status === "COMPLETED" && op.completedAt && w.clock.now().getTime() - op.completedAt.getTime() > BULK_URL_TTL_MS) return "EXPIRED";
  return op.status;
}

export const bulkFilePath = (op: BulkOperationRecord) => `/_double/bulk/${op.id}.jsonl`;

/** Where the file is served, while it can be downloaded; null when the operation returned nothing. */
export function bulkUrl(w: World, op: BulkOperationRecord, partial: boolean): string | null {
  const status = bulkStatus(w, op);
  if (partial ? status !== "FAILED" : status !== "COMPLETED") return null;
  if (!op.chunks.length) return null;
  return `${w.baseUrl}${bulkFilePath(op)}`;
}

/** The file behind a URL the double handed out, or why it cannot be read. */
export function bulkFile(w: World, id: number): { chunks: string[] } | { status: number; message: string } {
  for (const shop of w.store.shops.values()) {
    const op = shop.bulkOperations.get(id);
    if (!op) continue;
    if (!bulkUrl(w, op, false) && !bulkUrl(w, op, true)) return { status: 403, message: "Request has expired" };
    return { chunks: op.chunks };
  }
  return { status: 404, message: "The specified key does not exist." };
}
