import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

// flowTriggerReceive's checks, worded and ordered as live Shopify's answers (conformance/2026-04/
// admin-platform/admin-platform-flow-trigger-receive-*): the body's shape first, then the size of
// its properties (over 50,000 bytes of JSON is refused, exactly 50,000 accepted), then the trigger.
// Last, the payload against the fields the trigger's extension declares (README, "Flow triggers"):
// no capture has Shopify's words for that, so the double says it in the same form.

export const PROPERTIES_LIMIT_BYTES = 50_000;
const ROOT_FIELDS = new Set(["trigger_id", "trigger_title", "properties", "resources"]);

const report = (problems: string[]) => `Errors validating schema:\n${problems.map((p) => `  ${p}\n`).join("")}`;

function isAbsoluteUrl(value: string) {
  try {
    return Boolean(new URL(value).protocol);
  } catch {
    return false;
  }
}

function shapeProblems(body: Record<string, unknown>): string[] {
  const problems = Object.keys(body)
    .filter((k) => !ROOT_FIELDS.has(k))
    .map((k) => `Invalid field: '${k}'.`);
  const resources = Array.isArray(body.resources) ? body.resources : [];
  const missing: string[] = [];
  const types: string[] = [];
  for (const r of resources as Record<string, unknown>[]) {
    for (const field of ["name", "url"]) if (r?.[field] === undefined) missing.push(`Required field missing: '${field}'.`);
    if (typeof r?.url === "string" && !isAbsoluteUrl(r.url)) types.push(`Type error for field 'url': ${r.url} is not an absolute URL.`);
  }
  return [...problems, ...missing, ...types];
}

const tooBig = (properties: unknown) => Buffer.byteLength(JSON.stringify(properties ?? {}), "utf8") > PROPERTIES_LIMIT_BYTES;

export type FlowTriggerCheck = { error: string } | { handle: string; payload: unknown };

/** The handle form: `flowTriggerReceive(handle:, payload:)`. */
export function checkHandleCall(handle: string | null | undefined, payload: unknown, known: Set<string>): FlowTriggerCheck {
  if (tooBig(payload)) return { error: report([`Properties size exceeds the limit of ${PROPERTIES_LIMIT_BYTES} bytes.`]) };
  if (!handle || !known.has(handle)) return { error: report([`Invalid handle '${handle ?? ""}'.`]) };
  const fields = payloadProblems(known, handle, payload ?? {});
  if (fields.length) return { error: report(fields) };
  return { handle, payload: payload ?? {} };
}

/**
 * The legacy form: the whole request as a JSON string. The double knows triggers by handle, so a
 * trigger_id or trigger_title names one of those handles (on Shopify they are the trigger's own id and title).
 */
export function checkBodyCall(body: string, known: Set<string>): FlowTriggerCheck {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: report(["Invalid JSON body."]) }; // not captured: the double's wording
  }
  const shape = shapeProblems(parsed);
  if (shape.length) return { error: report(shape) };
  if (tooBig(parsed.properties)) return { error: report([`Properties size exceeds the limit of ${PROPERTIES_LIMIT_BYTES} bytes.`]) };
  const id = parsed.trigger_id,
    title = parsed.trigger_title;
  if (id === undefined && title === undefined) return { error: report(["Required field missing: 'trigger_id'."]) };
  if (id !== undefined && !known.has(String(id))) return { error: report([`Invalid trigger_id '${String(id)}'.`]) };
  if (id === undefined && !known.has(String(title))) return { error: report([`Invalid trigger_title '${String(title)}'.`]) };
  const fields = payloadProblems(known, String(id ?? title), parsed.properties ?? {});
  if (fields.length) return { error: report(fields) };
  return { handle: String(id ?? title), payload: parsed.properties ?? {} };
}

// ---- The app's trigger extensions and the fields they declare ----

/** A [[settings.fields]] entry of a flow_trigger extension. */
export interface FlowField {
  type: string;
  key?: string;
}

/** Reference fields arrive as `<resource>_id`: the resource's GID, or its numeric id. */
const REFERENCES: Record<string, { key: string; type: string }> = {
  customer_reference: { key: "customer_id", type: "Customer" },
  order_reference: { key: "order_id", type: "Order" },
  product_reference: { key: "product_id", type: "Product" },
  company_reference: { key: "company_id", type: "Company" },
  company_contact_reference: { key: "company_contact_id", type: "CompanyContact" },
};

/** The payload key a declared field is sent under. */
export const payloadKey = (field: FlowField) => REFERENCES[field.type]?.key ?? field.key ?? "";

/** Every flow_trigger extension under <root>/extensions/*\/shopify.extension.toml, by handle, with its declared fields. */
export function readFlowTriggerExtensions(root: string): Map<string, FlowField[]> {
  const dir = path.join(root, "extensions");
  const triggers = new Map<string, FlowField[]>();
  if (!fs.existsSync(dir)) return triggers;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name, "shopify.extension.toml");
    if (!fs.existsSync(file)) continue;
    const doc = parse(fs.readFileSync(file, "utf8")) as { extensions?: { type?: string; handle?: string }[]; settings?: { fields?: FlowField[] } };
    for (const extension of doc.extensions ?? []) {
      if (extension.type === "flow_trigger") triggers.set(String(extension.handle), doc.settings?.fields ?? []);
    }
  }
  return triggers;
}

// The declared fields, kept beside the world's set of known handles (the set the resolver hands
// the checks). A handle known without fields (a test's `flowTriggerHandles`, `register-flow-trigger`)
// takes any payload.
const declaredFields = new WeakMap<Set<string>, Map<string, FlowField[]>>();

export function declareFlowTriggerFields(known: Set<string>, triggers: Map<string, FlowField[]>) {
  declaredFields.set(known, triggers);
}

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

const isString = (v: unknown): v is string => typeof v === "string";
const VALUE_TYPES: Record<string, { ok: (v: unknown) => boolean; is: string }> = {
  number_decimal: { ok: (v) => typeof v === "number" && Number.isFinite(v), is: "a number" },
  url: { ok: (v) => isString(v) && isAbsoluteUrl(v), is: "an absolute URL" },
  boolean: { ok: (v) => typeof v === "boolean", is: "a boolean" },
  email: { ok: (v) => isString(v) && /^[^@\s]+@[^@\s]+$/.test(v), is: "an email address" },
  single_line_text_field: { ok: isString, is: "a string" },
};

function typeProblem(field: FlowField, key: string, value: unknown): string | null {
  const reference = REFERENCES[field.type];
  const check = reference
    ? {
        ok: (v: unknown) =>
          (typeof v === "number" && Number.isSafeInteger(v) && v > 0) ||
          (isString(v) && (/^[1-9]\d*$/.test(v) || new RegExp(`^gid://shopify/${reference.type}/[1-9]\\d*$`).test(v))),
        is: `a ${reference.type} id`,
      }
    : (VALUE_TYPES[field.type] ?? VALUE_TYPES.single_line_text_field!);
  return check.ok(value) ? null : `Type error for field '${key}': ${shown(value)} is not ${check.is}.`;
}

/** What is wrong with a payload for the trigger's declared fields: unknown keys, then missing references, then wrong types. */
function payloadProblems(known: Set<string>, handle: string, payload: unknown): string[] {
  const fields = declaredFields.get(known)?.get(handle);
  if (!fields) return [];
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return [`Type error for field 'payload': ${shown(payload)} is not an object.`];
  const given = payload as Record<string, unknown>;
  const byKey = new Map(fields.map((f) => [payloadKey(f), f]));
  const unknown = Object.keys(given)
    .filter((k) => !byKey.has(k))
    .map((k) => `Invalid field: '${k}'.`);
  const missing = fields.filter((f) => REFERENCES[f.type] && given[payloadKey(f)] == null).map((f) => `Required field missing: '${payloadKey(f)}'.`);
  const types = [...byKey].flatMap(([key, field]) => (given[key] == null ? [] : [typeProblem(field, key, given[key])].filter((p): p is string => p !== null)));
  return [...unknown, ...missing, ...types];
}
