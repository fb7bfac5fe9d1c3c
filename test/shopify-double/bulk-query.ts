import {
  getNamedType,
  isListType,
  isNullableType,
  isObjectType,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import { loadAdminSchema } from "./schema";

// The check bulkOperationRunQuery makes when it is called: the inner query against the schema
// and the bulk rules (one connection at the top, at most five, nested two deep, nested parents
// selecting their id), a bad one answered as a userError rather than an operation; and the
// shape of what the query selects, which bulk.ts follows to write the JSONL file.

const MAX_CONNECTIONS = 5;
const MAX_NESTING = 2;

export interface BulkUserError {
  field: string[] | null;
  message: string;
  code: "INVALID" | "LIMIT_REACHED" | "OPERATION_IN_PROGRESS";
}

const invalid = (message: string): BulkUserError => ({ field: ["query"], message: `Invalid bulk query: ${message}`, code: "INVALID" });
const isConnection = (t: GraphQLNamedType) => isObjectType(t) && t.name.endsWith("Connection") && "pageInfo" in t.getFields();

/** What each response key of an object holds: a value, an object to descend into, or a connection. */
export type Shape = Map<string, { kind: "leaf" } | { kind: "object"; shape: Shape } | { kind: "connection"; node: Shape }>;

function fieldsOf(set: SelectionSetNode, type: GraphQLNamedType, schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>) {
  const out: { key: string; name: string; alias: boolean; set?: SelectionSetNode; def: GraphQLField<unknown, unknown> | undefined; type: GraphQLNamedType }[] =
    [];
  for (const sel of set.selections) {
    if (sel.kind === "Field") {
      const def = "getFields" in type ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[sel.name.value] : undefined;
      out.push({ key: sel.alias?.value ?? sel.name.value, name: sel.name.value, alias: !!sel.alias, set: sel.selectionSet, def, type });
    } else {
      const frag = sel.kind === "FragmentSpread" ? fragments[sel.name.value] : sel;
      if (!frag) continue;
      const cond = frag.typeCondition ? (schema.getType(frag.typeCondition.name.value) ?? type) : type;
      out.push(...fieldsOf(frag.selectionSet, cond, schema, fragments));
    }
  }
  return out;
}

const listed = (t: GraphQLOutputType): boolean => (isNullableType(t) ? isListType(t) : isListType((t as { ofType: GraphQLOutputType }).ofType));

/** The selection of a connection's nodes, through `nodes` or `edges { node }`. */
function nodeSelections(set: SelectionSetNode | undefined, type: GraphQLNamedType, schema: GraphQLSchema, fragments: Record<string, FragmentDefinitionNode>) {
  const found: { set: SelectionSetNode; type: GraphQLNamedType }[] = [];
  if (!set) return found;
  for (const f of fieldsOf(set, type, schema, fragments)) {
    if (!f.def || !f.set) continue;
    if (f.name === "nodes") found.push({ set: f.set, type: getNamedType(f.def.type) });
    if (f.name === "edges") {
      const edge = getNamedType(f.def.type);
      for (const e of fieldsOf(f.set, edge, schema, fragments))
        if (e.name === "node" && e.set && e.def) found.push({ set: e.set, type: getNamedType(e.def.type) });
    }
  }
  return found;
}

export interface PreparedBulkQuery {
  document: DocumentNode;
  shape: Shape;
  rootKey: string;
}

/** Checks `query` as bulkOperationRunQuery does; returns what execution needs, or Shopify-style userErrors. */
export function prepareBulkQuery(query: string): PreparedBulkQuery | { userErrors: BulkUserError[] } {
  const { schema } = loadAdminSchema();
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (e) {
    return { userErrors: [invalid((e as GraphQLError).message)] };
  }
  const operations = document.definitions.filter((d) => d.kind === "OperationDefinition");
  if (operations.length !== 1) return { userErrors: [invalid("Bulk queries must contain exactly one operation.")] };
  const op = operations[0];
  if (op.operation !== "query") return { userErrors: [invalid("Bulk queries only support the query operation type.")] };
  if (op.variableDefinitions?.length) return { userErrors: [invalid("Variables are not supported in bulk queries.")] };
  const errors = validate(schema, document);
  if (errors.length) return { userErrors: errors.map((e) => invalid(e.message)) };

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === "FragmentDefinition") fragments[d.name.value] = d;
  const roots = fieldsOf(op.selectionSet, schema.getQueryType()!, schema, fragments).filter((f) => f.name !== "__typename");
  if (roots.length !== 1) return { userErrors: [invalid("Bulk queries must contain exactly one top-level field.")] };
  const root = roots[0];
  if (root.name === "node" || root.name === "nodes")
    return { userErrors: [invalid("The top-level `node` and `nodes` fields are not supported in bulk queries.")] };
  const rootType = getNamedType(root.def!.type);
  if (!isConnection(rootType)) return { userErrors: [invalid("Bulk queries must contain at least one connection, at the top level.")] };

  let connections = 0;
  const problems: string[] = [];
  const withoutId: string[] = [];
  // Builds the shape of a node's selection; `depth` counts the connections above it.
  const shapeOf = (set: SelectionSetNode, type: GraphQLNamedType, depth: number, inList: boolean, nodeSelectsId: boolean): Shape => {
    const shape: Shape = new Map();
    for (const f of fieldsOf(set, type, schema, fragments)) {
      if (!f.def) continue;
      const named = getNamedType(f.def.type);
      if (!f.set) {
        shape.set(f.key, { kind: "leaf" });
        continue;
      }
      if (isConnection(named)) {
        connections++;
        if (inList) problems.push("Queries that contain a connection field within a list field are not currently supported.");
        if (depth + 1 > MAX_NESTING) problems.push(`Bulk queries cannot contain connections with a nesting depth greater than ${MAX_NESTING}.`);
        if (depth > 0 && !nodeSelectsId) withoutId.push(f.name);
        const nodes = nodeSelections(f.set, named, schema, fragments);
        const node: Shape = new Map();
        for (const n of nodes) {
          const selectsId = fieldsOf(n.set, n.type, schema, fragments).some((x) => x.name === "id" && !x.alias);
          for (const [k, v] of shapeOf(n.set, n.type, depth + 1, false, selectsId)) node.set(k, v);
        }
        shape.set(f.key, { kind: "connection", node });
      } else {
        shape.set(f.key, { kind: "object", shape: shapeOf(f.set, named, depth, inList || listed(f.def.type), nodeSelectsId) });
      }
    }
    return shape;
  };
  const top: Shape = shapeOf(op.selectionSet, schema.getQueryType()!, 0, false, false);
  if (connections > MAX_CONNECTIONS) problems.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
  if (withoutId.length) {
    problems.push(
      `The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. Connection fields without 'id': ${[...new Set(withoutId)].join(", ")}.`,
    );
  }
  if (problems.length) return { userErrors: [...new Set(problems)].map(invalid) };
  return { document, shape: top, rootKey: root.key };
}
