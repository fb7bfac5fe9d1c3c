import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor } from "./ids";

// Relay connections the way Shopify pages them: stable order by (sort value, id), opaque
// cursors carrying that position, `first`/`last` required and capped at 250.

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
  sortKey?: string | null;
  /** bulk operations: no page size required nor capped */
  unbounded?: boolean;
}
type SortValue = number | string;
export type SortKeys<T> = Record<string, (item: T) => SortValue>;

const MAX_PAGE = 250;

function compare(a: [SortValue, number], b: [SortValue, number]) {
  if (a[0] < b[0]) return -1;
  if (a[0] > b[0]) return 1;
  return a[1] - b[1];
}

export function connection<T extends { id: number }>(items: Iterable<T>, args: PageArgs, sortKeys: SortKeys<T> = {}, wrap: (item: T) => unknown = (x) => x) {
  if (!args.unbounded && args.first == null && args.last == null) throw new GraphQLError("you must provide one of first or last");
  for (const n of args.unbounded ? [] : [args.first, args.last]) {
    if (n != null && (n < 0 || n > MAX_PAGE)) throw new GraphQLError(`The first and last arguments must be between 0 and ${MAX_PAGE}`);
  }
  const keyFn = (args.sortKey && sortKeys[args.sortKey]) || ((x: T) => x.id);
  const dir = args.reverse ? -1 : 1;
  const sorted = [...items].map((item) => ({ item, key: [keyFn(item), item.id] as [SortValue, number] }));
  sorted.sort((a, b) => dir * compare(a.key, b.key));

  let start = 0;
  let end = sorted.length;
  const position = (cursor: string) => {
    const c = decodeCursor(cursor);
    if (!c) throw new GraphQLError(`Invalid cursor for current pagination sort.`);
    return [c.last_value as SortValue, c.last_id] as [SortValue, number];
  };
  if (args.after) {
    const p = position(args.after);
    while (start < end && dir * compare(sorted[start].key, p) <= 0) start++;
  }
  if (args.before) {
    const p = position(args.before);
    while (end > start && dir * compare(sorted[end - 1].key, p) >= 0) end--;
  }
  let from = start;
  let to = end;
  if (args.first != null) to = Math.min(to, from + args.first);
  if (args.last != null) from = Math.max(from, to - args.last);
  const page = sorted.slice(from, to);
  const edges = page.map(({ item, key }) => ({ cursor: encodeCursor(key[1], key[0]), node: wrap(item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: to < sorted.length,
      hasPreviousPage: from > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Plain lists exposed as connections (e.g. a company's locations): id order only. */
export const listConnection = <T extends { id: number }>(items: T[], args: PageArgs) =>
  connection(items, { ...args, first: args.first ?? (args.last == null && !args.unbounded ? 250 : null) });
