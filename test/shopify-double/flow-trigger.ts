// flowTriggerReceive's checks, worded and ordered as live Shopify's answers (conformance/2026-04/
// admin-platform/admin-platform-flow-trigger-receive-*): the body's shape first, then the size of
// its properties (over 50,000 bytes of JSON is refused, exactly 50,000 accepted), then the trigger.

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
  return { handle: String(id ?? title), payload: parsed.properties ?? {} };
}
