// The tone check a template passes before it is saved: no threatening or shaming
// words (forbidden-words.ts), a way to pay and the merchant's legal identity in
// every letter, and only placeholders Quita can fill.
import { WORD_FAMILIES } from "./forbidden-words";
import { alwaysShown, parseTemplate, plainText, usageProblems } from "./syntax";
import type { LetterLocale, LetterTemplate, ToneProblem, ToneResult } from "./types";

const COMPILED = WORD_FAMILIES.map((family) => ({
  family,
  // Whole words: no letter or digit may touch the match on either side.
  pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${family.entries.map((e) => e.replace(/ /g, "\\s+")).join("|")})(?![\\p{L}\\p{N}])`, "gu"),
}));

/** Lower case, accents and hyphens gone, with where each character came from in the original. */
function normalise(text: string): { text: string; from: number[]; to: number[] } {
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const plain = char === "-" ? " " : char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    for (let k = 0; k < plain.length; k++) {
      from.push(i);
      to.push(i + char.length);
    }
    out += plain;
    i += char.length;
  }
  return { text: out, from, to };
}

function forbiddenWords(text: string, pattern: RegExp): string[] {
  const plain = normalise(text);
  const words = new Map<string, string>();
  for (const match of plain.text.matchAll(pattern)) {
    const original = text.slice(plain.from[match.index], plain.to[match.index + match[0].length - 1]).replace(/\s+/g, " ");
    const key = match[0].replace(/\s+/g, " ");
    if (!words.has(key)) words.set(key, original);
  }
  return [...words.values()];
}

const quote = (words: string[]) => words.map((w) => `“${w}”`).join(", ");

const ADVICE = {
  threat: "Say how to pay and bring a proposal instead: Brazil's consumer code (art. 71) forbids collecting with threats.",
  shame: "Assume good faith: Brazil's consumer code (art. 42) forbids exposing a customer to embarrassment over a debt.",
} as const;

/**
 * Whether a template may be saved. `locale`: the language the template is written
 * in, whose word lists apply (with the bureaus' names, which read the same in
 * every language); without it every language's lists apply.
 */
export function checkTone(template: LetterTemplate, locale?: LetterLocale): ToneResult {
  const subject = parseTemplate(template.subject);
  const body = parseTemplate(template.body);
  const problems: ToneProblem[] = [...subject.problems, ...body.problems];
  if (subject.problems.length === 0) problems.push(...usageProblems(subject.nodes, "subject"));
  if (body.problems.length === 0) problems.push(...usageProblems(body.nodes, "body"));

  const text = `${plainText(subject.nodes)}\n${plainText(body.nodes)}`;
  for (const { family, pattern } of COMPILED) {
    if (locale && family.languages !== "all" && !family.languages.includes(locale)) continue;
    const words = forbiddenWords(text, pattern);
    if (words.length > 0) problems.push({ kind: family.kind, words, message: `${family.why}: remove ${quote(words)}. ${ADVICE[family.kind]}` });
  }

  // Outside every section: a way to pay and who is writing must be in every letter,
  // offer or not. A body whose sections are broken is judged once they are mended.
  const shown = alwaysShown(body.nodes);
  if (body.problems.some((p) => p.kind === "malformed")) return { ok: false, problems };
  if (!shown.has("debts") && !shown.has("payment_link")) {
    problems.push({
      kind: "missing_payment_link",
      words: ["{{payment_link}}"],
      message: "Every letter must say how to pay: add {{debts}} (each debt with its payment link) or {{payment_link}} to the body, outside any {{#…}} section.",
    });
  }
  if (!shown.has("merchant_identity")) {
    problems.push({
      kind: "missing_identity",
      words: ["{{merchant_identity}}"],
      message:
        "Every collection letter must say who is writing (required in Brazil): add {{merchant_identity}} (legal name, address and tax id) to the body, outside any {{#…}} section.",
    });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
