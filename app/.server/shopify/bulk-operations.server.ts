import type { BulkOperationStatusQuery, CancelBulkOperationMutation, RunBulkQueryMutation } from "../../types/admin.generated";
import { runAdminOperation, ShopifyUserError, type AdminGraphql } from "./admin-graphql.server";

// Bulk query operations: Shopify runs one query over every matching object in the
// background and hands back a JSONL file. The file is read as a stream, a line at a
// time, so a shop with 100,000 orders never sits in memory as one string.

const RUN_BULK_QUERY = `#graphql
  mutation RunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation { id status }
      userErrors { field message code }
    }
  }
`;

const BULK_OPERATION_STATUS = `#graphql
  query BulkOperationStatus($id: ID!) {
    bulkOperation(id: $id) { id status errorCode objectCount url }
  }
`;

const CANCEL_BULK_OPERATION = `#graphql
  mutation CancelBulkOperation($id: ID!) {
    bulkOperationCancel(id: $id) {
      bulkOperation { id status }
      userErrors { field message }
    }
  }
`;

export type BulkOperation = NonNullable<BulkOperationStatusQuery["bulkOperation"]>;

export interface BulkWaitOptions {
  /** Waits between polls; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
  /** Total time to wait (the sum of the sleeps) before the operation is canceled. */
  maxWaitMs?: number;
}

const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 15_000;
export const MAX_BULK_WAIT_MS = 60 * 60_000;
const FINISHED = new Set(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts a bulk query; a refusal (invalid query, too many running) is a ShopifyUserError. */
export async function startBulkQuery(graphql: AdminGraphql, query: string): Promise<string> {
  const data = await runAdminOperation<RunBulkQueryMutation>(graphql, "RunBulkQuery", RUN_BULK_QUERY, { query });
  const payload = data.bulkOperationRunQuery;
  if (!payload?.bulkOperation || payload.userErrors.length) throw new ShopifyUserError("bulkOperationRunQuery", payload?.userErrors ?? []);
  return payload.bulkOperation.id;
}

export async function cancelBulkOperation(graphql: AdminGraphql, id: string): Promise<void> {
  const data = await runAdminOperation<CancelBulkOperationMutation>(graphql, "CancelBulkOperation", CANCEL_BULK_OPERATION, { id });
  const errors = data.bulkOperationCancel?.userErrors ?? [];
  if (errors.length) throw new ShopifyUserError("bulkOperationCancel", errors);
}

/** Polls with backoff until the operation finishes; one that takes too long is canceled. */
export async function waitForBulkOperation(graphql: AdminGraphql, id: string, options: BulkWaitOptions = {}): Promise<BulkOperation> {
  const sleep = options.sleep ?? realSleep;
  const maxWait = options.maxWaitMs ?? MAX_BULK_WAIT_MS;
  let waited = 0;
  let delay = FIRST_POLL_MS;
  for (;;) {
    const data = await runAdminOperation<BulkOperationStatusQuery>(graphql, "BulkOperationStatus", BULK_OPERATION_STATUS, { id });
    const op = data.bulkOperation;
    if (!op) throw new Error(`bulk operation ${id} not found`);
    if (FINISHED.has(op.status)) return op;
    if (waited >= maxWait) {
      await cancelBulkOperation(graphql, id).catch(() => undefined); // it may have just finished
      return { ...op, status: "CANCELED" as BulkOperation["status"] };
    }
    await sleep(delay);
    waited += delay;
    delay = Math.min(MAX_POLL_MS, Math.round(delay * 1.5));
  }
}

export type BulkLine = Record<string, unknown> & { id?: string; __parentId?: string };

/** The JSONL at `url`, an object per line, read as it downloads. */
export async function* readJsonl(url: string, fetchImpl: typeof fetch = fetch): AsyncGenerator<BulkLine> {
  const response = await fetchImpl(url);
  if (!response.ok || !response.body) throw new Error(`bulk operation result download failed: HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as BulkLine;
  }
  rest += decoder.decode();
  if (rest.trim()) yield JSON.parse(rest) as BulkLine;
}

/**
 * Each root object with the nested-connection lines that follow it. Relies on
 * groupObjects: true, which puts an object's children right after it; a line
 * whose parent is not in the current group means the file is not grouped.
 */
export async function* groupedRoots(lines: AsyncIterable<BulkLine>): AsyncGenerator<{ root: BulkLine; children: BulkLine[] }> {
  let current: { root: BulkLine; children: BulkLine[]; ids: Set<string> } | null = null;
  for await (const line of lines) {
    if (!line.__parentId) {
      if (current) yield { root: current.root, children: current.children };
      current = { root: line, children: [], ids: new Set(line.id ? [line.id] : []) };
      continue;
    }
    if (!current || !current.ids.has(line.__parentId)) throw new Error(`bulk result is not grouped: ${line.__parentId} is not the current object`);
    current.children.push(line);
    if (line.id) current.ids.add(line.id);
  }
  if (current) yield { root: current.root, children: current.children };
}

/** Runs `query` as a bulk operation and waits for it; the download is left to the caller. */
export async function runBulkQuery(graphql: AdminGraphql, query: string, options: BulkWaitOptions = {}): Promise<BulkOperation> {
  return waitForBulkOperation(graphql, await startBulkQuery(graphql, query), options);
}
