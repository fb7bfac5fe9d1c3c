import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseToml } from "smol-toml";
import { repoRoot } from "../support/admin-schema";
import { appScopes, scopeGranted } from "../support/graphql-documents";
import { checkHandleCall, declareFlowTriggerFields, payloadKey, readFlowTriggerExtensions, type FlowField } from "../shopify-double/flow-trigger";
import { FLOW_TRIGGER_HANDLES, flowPayload, type FlowTriggerFields, type FlowTriggerHandle } from "../../app/.server/shopify/flow.server";
import { FLOW_ACTION_HANDLES, FLOW_ACTION_PROPERTIES, type FlowActionHandle } from "../../app/domain/flow/action-properties";

// The Flow trigger and action extensions under extensions/ as Shopify's CLI checks them before
// `shopify app deploy` (packages/app/src/cli/models/extensions/specifications/flow_trigger.ts,
// flow_action.ts, schemas.ts and services/flow/constants.ts in Shopify/cli), the payloads the app
// sends for the triggers, and the properties its route reads for the actions.

interface Extension {
  file: string;
  name?: unknown;
  type?: unknown;
  handle?: unknown;
  description?: unknown;
  runtime_url?: unknown;
  fields: ActionField[];
}

/** An action's value fields carry a label (`name`) and `required` besides a trigger field's type and key. */
type ActionField = FlowField & { name?: unknown; required?: unknown; description?: unknown };

// What a trigger's fields may be: these references, and these of the metafield-like types
// (number_integer and multi_line_text_field are action-only).
const TRIGGER_REFERENCES: Record<string, string[]> = {
  customer_reference: ["read_customers"],
  order_reference: ["read_orders"],
  product_reference: ["read_products"],
  company_reference: ["read_customers"],
  company_contact_reference: ["read_customers"],
};
const TRIGGER_VALUE_TYPES = ["boolean", "email", "single_line_text_field", "url", "number_decimal"];
// An action's: more references (marketing activity, abandonment) and two more value types.
const ACTION_REFERENCES = [...Object.keys(TRIGGER_REFERENCES), "marketing_activity_reference", "abandonment_reference"];
const ACTION_VALUE_TYPES = [...TRIGGER_VALUE_TYPES, "number_integer", "multi_line_text_field"];

/** Why Shopify's CLI would refuse a handle, or null. */
function handleProblem(handle: unknown): string | null {
  if (typeof handle !== "string") return "no handle";
  if (handle.length < 1 || handle.length > 30) return "a handle has 1 to 30 characters";
  if (!/^[a-zA-Z0-9-]+$/.test(handle)) return "a handle has only letters, digits and hyphens";
  if (handle.startsWith("-") || handle.endsWith("-")) return "a handle does not start or end with a hyphen";
  return null;
}

/** Why Shopify's CLI would refuse a trigger field, or null. */
function fieldProblem(field: FlowField): string | null {
  if (field.type in TRIGGER_REFERENCES) return field.key === undefined ? null : `${field.type} takes no key`;
  if (!TRIGGER_VALUE_TYPES.includes(field.type)) return `${field.type} is not a Flow trigger field type`;
  if (typeof field.key !== "string" || field.key.trim() === "") return `${field.type} needs a key`;
  if (!/^[a-zA-Z\s]*$/.test(field.key)) return `key '${field.key}' has more than letters and spaces`;
  return null;
}

/** Why Shopify's CLI would refuse an action field, or null. */
function actionFieldProblem(field: ActionField): string | null {
  if (field.required !== undefined && typeof field.required !== "boolean") return "required is true or false";
  if (ACTION_REFERENCES.includes(field.type)) return field.key === undefined && field.name === undefined ? null : `${field.type} takes no key or name`;
  if (!ACTION_VALUE_TYPES.includes(field.type)) return `${field.type} is not a Flow action field type`;
  if (typeof field.key !== "string" || field.key.trim() === "") return `${field.type} needs a key`;
  if (typeof field.name !== "string" || field.name.trim() === "") return `${field.type} needs a name (its label)`;
  return null;
}

/** Why Shopify's CLI would refuse a runtime_url: an absolute https URL, or a path it resolves against application_url. */
function runtimeUrlProblem(url: unknown): string | null {
  if (typeof url !== "string") return "no runtime_url";
  if (/[\r\n\t]/.test(url)) return "a runtime_url has no control characters";
  if (url.startsWith("/")) return url.startsWith("//") ? "a relative runtime_url starts with a single slash" : null;
  try {
    return new URL(url).protocol === "https:" ? null : "an absolute runtime_url is https";
  } catch {
    return "a runtime_url is an absolute https URL or a path";
  }
}

const extensions: Extension[] = readdirSync(path.join(repoRoot, "extensions"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const file = path.join("extensions", entry.name, "shopify.extension.toml");
    const doc = parseToml(readFileSync(path.join(repoRoot, file), "utf8")) as {
      extensions?: Omit<Extension, "file" | "fields">[];
      settings?: { fields?: FlowField[] };
    };
    expect(doc.extensions, file).toHaveLength(1);
    return { file, ...doc.extensions![0], fields: doc.settings?.fields ?? [] };
  });
const triggers = extensions.filter((e) => e.type === "flow_trigger");
const actions = extensions.filter((e) => e.type === "flow_action");

const order = { customerGid: "gid://shopify/Customer/1001", orderGid: "gid://shopify/Order/2002", daysOverdue: 7 };
const due = { ...order, amountDue: { amount: "1234.50", currencyCode: "BRL" }, paymentLink: "https://quita-demo.myshopify.com/pay/2002" };
const SAMPLES: { [H in FlowTriggerHandle]: FlowTriggerFields[H] } = {
  "payment-overdue": due,
  "reminder-sent": { ...due, stage: "7 days after the due date" },
  "reminder-not-sent": { ...due, stage: "7 days after the due date", reason: "No recipient email address was provided" },
  "debt-settled": { ...order, amountPaid: { amount: "1234.50", currencyCode: "BRL" } },
  "promise-broken": { ...due, promisedDate: "2026-12-10" },
  "installment-missed": { ...due, amountDue: { amount: "411.50", currencyCode: "BRL" }, installment: 2, installments: 3 },
};

describe("the Flow trigger extensions under extensions/", () => {
  it("are the four triggers of issue #8 and issue #10's broken promise and missed installment, by name", () => {
    expect(triggers.map((t) => t.name).sort()).toEqual([
      "Debt settled",
      "Installment missed",
      "Payment overdue",
      "Promise to pay not kept",
      "Reminder could not be sent",
      "Reminder sent",
    ]);
  });

  it.each(triggers.map((t) => [t.file, t] as const))("%s has what Shopify's CLI requires", (_file, trigger) => {
    expect(typeof trigger.name).toBe("string");
    expect(typeof trigger.description).toBe("string");
    expect(handleProblem(trigger.handle)).toBeNull();
    expect(trigger.fields.map(fieldProblem).filter(Boolean)).toEqual([]);
    const keys = trigger.fields.map(payloadKey);
    expect(new Set(keys).size, "payload keys are unique").toBe(keys.length);
  });

  it("have unique handles", () => {
    const handles = triggers.map((t) => t.handle);
    expect(new Set(handles).size).toBe(handles.length);
  });

  it("reference only resources the app's scopes let Flow read", () => {
    const scopes = appScopes();
    const needed = triggers.flatMap((t) => t.fields.filter((f) => f.type in TRIGGER_REFERENCES).map((f) => TRIGGER_REFERENCES[f.type]!));
    expect(needed.filter((anyOf) => !scopeGranted(anyOf, scopes))).toEqual([]);
  });
});

describe("the triggers the app fires", () => {
  const declared = readFlowTriggerExtensions(repoRoot);
  const known = new Set(declared.keys());
  declareFlowTriggerFields(known, declared);

  it("each exist as an extension, and each extension is fired", () => {
    expect([...FLOW_TRIGGER_HANDLES].sort()).toEqual(triggers.map((t) => String(t.handle)).sort());
  });

  it.each(FLOW_TRIGGER_HANDLES.map((h) => [h] as const))("%s: the payload carries exactly the extension's fields, and passes Shopify's checks", (handle) => {
    const payload = flowPayload(handle, SAMPLES[handle]);
    expect(Object.keys(payload)).toEqual(declared.get(handle)!.map(payloadKey));
    expect(checkHandleCall(handle, payload, known)).toEqual({ handle, payload });
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThan(50_000);
  });

  it("sends references as GIDs and money as the exact number, beside its currency", () => {
    expect(flowPayload("payment-overdue", SAMPLES["payment-overdue"])).toMatchObject({
      customer_id: "gid://shopify/Customer/1001",
      order_id: "gid://shopify/Order/2002",
      "Amount due": 1234.5,
      Currency: "BRL",
      "Days overdue": 7,
    });
  });
});

describe("the Flow action extensions under extensions/", () => {
  it("are the five actions of issue #10, by name, each run by the app's route for its handle", () => {
    expect(actions.map((a) => a.name).sort()).toEqual([
      "Extend payment terms",
      "Offer settlement discount",
      "Pause collection",
      "Record promise to pay",
      "Send collection reminder now",
    ]);
    expect(actions.map((a) => String(a.handle)).sort()).toEqual([...FLOW_ACTION_HANDLES].sort());
    for (const a of actions) expect(a.runtime_url, a.file).toBe(`/flow/actions/${String(a.handle)}`);
    expect(existsSync(path.join(repoRoot, "app", "routes", "flow.actions.$handle.tsx"))).toBe(true);
  });

  it.each(actions.map((a) => [a.file, a] as const))("%s has what Shopify's CLI requires, and the fields the route reads", (_file, action) => {
    expect(typeof action.name).toBe("string");
    expect(typeof action.description).toBe("string");
    expect(handleProblem(action.handle)).toBeNull();
    expect(runtimeUrlProblem(action.runtime_url)).toBeNull();
    expect(action.fields.map(actionFieldProblem).filter(Boolean)).toEqual([]);
    expect(action.fields.map(payloadKey)).toEqual(FLOW_ACTION_PROPERTIES[action.handle as FlowActionHandle]);
  });

  it("reference only resources the app's scopes let Flow read", () => {
    const scopes = appScopes();
    const needed = actions.flatMap((a) => a.fields.filter((f) => f.type in TRIGGER_REFERENCES).map((f) => TRIGGER_REFERENCES[f.type]!));
    expect(needed.filter((anyOf) => !scopeGranted(anyOf, scopes))).toEqual([]);
  });

  it("the checks refuse what Shopify's CLI refuses", () => {
    expect(actionFieldProblem({ type: "number_integer", key: "days" })).toMatch(/needs a name/);
    expect(actionFieldProblem({ type: "customer_reference", key: "customer" })).toMatch(/takes no key/);
    expect(actionFieldProblem({ type: "date", key: "until", name: "Until" })).toMatch(/not a Flow action field type/);
    expect(runtimeUrlProblem("http://quita.example/flow")).toMatch(/https/);
    expect(runtimeUrlProblem("//quita.example/flow")).toMatch(/single slash/);
  });
});

describe("the checks themselves", () => {
  it("refuse what Shopify's CLI refuses", () => {
    expect(fieldProblem({ type: "single_line_text_field", key: "Amount_due" })).toMatch(/letters and spaces/);
    expect(fieldProblem({ type: "number_integer", key: "Days" })).toMatch(/not a Flow trigger field type/);
    expect(fieldProblem({ type: "url" })).toMatch(/needs a key/);
    expect(handleProblem("payment_overdue")).toMatch(/letters, digits and hyphens/);
    expect(handleProblem("a-handle-that-is-far-too-long-for-shopify")).toMatch(/1 to 30/);
  });

  it("let the double refuse a payload that does not fit the trigger's fields, in Shopify's form", () => {
    const declared = new Map<string, FlowField[]>([["payment-overdue", readFlowTriggerExtensions(repoRoot).get("payment-overdue")!]]);
    const known = new Set(declared.keys());
    declareFlowTriggerFields(known, declared);
    const good = flowPayload("payment-overdue", SAMPLES["payment-overdue"]);
    const { order_id: _order, ...noOrder } = good;
    expect(checkHandleCall("payment-overdue", { ...noOrder, "Amount due": "1234.50", Note: "hi" }, known)).toEqual({
      error:
        "Errors validating schema:\n" +
        "  Invalid field: 'Note'.\n" +
        "  Required field missing: 'order_id'.\n" +
        "  Type error for field 'Amount due': 1234.50 is not a number.\n",
    });
    expect(checkHandleCall("payment-overdue", { ...good, customer_id: "gid://shopify/Order/1", "Payment link": "/pay" }, known)).toEqual({
      error:
        "Errors validating schema:\n" +
        "  Type error for field 'customer_id': gid://shopify/Order/1 is not a Customer id.\n" +
        "  Type error for field 'Payment link': /pay is not an absolute URL.\n",
    });
  });
});
