import type { Prisma, Receivable } from "../../generated/prisma/client";

type Db = Prisma.TransactionClient;

// Writing many receivables in one statement each for inserts and updates:
// every column and its type, read from one JSON array parameter (constant
// SQL), for the webhook applier's batches.

const COLUMNS: [keyof Receivable, string][] = [
  ["id", "text"],
  ["shopDomain", "text"],
  ["resourceGid", "text"],
  ["kind", "text"],
  ["name", "text"],
  ["status", "text"],
  ["customerGid", "text"],
  ["customerName", "text"],
  ["customerEmail", "text"],
  ["customerPhone", "text"],
  ["customerLocale", "text"],
  ["companyGid", "text"],
  ["companyName", "text"],
  ["companyLocationGid", "text"],
  ["companyLocationName", "text"],
  ["currency", "text"],
  ["totalAmount", "numeric"],
  ["outstandingAmount", "numeric"],
  ["shopCurrency", "text"],
  ["shopTotalAmount", "numeric"],
  ["shopOutstandingAmount", "numeric"],
  ["placedAt", "timestamp(3)"],
  ["paymentUrl", "text"],
  ["dueAt", "timestamp(3)"],
  ["paymentTermsId", "text"],
  ["termsName", "text"],
  ["termsType", "text"],
  ["dueInDays", "integer"],
  ["termsUpdatedAt", "timestamp(3)"],
  ["agingBucket", "text"],
  ["sourceUpdatedAt", "timestamp(3)"],
  ["redactedAt", "timestamp(3)"],
  ["createdAt", "timestamp(3)"],
  ["updatedAt", "timestamp(3)"],
];
// Dates travel as ISO strings ending in Z; a timestamp without time zone ignores the zone, which is how Prisma stores UTC.
const RECORDSET = `jsonb_to_recordset($1::jsonb) AS v(${COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(", ")})`;
const INSERT = `INSERT INTO "Receivable" (${COLUMNS.map(([c]) => `"${c}"`).join(", ")}) SELECT ${COLUMNS.map(([c]) => `v."${c}"`).join(", ")} FROM ${RECORDSET}`;
const FIXED = new Set(["id", "shopDomain", "resourceGid", "createdAt"]);
const UPDATE = `UPDATE "Receivable" AS r SET ${COLUMNS.filter(([c]) => !FIXED.has(c))
  .map(([c]) => `"${c}" = v."${c}"`)
  .join(", ")} FROM ${RECORDSET} WHERE r.id = v.id`;

export async function insertReceivables(db: Db, rows: Receivable[]): Promise<void> {
  if (rows.length) await db.$executeRawUnsafe(INSERT, JSON.stringify(rows));
}

export async function updateReceivables(db: Db, rows: Receivable[]): Promise<void> {
  if (rows.length) await db.$executeRawUnsafe(UPDATE, JSON.stringify(rows));
}
