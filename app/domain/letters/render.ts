// The one renderer: the preview the merchant reads is these bytes, and so is the
// custom message Shopify's email carries. Shopify shows that message as plain
// text, so a letter is plain text: no HTML, each link alone on its line (mail
// apps make a bare line of URL clickable, and never break it), short lines.
import { parseTemplate, usageProblems, type TemplateNode } from "./syntax";
import type { LetterContext, LetterTemplate, RenderedLetter, ToneProblem } from "./types";
import { letterValues, type LetterValues } from "./values";

/** A template the renderer cannot write: the problems say what to change, as the tone check would. */
export class LetterTemplateError extends Error {
  override name = "LetterTemplateError";
  constructor(readonly problems: ToneProblem[]) {
    super(problems.map((p) => p.message).join(" "));
  }
}

export const LINE_WIDTH = 100;
const LINK = /https?:\/\/[^\s<>"]+/g;
const TRAILING = /[.,;:!?)]+$/;

function fill(nodes: TemplateNode[], values: LetterValues): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text") out += node.text;
    else if (node.type === "var") out += typeof values[node.name as keyof LetterValues] === "string" ? values[node.name as keyof LetterValues] : "";
    else {
      const value = values[node.name as keyof LetterValues];
      const present = value !== null && value !== false && value !== "";
      out += fill(present !== node.inverted ? node.yes : node.no, values);
    }
  }
  return out;
}

/**
 * A URL sharing a line with words gets a line of its own. Punctuation that closed
 * the sentence right after it ("…: https://…/pay.") is dropped with the sentence
 * break, so the link stays clean and no line starts with a lone full stop.
 */
function isolateUrls(line: string): string[] {
  const matches = [...line.matchAll(LINK)];
  if (matches.length === 0 || (matches.length === 1 && matches[0][0] === line.trim())) return [line];
  const lines: string[] = [];
  let last = 0;
  for (const match of matches) {
    const url = match[0].replace(TRAILING, "");
    lines.push(line.slice(last, match.index), url);
    last = match.index + url.length;
    last += /^[.,;:!?)]*/.exec(line.slice(last))![0].length;
  }
  lines.push(line.slice(last));
  return lines.map((l) => l.trim()).filter(Boolean);
}

/** Greedy wrap at spaces; a word longer than the width (a URL) keeps its line. No-break spaces (in amounts) hold. */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const lines: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function layoutBody(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .flatMap((line) => isolateUrls(line.replace(/[ \t]+$/, "")))
    .flatMap((line) => (line.trim() === "" ? [""] : wrap(line, LINE_WIDTH)));
  // Sections left out leave empty lines behind: at most one blank line in a row.
  const kept = lines.filter((line, i) => line !== "" || (i > 0 && lines[i - 1] !== ""));
  return kept.join("\n").trim();
}

function parsed(source: string, where: "subject" | "body"): TemplateNode[] {
  const { nodes, problems } = parseTemplate(source);
  const all = [...problems, ...(problems.length === 0 ? usageProblems(nodes, where) : [])];
  if (all.length > 0) throw new LetterTemplateError(all);
  return nodes;
}

/**
 * Writes one customer's letter. Deterministic: the same template and context give
 * the same bytes. Throws LetterTemplateError for a template Quita cannot read
 * (the tone check refuses those before they are saved) and LetterContextError
 * for a context no letter can be written from.
 */
export function renderLetter(template: LetterTemplate, context: LetterContext): RenderedLetter {
  const subjectNodes = parsed(template.subject, "subject");
  const bodyNodes = parsed(template.body, "body");
  const values = letterValues(context);
  return {
    subject: fill(subjectNodes, values).replace(/\s+/g, " ").trim(),
    body: layoutBody(fill(bodyNodes, values)),
  };
}
