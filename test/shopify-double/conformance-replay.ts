import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { createOrder } from "./operations";
import { admin, startTestDouble } from "./test-helpers";
import type { ShopifyDouble } from "./index";

// Replays Shopify's captured answers (conformance/, see NOTICE.md there) against the double: the
// capture's ids are mapped onto objects made in the double the way the capture's setup made them.

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), "conformance");

export const capture = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8"));

/** A captured GraphQL answer, wherever the capture keeps it (`payload`, `body`, `response`...). */
export function answerOf(x: any): any {
  if (x?.payload) return x.payload;
  if (x?.body) return x.body;
  if (x?.response) return answerOf(x.response);
  return x;
}

export interface Replay {
  double: ShopifyDouble;
  gql: (query: string, variables?: Record<string, unknown>) => Promise<{ status: number; body: any }>;
  /** the capture's gid → the double's gid for the same object */
  ids: Map<string, string>;
  mapIds: <T>(value: T) => T;
  close: () => Promise<void>;
}

/** A wholesale double whose clock reads the capture's time, with the app installed. */
export async function startReplay(capturedAt: string): Promise<Replay> {
  const double = await startTestDouble({ now: new Date(capturedAt) });
  const gql = admin(double, double.controls.installApp().accessToken);
  const ids = new Map<string, string>();
  const mapIds = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null), (_k, v) => (typeof v === "string" && ids.has(v) ? ids.get(v) : v));
  return { double, gql, ids, mapIds, close: () => double.close() };
}

/** An order like the capture's `orderCreate`: one custom line, with or without a customer email. */
export function makeOrder(r: Replay, withEmail: boolean, cents = 1850) {
  const shop = r.double.store.shop(r.double.shopDomain)!;
  const customer = [...shop.customers.values()].find((c) => c.email);
  const o = createOrder(r.double.world, shop, {
    customerId: withEmail ? customer!.id : null,
    lineItems: [{ title: "Capture line", quantity: 1, unitPrice: cents }],
  });
  return `gid://shopify/Order/${o.id}`;
}

const costOf = (answer: any) =>
  answer?.extensions?.cost && {
    requestedQueryCost: answer.extensions.cost.requestedQueryCost,
    actualQueryCost: answer.extensions.cost.actualQueryCost,
  };

/**
 * The double answered as Shopify did: the same top-level errors, and for each mutation field (by
 * response key) the same userErrors (message, code, field, order), the same fields null, and the
 * same requested and actual cost.
 */
export function expectSameAnswer(ours: any, theirs: any) {
  expect(ours.errors).toEqual(theirs.errors);
  expect("data" in ours).toBe("data" in theirs);
  for (const [key, payload] of Object.entries<any>(theirs.data ?? {})) {
    const mine = ours.data?.[key];
    if (payload === null || typeof payload !== "object") {
      expect(mine, key).toEqual(payload);
      continue;
    }
    expect(mine, key).not.toBeNull();
    if ("userErrors" in payload) expect(mine.userErrors, `${key}.userErrors`).toEqual(payload.userErrors);
    for (const [field, value] of Object.entries(payload)) {
      expect(mine[field] === null, `${key}.${field} is null`).toBe(value === null);
    }
  }
  expect(costOf(ours)).toEqual(costOf(theirs));
}
