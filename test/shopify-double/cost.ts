import {
  getNamedType,
  isCompositeType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from "graphql";
import { mutationActualCost, mutationRequestedCost } from "./mutation-cost";

// Shopify's calculated query cost, close enough to budget against: objects cost 1, scalars 0,
// connections 2 + page size × their selection. Mutations cost what live Shopify charged in the
// captured answers (mutation-cost.ts). The double's bucket uses the standard plan's numbers unless
// the double is started for another plan.

/** Each plan's bucket: its restore rate as shopify.dev lists it, and twenty seconds' worth of it. */
export const PLAN_BUCKETS = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
} as const;
export type ShopPlan = keyof typeof PLAN_BUCKETS;
export const BUCKET = PLAN_BUCKETS.standard;
export const MAX_SINGLE_QUERY_COST = 1000;

export function requestedCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  if (op.operation === "mutation") return mutationRequestedCost(schema, op, fragments, variables);
  const root = schema.getQueryType()!;
  const costOf = (set: SelectionSetNode | undefined, parent: GraphQLCompositeType): number => {
    if (!set) return 0;
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === "InlineFragment") {
        const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLCompositeType) : parent;
        total += costOf(sel.selectionSet, t ?? parent);
      } else if (sel.kind === "FragmentSpread") {
        const f = fragments[sel.name.value];
        if (f) total += costOf(f.selectionSet, (schema.getType(f.typeCondition.name.value) as GraphQLCompositeType) ?? parent);
      } else {
        if (!isObjectType(parent) && !("getFields" in parent)) continue;
        const field = (parent as any).getFields?.()[sel.name.value];
        if (!field) continue;
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) continue;
        const child = costOf(sel.selectionSet, named);
        if (named.name.endsWith("Connection")) {
          const arg = (name: string) => {
            const a = sel.arguments?.find((x) => x.name.value === name);
            return a ? Number(valueFromASTUntyped(a.value, variables)) || 0 : 0;
          };
          total += 2 + (arg("first") || arg("last") || 0) * child;
        } else total += 1 + child;
      }
    }
    return total;
  };
  return Math.max(1, costOf(op.selectionSet, root));
}

export { mutationActualCost };

/** Objects actually returned: Shopify refunds the difference between requested and actual. */
export function actualCost(data: unknown): number {
  let n = 0;
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      n++;
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(data);
  return Math.max(1, n - 1);
}

export class CostBucket {
  private available: number;
  private at = Date.now();
  constructor(private readonly limits: { maximumAvailable: number; restoreRate: number } = BUCKET) {
    this.available = limits.maximumAvailable;
  }
  currentlyAvailable() {
    const now = Date.now();
    this.available = Math.min(this.limits.maximumAvailable, this.available + ((now - this.at) / 1000) * this.limits.restoreRate);
    this.at = now;
    return this.available;
  }
  take(n: number) {
    this.currentlyAvailable();
    this.available -= n;
  }
  give(n: number) {
    this.available = Math.min(this.limits.maximumAvailable, this.available + n);
  }
  status() {
    return { maximumAvailable: this.limits.maximumAvailable, currentlyAvailable: Math.floor(this.currentlyAvailable()), restoreRate: this.limits.restoreRate };
  }
}
