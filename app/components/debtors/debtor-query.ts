import { AGING_BUCKETS, type AgingBucket } from "../../domain/ledger/aging";

// What the Debtors page shows, as its URL says it (?bucket=31-60&status=overdue&q=…&sort=days-desc&after=…),
// so a reload or a shared link opens the same list. Read by the loader and written by the page:
// anything the URL says that is not one of these values is ignored, never an error.

/** A debtor's status, as the Debtors page filters on it ("in_agreement": an installment agreement is running, issue #10). */
export const DEBTOR_STATUSES = ["on_track", "overdue", "promised", "paused", "no_email", "in_agreement"] as const;
export type DebtorStatus = (typeof DEBTOR_STATUSES)[number];

export const DEBTOR_SORT_FIELDS = ["days", "amount", "name", "last_contact", "next_contact"] as const;
export type DebtorSortField = (typeof DEBTOR_SORT_FIELDS)[number];
export type SortDirection = "asc" | "desc";

export const PAGE_SIZE = 25;
/** The most rows one page may ask for (?limit=): a page stays quick whatever the URL says. */
export const MAX_PAGE_SIZE = 100;

export interface DebtorQuery {
  buckets: AgingBucket[];
  statuses: DebtorStatus[];
  currencies: string[];
  /** true: B2B customers only; false: the others only; null: both. */
  b2b: boolean | null;
  search: string;
  sort: DebtorSortField;
  direction: SortDirection;
  /** Keyset cursors: the page after, or before, a row. */
  after: string | null;
  before: string | null;
  limit: number;
}

export const DEFAULT_SORT = { sort: "days", direction: "desc" } as const;

const listOf = <T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] =>
  [...new Set(params.getAll(name).flatMap((v) => v.split(",")))].filter((v): v is T => (allowed as readonly string[]).includes(v));

export function parseDebtorQuery(params: URLSearchParams): DebtorQuery {
  const [field, direction] = (params.get("sort") ?? "").split("-");
  const sortOk = (DEBTOR_SORT_FIELDS as readonly string[]).includes(field ?? "") && (direction === "asc" || direction === "desc");
  const limit = Number(params.get("limit"));
  const b2b = params.get("b2b");
  return {
    buckets: listOf(params, "bucket", AGING_BUCKETS),
    statuses: listOf(params, "status", DEBTOR_STATUSES),
    currencies: [...new Set(params.getAll("currency").flatMap((v) => v.split(",")))].filter((c) => /^[A-Z]{3}$/.test(c)),
    b2b: b2b === "yes" ? true : b2b === "no" ? false : null,
    search: (params.get("q") ?? "").trim().slice(0, 100),
    sort: sortOk ? (field as DebtorSortField) : DEFAULT_SORT.sort,
    direction: sortOk ? (direction as SortDirection) : DEFAULT_SORT.direction,
    after: params.get("after") || null,
    before: params.get("after") ? null : params.get("before") || null,
    limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE_SIZE) : PAGE_SIZE,
  };
}

/** Whether the list is narrowed by anything (the empty state then offers to clear it). */
export const isFiltered = (q: DebtorQuery) => q.buckets.length + q.statuses.length + q.currencies.length > 0 || q.b2b !== null || q.search !== "";
