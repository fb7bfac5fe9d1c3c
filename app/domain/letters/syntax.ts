// The template language merchants write letters in (documented in README.md):
//   {{name}}                      a value
//   {{#name}}…{{/name}}           kept when name has a value (or the condition holds)
//   {{#name}}…{{else}}…{{/name}}  the other text otherwise
//   {{^name}}…{{/name}}           kept when name has no value
// Mustache's sections, plus Handlebars' {{else}}, because merchants may already
// know them and a letter needs little more: plurals and sentences left out.
import type { MalformedCode, ToneProblem } from "./types";

// text: always has a value. optional: may be empty, so it must sit inside its own
// section. block: several lines, body only. condition: only for sections.
export type PlaceholderShape = "text" | "optional" | "block" | "condition";

export const PLACEHOLDERS = {
  customer_name: "optional",
  company_name: "optional",
  debts: "block",
  debt_numbers: "text",
  debt_count: "text",
  total: "text",
  due_date: "optional",
  payment_link: "block",
  offer: "optional",
  installment: "optional",
  merchant_identity: "block",
  shop_name: "text",
  several_debts: "condition",
} as const satisfies Record<string, PlaceholderShape>;
export type PlaceholderName = keyof typeof PLACEHOLDERS;

export type TemplateNode =
  | { type: "text"; text: string }
  | { type: "var"; name: string }
  | { type: "section"; name: string; inverted: boolean; yes: TemplateNode[]; no: TemplateNode[] };

const TAG = /\{\{\s*([#^/]?)\s*([^{}]*?)\s*\}\}/g;

export const isPlaceholder = (name: string): name is PlaceholderName => Object.prototype.hasOwnProperty.call(PLACEHOLDERS, name);

const tag = (name: string) => `{{${name}}}`;
const known = () => Object.keys(PLACEHOLDERS).map(tag).join(", ");

interface Frame {
  node: Extract<TemplateNode, { type: "section" }>;
  inElse: boolean;
  opening: string;
}

/** Parses one template text; unknown names and broken sections come back as problems. */
export function parseTemplate(source: string): { nodes: TemplateNode[]; problems: ToneProblem[] } {
  const root: TemplateNode[] = [];
  const stack: Frame[] = [];
  const problems: ToneProblem[] = [];
  const unknown = new Set<string>();
  const target = () => (stack.length === 0 ? root : stack[stack.length - 1].inElse ? stack[stack.length - 1].node.no : stack[stack.length - 1].node.yes);
  const malformed = (code: MalformedCode, words: string[], message: string) => problems.push({ kind: "malformed", code, words, message });
  const pushText = (text: string) => {
    if (!text) return;
    if (text.includes("{{") || text.includes("}}")) {
      malformed(
        "missing_braces",
        [text.includes("{{") ? "{{" : "}}"],
        "A placeholder is missing its braces: write each one as {{name}}, with two braces on each side.",
      );
    }
    target().push({ type: "text", text });
  };

  let last = 0;
  for (const match of source.matchAll(TAG)) {
    pushText(source.slice(last, match.index));
    last = match.index + match[0].length;
    const [raw, sigil, rawName] = match;
    const name = rawName.trim().toLowerCase();
    if (!sigil && name === "else") {
      const frame = stack[stack.length - 1];
      if (!frame || frame.inElse) malformed("stray_else", [raw], "{{else}} belongs inside a section, once: {{#name}}…{{else}}…{{/name}}.");
      else frame.inElse = true;
      continue;
    }
    if (!isPlaceholder(name)) unknown.add(tag(sigil + rawName.trim()));
    if (sigil === "#" || sigil === "^") {
      const node = { type: "section" as const, name, inverted: sigil === "^", yes: [], no: [] };
      target().push(node);
      stack.push({ node, inElse: false, opening: raw });
    } else if (sigil === "/") {
      const frame = stack[stack.length - 1];
      if (!frame)
        malformed("close_never_opened", [raw], `${raw} closes a section that was never opened: remove it or add {{#${name}}} where the section starts.`);
      else if (frame.node.name !== name)
        malformed("closed_out_of_order", [frame.opening, raw], `${frame.opening} must be closed with {{/${frame.node.name}}} before ${raw}.`);
      else stack.pop();
    } else {
      target().push({ type: "var", name });
    }
  }
  pushText(source.slice(last));
  for (const frame of stack.reverse()) {
    malformed("never_closed", [frame.opening], `${frame.opening} is never closed: add {{/${frame.node.name}}} where its text ends.`);
  }
  if (unknown.size > 0) {
    const words = [...unknown];
    problems.unshift({
      kind: "unknown_placeholder",
      words,
      message: `Quita does not know ${words.join(", ")}. The placeholders are: ${known()}.`,
    });
  }
  return { nodes: root, problems };
}

/** Misuses of known placeholders: a value that may be empty outside its own section, a block in the subject. */
export function usageProblems(nodes: TemplateNode[], where: "subject" | "body"): ToneProblem[] {
  const problems: ToneProblem[] = [];
  const seen = new Set<string>();
  const report = (name: string, code: MalformedCode, message: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    problems.push({ kind: "malformed", code, words: [tag(name)], message });
  };
  const walk = (list: TemplateNode[], present: ReadonlySet<string>) => {
    for (const node of list) {
      if (node.type === "section") {
        walk(node.inverted ? node.no : node.yes, new Set([...present, node.name]));
        walk(node.inverted ? node.yes : node.no, present);
        continue;
      }
      if (node.type !== "var" || !isPlaceholder(node.name)) continue;
      const shape: PlaceholderShape = PLACEHOLDERS[node.name];
      const name = node.name;
      if (shape === "condition") report(name, "condition_as_value", `${tag(name)} is a condition, not a value: write {{#${name}}}…{{else}}…{{/${name}}}.`);
      if (shape === "optional" && !present.has(name)) {
        report(
          name,
          "optional_outside_section",
          `${tag(name)} is sometimes empty: put its words inside {{#${name}}}…{{/${name}}} so the letter still reads well without it.`,
        );
      }
      if (shape === "block" && where === "subject")
        report(name, "block_in_subject", `${tag(name)} takes several lines: it belongs in the body, not the subject.`);
    }
  };
  walk(nodes, new Set());
  return problems;
}

/** Placeholders used outside every section: the ones each letter is sure to show. */
export function alwaysShown(nodes: TemplateNode[]): Set<string> {
  return new Set(nodes.flatMap((node) => (node.type === "var" ? [node.name] : [])));
}

/** The template's text with its tags blanked out, for the word check. */
export function plainText(nodes: TemplateNode[]): string {
  return nodes.map((node) => (node.type === "text" ? node.text : node.type === "var" ? " " : ` ${plainText(node.yes)} ${plainText(node.no)} `)).join("");
}
