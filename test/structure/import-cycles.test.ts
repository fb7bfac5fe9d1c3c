import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/admin-schema";

// No module under app/ may reach itself through its imports, types included:
// a cycle is how importing one module ends up starting (or half-initialising)
// another, as app/shopify.server.ts and the webhook modules once did. The
// import graph is read from the source itself, no package needed.

const appDir = path.join(repoRoot, "app");
const EXTENSIONS = [".ts", ".tsx"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Every module specifier in `source`: static imports and re-exports (type-only ones too) and dynamic import(). */
export function specifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) for (const match of withoutComments.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** The app file a relative specifier names, or null (a package, a generated file, an asset). */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".") && !specifier.startsWith("~/")) return null;
  const base = specifier.startsWith("~/") ? path.join(appDir, specifier.slice(2)) : path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ""));
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  return (
    candidates.find((file) => file.startsWith(appDir) && EXTENSIONS.some((ext) => file.endsWith(ext)) && statSync(file, { throwIfNoEntry: false })?.isFile()) ??
    null
  );
}

/** Strongly connected components of more than one module, or of one that imports itself: Tarjan's algorithm. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe("the app's import graph", () => {
  it("finds a cycle when there is one, and none in a tree", () => {
    expect(
      cycles(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
          ["d", ["a"]],
        ]),
      ),
    ).toEqual([["a", "b", "c"]]);
    expect(
      cycles(
        new Map([
          ["a", ["b", "c"]],
          ["b", ["c"]],
          ["c", []],
        ]),
      ),
    ).toEqual([]);
    expect(specifiers(`import type { A } from "./a";\nexport { b } from "./b";\n// import "./c";\nconst d = await import("./d");\nimport "./e";`)).toEqual([
      "./a",
      "./b",
      "./e",
      "./d",
    ]);
  });

  it("has no cycle under app/", () => {
    const files = sourceFiles(appDir);
    expect(files.length).toBeGreaterThan(50);
    const graph = new Map(
      files.map((file) => [
        file,
        specifiers(readFileSync(file, "utf8"))
          .map((s) => resolve(file, s))
          .filter((f): f is string => f !== null),
      ]),
    );
    // The modules the issue named are in the graph, so a broken resolver can't pass this by finding nothing.
    const webhooks = path.join(appDir, ".server/webhooks");
    expect(graph.get(path.join(webhooks, "receive.server.ts"))).toContain(path.join(appDir, "shopify.server.ts"));
    expect(graph.get(path.join(webhooks, "topics.server.ts"))).toContain(path.join(webhooks, "types.server.ts"));
    const found = cycles(graph).map((cycle) => cycle.map((file) => path.relative(repoRoot, file)));
    expect(found).toEqual([]);
  });
});
