import {
  getLocation,
  getNamedType,
  typeFromAST,
  visit,
  type ASTNode,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";

// Request-level errors worded as live Shopify words them (conformance/…/payment-reminder-send-
// malformed-gid.json and payment-reminder-send-shape.json): an ID variable that is not a global id
// is refused before anything runs, and a field the type lacks is named Shopify's way.

const GLOBAL_ID = /^gid:\/\/[^/\s]+\/[^/\s]+\/\S+$/;

/** `Variable $x of type ID! was provided invalid value` for each ID variable that is not a gid. */
export function invalidIdVariables(schema: GraphQLSchema, op: OperationDefinitionNode, variables: Record<string, unknown>) {
  const errors = [];
  for (const def of op.variableDefinitions ?? []) {
    const type = typeFromAST(schema, def.type);
    if (!type || getNamedType(type).name !== "ID") continue;
    const name = def.variable.name.value;
    const value = variables[name];
    if (typeof value !== "string" || GLOBAL_ID.test(value)) continue;
    const problem = `Invalid global id '${value}'`;
    const { line, column } = getLocation(def.loc!.source, def.variable.loc!.start);
    errors.push({
      message: `Variable $${name} of type ${type.toString()} was provided invalid value`,
      locations: [{ line, column }],
      extensions: { code: "INVALID_VARIABLE", value, problems: [{ path: [], explanation: problem, message: problem }] },
    });
  }
  return errors;
}

/** The selection path Shopify reports for a node: "mutation Name", then field names down to it. */
function pathTo(document: DocumentNode, target: ASTNode): string[] {
  const stack: string[] = [];
  let found: string[] = [];
  visit(document, {
    OperationDefinition: {
      enter: (op) => {
        stack.push(op.name ? `${op.operation} ${op.name.value}` : op.operation);
      },
      leave: () => {
        stack.pop();
      },
    },
    Field: {
      enter: (f) => {
        stack.push(f.name.value);
        if (f === target) found = [...stack];
      },
      leave: () => {
        stack.pop();
      },
    },
  });
  return found;
}

/** graphql-js's validation errors, with "Cannot query field" reworded as Shopify's undefinedField. */
export function shopifyValidationError(document: DocumentNode, e: GraphQLError) {
  const m = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(e.message);
  if (!m || !e.nodes?.[0]) return e.toJSON();
  const [, fieldName, typeName] = m;
  return {
    message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
    locations: e.locations,
    path: pathTo(document, e.nodes[0]),
    extensions: { code: "undefinedField", typeName, fieldName },
  };
}
