// Shopify's search syntax for the `query` argument: terms joined by spaces (AND), OR, NOT or a
// leading "-", parentheses, `field:value`, comparators `:>`, `:>=`, `:<`, `:<=`, quoted values
// and trailing `*` prefix matches. Unknown fields are ignored with a warning, as Shopify does.

type Value = string | number | Date | boolean | null | undefined | (string | number)[];
export type SearchFields<T> = Record<string, (item: T) => Value>;

type Node =
  | { kind: "and" | "or"; children: Node[] }
  | { kind: "not"; child: Node }
  | { kind: "term"; field: string | null; op: ":" | ">" | ">=" | "<" | "<="; value: string };

function tokenize(q: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      tokens.push(c);
      i++;
      continue;
    }
    let tok = "";
    while (i < q.length && !/\s/.test(q[i]) && q[i] !== ")" && !(q[i] === "(" && tok === "")) {
      if (q[i] === "'" || q[i] === '"') {
        const quote = q[i++];
        let s = "";
        while (i < q.length && q[i] !== quote) {
          s += q[i] === "\\" ? q[++i] : q[i];
          i++;
        }
        i++;
        tok += `\u0000${s}\u0000`;
      } else tok += q[i++];
    }
    tokens.push(tok);
  }
  return tokens;
}

function parseTerm(tok: string): Node {
  const unquote = (s: string) => s.replaceAll("\u0000", "");
  const m = /^([a-zA-Z_][\w.]*):(>=|<=|>|<)?(.*)$/s.exec(tok);
  if (m) return { kind: "term", field: m[1].toLowerCase(), op: (m[2] as any) ?? ":", value: unquote(m[3]) };
  return { kind: "term", field: null, op: ":", value: unquote(tok) };
}

export function parseSearch(q: string): Node {
  const tokens = tokenize(q);
  let pos = 0;
  const parseOr = (): Node => {
    const parts = [parseAnd()];
    while (tokens[pos] === "OR") {
      pos++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0] : { kind: "or", children: parts };
  };
  const parseAnd = (): Node => {
    const parts: Node[] = [];
    while (pos < tokens.length && tokens[pos] !== ")" && tokens[pos] !== "OR") {
      if (tokens[pos] === "AND") {
        pos++;
        continue;
      }
      parts.push(parseUnary());
    }
    return parts.length === 1 ? parts[0] : { kind: "and", children: parts };
  };
  const parseUnary = (): Node => {
    const tok = tokens[pos++];
    if (tok === "NOT") return { kind: "not", child: parseUnary() };
    if (tok === "(") {
      const inner = parseOr();
      if (tokens[pos] === ")") pos++;
      return inner;
    }
    if (tok.startsWith("-") && tok.length > 1) return { kind: "not", child: parseTerm(tok.slice(1)) };
    return parseTerm(tok);
  };
  return parseOr();
}

function matchValue(actual: Value, op: string, raw: string): boolean {
  if (Array.isArray(actual)) return op === ":" && actual.some((a) => matchValue(a, op, raw));
  if (actual === null || actual === undefined) return raw === "" || raw.toLowerCase() === "null" ? true : false;
  if (actual instanceof Date) {
    const target = new Date(raw);
    if (Number.isNaN(target.getTime())) return false;
    const a = actual.getTime(),
      b = target.getTime();
    return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : op === "<=" ? a <= b : a === b;
  }
  if (typeof actual === "number") {
    const b = Number(raw);
    if (Number.isNaN(b)) return false;
    return op === ">" ? actual > b : op === ">=" ? actual >= b : op === "<" ? actual < b : op === "<=" ? actual <= b : actual === b;
  }
  if (typeof actual === "boolean") return String(actual) === raw.toLowerCase();
  const a = actual.toLowerCase(),
    b = raw.toLowerCase();
  if (op !== ":") return op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
  return b.endsWith("*") ? a.startsWith(b.slice(0, -1)) : a === b;
}

export interface SearchWarning {
  field: string;
  message: string;
}

export function searchFilter<T>(query: string | null | undefined, fields: SearchFields<T>, defaultFields: ((item: T) => string | null)[]) {
  const warnings: SearchWarning[] = [];
  if (!query || !query.trim()) return { test: (_: T) => true, warnings };
  const ast = parseSearch(query);
  const visit = (n: Node) => {
    if (n.kind === "term" && n.field && !fields[n.field]) warnings.push({ field: n.field, message: "Invalid search field for this query." });
    if (n.kind === "and" || n.kind === "or") n.children.forEach(visit);
    if (n.kind === "not") visit(n.child);
  };
  visit(ast);
  const evaluate = (n: Node, item: T): boolean => {
    switch (n.kind) {
      case "and":
        return n.children.every((c) => evaluate(c, item));
      case "or":
        return n.children.some((c) => evaluate(c, item));
      case "not":
        return !evaluate(n.child, item);
      case "term": {
        if (n.field === null) {
          const needle = n.value.toLowerCase().replace(/\*$/, "");
          return defaultFields.some((f) => (f(item) ?? "").toLowerCase().includes(needle));
        }
        const get = fields[n.field];
        if (!get) return true;
        return n.value.split(",").some((v) => matchValue(get(item), n.op, v));
      }
    }
  };
  return { test: (item: T) => evaluate(ast, item), warnings };
}
