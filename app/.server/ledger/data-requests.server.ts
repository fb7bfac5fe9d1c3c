import prisma from "../../db.server";
import { findDataRequest, listDataRequests } from "./compliance.server";

export interface DataRequestSummary {
  id: string;
  receivedAt: string;
  customer: string;
  receivables: number;
}

interface ExportResult {
  customer?: { gid?: string | null; email?: string | null };
  receivables?: unknown[];
}

/** What Settings lists: each customer data request Shopify forwarded, to download and send on. */
export async function dataRequestSummaries(shopDomain: string): Promise<DataRequestSummary[]> {
  const rows = await listDataRequests(prisma, shopDomain);
  return rows.map((row) => {
    const result = row.result as ExportResult;
    return {
      id: row.id,
      receivedAt: row.createdAt.toISOString(),
      customer: result.customer?.email ?? row.customerGid ?? "unknown customer",
      receivables: result.receivables?.length ?? 0,
    };
  });
}

/** The export as a file, or null when it isn't this shop's (or was erased by a later redact request). */
export async function dataRequestFile(shopDomain: string, id: string): Promise<{ name: string; body: string } | null> {
  const row = await findDataRequest(prisma, shopDomain, id);
  if (!row) return null;
  const body = JSON.stringify({ requestedAt: row.createdAt.toISOString(), shop: shopDomain, ...(row.result as object) }, null, 2);
  return { name: `quita-data-request-${row.createdAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}.json`, body };
}
