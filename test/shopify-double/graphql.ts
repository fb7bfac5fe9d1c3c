import {
  execute,
  getNamedType,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from "graphql";
import { actualCost, type CostBucket, MAX_SINGLE_QUERY_COST, mutationActualCost, requestedCost } from "./cost";
import { invalidIdVariables, shopifyValidationError } from "./request-errors";
import { loadAdminSchema } from "./schema";
import type { SearchWarning } from "./search";
import type { ShopState } from "./state";
import type { World } from "./world";
import { resolvers, unwrap } from "./resolvers/index";

// Executes a request against Shopify's real schema with the double's resolvers. Resolvers are
// looked up by "Type.field"; a field without one fails loudly rather than returning null, so
// the app never mistakes a gap in the double for real Shopify data.

export interface Ctx {
  world: World;
  shop: ShopState;
  scopes: Set<string>;
  searchWarnings: { path: string[]; query: string; warnings: SearchWarning[] }[];
  /** Set while a bulk operation executes: the root connection is read a page at a time, nested ones whole. */
  bulk?: { after: string | null; rootPage: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } | null };
  /** The resolvers running this request, for work it starts that runs queries of its own (a bulk operation):
   * handed down rather than imported, because the resolvers are what import that work. */
  execution: Execution;
}

export interface Execution {
  fieldResolver: GraphQLFieldResolver<unknown, Ctx>;
  typeResolver: GraphQLTypeResolver<unknown, Ctx>;
}

function granted(scopes: Set<string>, anyOf: string[]) {
  return anyOf.some((s) => scopes.has(s) || (s.startsWith("read_") && scopes.has(`write_${s.slice(5)}`)));
}

export const fieldResolver: GraphQLFieldResolver<unknown, Ctx> = (source, args, ctx, info) => {
  const typeName = info.parentType.name;
  const { fieldScopes, typeScopes } = loadAdminSchema();
  const required = fieldScopes.get(`${typeName}.${info.fieldName}`) ?? typeScopes.get(getNamedType(info.returnType).name);
  if (required && !granted(ctx.scopes, required)) {
    const access = required.map((s) => `\`${s}\``).join(" or ");
    throw new GraphQLError(`Access denied for ${info.fieldName} field. Required access: ${access} access scope.`, {
      extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess: `${access} access scope.` },
    });
  }
  const typeResolvers = resolvers[typeName];
  if (typeResolvers) {
    const r = typeResolvers[info.fieldName];
    if (r && ctx.bulk && getNamedType(info.returnType).name.endsWith("Connection")) {
      // Bulk operations ignore page sizes: every node of a nested connection, the root a page at a time.
      const isRoot = !info.path.prev;
      const paged = { ...args, first: isRoot ? ctx.bulk.rootPage : null, last: null, after: isRoot ? ctx.bulk.after : null, before: null, unbounded: true };
      const out = r(unwrap(source), paged, ctx, info) as { pageInfo?: { hasNextPage: boolean; endCursor: string | null } } | null;
      if (isRoot) ctx.bulk.pageInfo = out?.pageInfo ?? null;
      return out;
    }
    if (r) return r(unwrap(source), args, ctx, info);
  } else if (source && typeof source === "object" && Object.prototype.hasOwnProperty.call(source, info.fieldName)) {
    // Value objects (MoneyV2, PageInfo, UserError...) are built with exactly their fields.
    return (source as Record<string, unknown>)[info.fieldName];
  }
  throw new GraphQLError(`Field ${typeName}.${info.fieldName} is not implemented by the local Shopify double`, {
    extensions: { code: "NOT_IMPLEMENTED_BY_DOUBLE" },
  });
};

export const typeResolver: GraphQLTypeResolver<unknown, Ctx> = (value) => (value as { __typename?: string })?.__typename;

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}
export interface GraphQLResponse {
  status: number;
  body: unknown;
}

export async function runGraphQL(world: World, shop: ShopState, scopes: string[], bucket: CostBucket, body: GraphQLRequestBody): Promise<GraphQLResponse> {
  const mode = world.throttle.mode;
  if (mode === "http429")
    return { status: 429, body: { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." } };
  if (mode === "http500") return { status: 500, body: { errors: "Internal Server Error" } };
  if (typeof body.query !== "string") return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };

  const { schema } = loadAdminSchema();
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (e) {
    return { status: 200, body: { errors: [(e as GraphQLError).toJSON()] } };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length) return { status: 200, body: { errors: validationErrors.map((e) => shopifyValidationError(document, e)) } };

  const variables = (body.variables && typeof body.variables === "object" ? body.variables : {}) as Record<string, unknown>;
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
  const op = getOperationAST(document, operationName);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === "FragmentDefinition") fragments[d.name.value] = d;
  const badIds = op ? invalidIdVariables(schema, op, variables) : [];
  if (badIds.length) return { status: 200, body: { errors: badIds } };
  const requested = op ? requestedCost(schema, op, fragments, variables) : 1;

  if (requested > MAX_SINGLE_QUERY_COST) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
            extensions: {
              code: "MAX_COST_EXCEEDED",
              cost: requested,
              maxCost: MAX_SINGLE_QUERY_COST,
              documentation: "https://shopify.dev/api/usage/rate-limits",
            },
          },
        ],
      },
    };
  }
  if (mode === "throttled" || requested > bucket.currentlyAvailable()) {
    return {
      status: 200,
      body: {
        errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
      },
    };
  }
  bucket.take(requested);

  const ctx: Ctx = { world, shop, scopes: new Set(scopes), searchWarnings: [], execution: { fieldResolver, typeResolver } };
  const result = await execute({ schema, document, rootValue: {}, contextValue: ctx, variableValues: variables, operationName, fieldResolver, typeResolver });
  const actual =
    op?.operation === "mutation" ? mutationActualCost(schema, op, fragments, variables, result.data) : Math.min(requested, actualCost(result.data));
  bucket.give(requested - actual);
  const extensions: Record<string, unknown> = { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } };
  if (ctx.searchWarnings.length) extensions.search = ctx.searchWarnings;
  const out: Record<string, unknown> = {};
  if (result.errors?.length) out.errors = result.errors.map((e) => e.toJSON());
  out.data = result.data ?? null;
  out.extensions = extensions;
  return { status: 200, body: out };
}
