import fs from "node:fs";
import { parse } from "smol-toml";

// What the double needs from shopify.app.toml: the same file `shopify app deploy` reads, so the
// double delivers exactly the topics the app declared, at the declared paths and version.
export interface AppConfig {
  apiVersion: string;
  scopes: string[];
  subscriptions: { topics: string[]; uri: string; compliance: boolean }[];
}

export function readAppToml(path: string): AppConfig {
  const doc = parse(fs.readFileSync(path, "utf8")) as any;
  const subs = (doc.webhooks?.subscriptions ?? []) as any[];
  return {
    apiVersion: String(doc.webhooks?.api_version ?? "2026-10"),
    scopes: String(doc.access_scopes?.scopes ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    subscriptions: subs.flatMap((s) => [
      ...(s.topics?.length ? [{ topics: s.topics as string[], uri: String(s.uri), compliance: false }] : []),
      ...(s.compliance_topics?.length ? [{ topics: s.compliance_topics as string[], uri: String(s.uri), compliance: true }] : []),
    ]),
  };
}
