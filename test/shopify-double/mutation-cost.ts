import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

// What live Shopify charged for mutations, as the answers captured in conformance/ show
// (requestedQueryCost / actualQueryCost of each case there; conformance.test.ts checks them):
// - each mutation field costs 10, flowTriggerReceive 1;
// - the payload's own fields (the order, draftOrder, codeDiscountNode, userErrors it returns) come
//   with that price; what they nest costs 1 an object, 0 a scalar and 0 a money or page-info value;
//   a union or interface costs 1 plus the dearest of its possible selections;
// - a connection costs 2 + its node's cost × max(1, ⌈log2(page size)⌉): `first: 2` → 3, `first: 5`
//   → 5, `first: 10` → 6 for plain nodes, as the captures charged;
// - actual cost walks the answer instead: a connection counts the nodes returned, an object that
//   came back null costs 1 without its children, a payload that came back null costs its base.

const BASE_COST: Record<string, number> = { flowTriggerReceive: 1 };
const DEFAULT_BASE_COST = 10;
const FREE_TYPES = new Set(["MoneyBag", "MoneyV2", "PageInfo"]);

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  actual: boolean;
}
type Data = Record<string, unknown> | null | undefined;

const pageFactor = (n: number) => Math.max(1, Math.ceil(Math.log2(Math.max(1, n))));
const responseKey = (f: FieldNode) => f.alias?.value ?? f.name.value;

function typeApplies(w: Walk, condition: string | undefined, type: GraphQLObjectType) {
  if (!condition || condition === type.name) return true;
  const t = w.schema.getType(condition);
  return !!t && isAbstractType(t) && w.schema.isSubType(t, type);
}

/** The fields a selection set asks of an object type, fragments spread in. */
function fieldsOn(w: Walk, set: SelectionSetNode | undefined, type: GraphQLObjectType): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((sel) => {
    if (sel.kind === "Field") return [sel];
    if (sel.kind === "InlineFragment") return typeApplies(w, sel.typeCondition?.name.value, type) ? fieldsOn(w, sel.selectionSet, type) : [];
    const f = w.fragments[sel.name.value];
    return f && typeApplies(w, f.typeCondition.name.value, type) ? fieldsOn(w, f.selectionSet, type) : [];
  });
}

/** Cost of what a selection set nests under a value of `type` (the value's own 1 excluded). */
function childrenCost(w: Walk, set: SelectionSetNode | undefined, type: GraphQLCompositeType, value: Data): number {
  if (isAbstractType(type)) {
    const typename = value && typeof value.__typename === "string" ? value.__typename : null;
    const candidates = w.schema.getPossibleTypes(type).filter((t) => !typename || t.name === typename);
    return Math.max(0, ...candidates.map((t) => childrenCost(w, set, t, value)));
  }
  if (!isObjectType(type)) return 0;
  let total = 0;
  for (const sel of fieldsOn(w, set, type)) {
    const field = type.getFields()[sel.name.value];
    const named = field && getNamedType(field.type);
    if (!named || !isCompositeType(named)) continue;
    total += fieldCost(w, sel, named, value?.[responseKey(sel)]);
  }
  return total;
}

function pageSize(w: Walk, sel: FieldNode) {
  const arg = (name: string) => {
    const a = sel.arguments?.find((x) => x.name.value === name);
    return a ? Number(valueFromASTUntyped(a.value, w.variables)) || 0 : 0;
  };
  return arg("first") || arg("last");
}

/** One node of a connection: `nodes { … }` and `edges { node { … } }` name the same objects. */
function nodeCost(w: Walk, connSel: FieldNode, conn: GraphQLObjectType, i: number | null, value: Data): number {
  let cost = 0;
  for (const sel of fieldsOn(w, connSel.selectionSet, conn)) {
    const field = conn.getFields()[sel.name.value];
    if (sel.name.value === "nodes") {
      const node = (i === null ? undefined : (value?.[responseKey(sel)] as Data[] | undefined)?.[i]) as Data;
      cost = Math.max(cost, 1 + childrenCost(w, sel.selectionSet, getNamedType(field.type) as GraphQLCompositeType, node));
    } else if (sel.name.value === "edges") {
      const edgeType = getNamedType(field.type) as GraphQLObjectType;
      const edge = (i === null ? undefined : (value?.[responseKey(sel)] as Data[] | undefined)?.[i]) as Data;
      for (const inner of fieldsOn(w, sel.selectionSet, edgeType).filter((f) => f.name.value === "node")) {
        const nodeType = getNamedType(edgeType.getFields().node.type) as GraphQLCompositeType;
        cost = Math.max(cost, 1 + childrenCost(w, inner.selectionSet, nodeType, edge?.[responseKey(inner)] as Data));
      }
    }
  }
  return cost;
}

function returnedNodes(w: Walk, connSel: FieldNode, conn: GraphQLObjectType, value: Record<string, unknown>) {
  let n = 0;
  for (const sel of fieldsOn(w, connSel.selectionSet, conn)) {
    if (sel.name.value === "nodes" || sel.name.value === "edges") n = Math.max(n, (value[responseKey(sel)] as unknown[] | null)?.length ?? 0);
  }
  return n;
}

function fieldCost(w: Walk, sel: FieldNode, type: GraphQLCompositeType, value: unknown): number {
  if (FREE_TYPES.has(type.name)) return 0;
  if (w.actual && value == null) return 1;
  if (isObjectType(type) && type.name.endsWith("Connection")) {
    if (!w.actual) return 2 + pageFactor(pageSize(w, sel)) * nodeCost(w, sel, type, null, undefined);
    const data = value as Record<string, unknown>;
    const n = returnedNodes(w, sel, type, data);
    const each = Math.max(0, ...Array.from({ length: n }, (_, i) => nodeCost(w, sel, type, i, data)));
    return 2 + (n ? pageFactor(n) * each : 0);
  }
  // A list of objects is charged once, like one object.
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map((v) => childrenCost(w, sel.selectionSet, type, v as Data)));
  return 1 + childrenCost(w, sel.selectionSet, type, value as Data);
}

function operationCost(w: Walk, op: OperationDefinitionNode, data: Data): number {
  const root = w.schema.getMutationType()!;
  let total = 0;
  for (const sel of fieldsOn(w, op.selectionSet, root)) {
    const field = root.getFields()[sel.name.value];
    if (!field) continue;
    total += BASE_COST[sel.name.value] ?? DEFAULT_BASE_COST;
    const payloadType = getNamedType(field.type);
    const payload = data?.[responseKey(sel)] as Data;
    if (!isObjectType(payloadType) || (w.actual && payload == null)) continue;
    for (const inner of fieldsOn(w, sel.selectionSet, payloadType)) {
      const f = payloadType.getFields()[inner.name.value];
      const named = f && getNamedType(f.type);
      if (!named || !isCompositeType(named)) continue;
      const value = payload?.[responseKey(inner)];
      if (w.actual && value == null) continue;
      // The payload's own objects come with the mutation's price; what they nest does not.
      total += named.name.endsWith("Connection")
        ? fieldCost(w, inner, named, value)
        : Array.isArray(value)
          ? Math.max(0, ...value.map((v) => childrenCost(w, inner.selectionSet, named, v as Data)))
          : childrenCost(w, inner.selectionSet, named, value as Data);
    }
  }
  return total;
}

export function mutationRequestedCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  return operationCost({ schema, fragments, variables, actual: false }, op, undefined);
}

export function mutationActualCost(
  schema: GraphQLSchema,
  op: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  data: unknown,
): number {
  return operationCost({ schema, fragments, variables, actual: true }, op, (data ?? null) as Data);
}
