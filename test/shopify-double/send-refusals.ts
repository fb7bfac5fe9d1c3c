import { OperationError } from "./operations-common";
import type { World } from "./world";

// Refusals on demand: Shopify declines the next sends of an email with one of its own userErrors,
// worded as live Shopify words it (conformance/: orderInvoiceSend-email-validation,
// draft-order-invoice-send-created-no-recipient, payment-reminder-send-eligibility and
// -additional-guards). The app's and the double's address checks agree, so without this a test
// never sees Shopify say no. A refused send records nothing in the mailbox, as a real refusal.

export const SEND_OPERATIONS = ["orderInvoiceSend", "draftOrderInvoiceSend", "paymentReminderSend"] as const;
export type SendOperation = (typeof SEND_OPERATIONS)[number];

/** What Shopify answers each send with when it refuses it (the first is the default). */
export const SHOPIFY_REFUSALS: Record<SendOperation, readonly string[]> = {
  orderInvoiceSend: ["To is invalid", "No recipient email address was provided"],
  draftOrderInvoiceSend: ["To is invalid", "To can't be blank", "Draft order Invoice can't be sent. This draft order is already paid."],
  paymentReminderSend: [
    "Payment schedule is already completed",
    "Payment schedule does not exist",
    "Order does not have a contact email",
    "Payment reminder could not be sent",
    "You cannot send more than 1 payment reminders for the same order in a 24hour period",
  ],
};

interface Rule {
  operations: Set<SendOperation>;
  message: string | null;
  remaining: number;
}

const rulesOf = new WeakMap<World, Rule[]>();

/** The next `count` sends by one of `operations` (all three when empty) are refused with `message` (each one's default when null). */
export function refuseNextSends(w: World, operations: string[], count: number, message: string | null) {
  const unknown = operations.filter((o) => !(SEND_OPERATIONS as readonly string[]).includes(o));
  if (unknown.length) throw new OperationError(`Not a send Shopify refuses: ${unknown.join(", ")} (one of ${SEND_OPERATIONS.join(", ")})`);
  if (!Number.isInteger(count) || count < 1) throw new OperationError(`count must be a whole number from 1: ${count}`);
  const ops = (operations.length ? operations : [...SEND_OPERATIONS]) as SendOperation[];
  const foreign = message === null ? [] : ops.filter((o) => !SHOPIFY_REFUSALS[o].includes(message));
  if (foreign.length) throw new OperationError(`Shopify does not answer ${foreign.join(", ")} with "${message}"`);
  const rules = rulesOf.get(w) ?? [];
  rules.push({ operations: new Set(ops), message, remaining: count });
  rulesOf.set(w, rules);
}

/** Shopify's refusal of this send, if one was asked for: it uses one up. */
export function takeRefusal(w: World, operation: SendOperation): string | null {
  const rules = rulesOf.get(w);
  const rule = rules?.find((r) => r.operations.has(operation));
  if (!rules || !rule) return null;
  if (--rule.remaining === 0) rules.splice(rules.indexOf(rule), 1);
  return rule.message ?? SHOPIFY_REFUSALS[operation][0]!;
}
