import type { FlowTriggerReceiveMutation } from "../../types/admin.generated";
import { runAdminOperation, ShopifyUserError, type AdminGraphql } from "./admin-graphql.server";

// Quita's Shopify Flow triggers: one extension each under extensions/<handle>/shopify.extension.toml,
// whose [[settings.fields]] are the payload's keys (test/contract/flow-extensions.test.ts holds the
// two together). A reference field is sent as `<resource>_id` with the resource's GID, as Shopify's
// CLI writes a trigger's sample payload; Shopify's CLI allows only letters and spaces in the other
// keys. Flow reads number_decimal as a number, so an amount goes as a JSON number, and only when
// that number is exactly the decimal Shopify gave (money is never rounded on the way).
//
// Each trigger names one order and its customer (which order, for a letter about several, is the
// reminders' choice). Flow has no reference type for a draft order, so a debt that is only a draft
// order cannot fire one until it becomes an order.

const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors { field message }
    }
  }
`;

/** Shopify refuses a payload whose JSON is over this many bytes. */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

export const FLOW_TRIGGER_HANDLES = ["payment-overdue", "reminder-sent", "reminder-not-sent", "debt-settled", "promise-broken", "installment-missed"] as const;
export type FlowTriggerHandle = (typeof FLOW_TRIGGER_HANDLES)[number];

export interface Money {
  /** A decimal string, as Shopify's MoneyV2 gives it. */
  amount: string;
  currencyCode: string;
}

interface AboutAnOrder {
  /** gid://shopify/Customer/… */
  customerGid: string;
  /** gid://shopify/Order/… */
  orderGid: string;
  /** Days since the due date in the shop's time zone; negative before it. */
  daysOverdue: number;
}

interface Reminder extends AboutAnOrder {
  amountDue: Money;
  /** The stage of the shop's cadence, as the merchant sees it named. */
  stage: string;
  /** Where the customer can pay (an absolute http(s) URL). */
  paymentLink: string;
}

export interface FlowTriggerFields {
  "payment-overdue": Omit<Reminder, "stage">;
  "reminder-sent": Reminder;
  "reminder-not-sent": Reminder & { reason: string };
  "debt-settled": AboutAnOrder & { amountPaid: Money };
  /** `promisedDate`: the day promised, YYYY-MM-DD in the shop's time zone. */
  "promise-broken": Omit<Reminder, "stage"> & { promisedDate: string };
  /** An installment of an agreement on the order, unpaid after its grace days (daysOverdue: since its own date). */
  "installment-missed": AboutAnOrder & { amountDue: Money; installment: number; installments: number; paymentLink: string };
}

/** A payload Quita refuses to send: Shopify would refuse it, or it would say something else than was meant. */
export class FlowPayloadError extends Error {
  override name = "FlowPayloadError";
}

function gidOf(type: "Customer" | "Order", gid: string): string {
  if (!new RegExp(`^gid://shopify/${type}/\\d+$`).test(gid)) throw new FlowPayloadError(`${gid} is not a Shopify ${type} id.`);
  return gid;
}

/** The decimal without sign noise, leading or trailing zeros: how JavaScript prints the same number. */
function plainDecimal(text: string): string {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const int = whole.replace(/^0+(?=\d)/, "");
  const frac = fraction.replace(/0+$/, "");
  const sign = negative && (int !== "0" || frac) ? "-" : "";
  return `${sign}${int}${frac ? `.${frac}` : ""}`;
}

function exactNumber(label: string, money: Money): number {
  if (!/^-?\d+(\.\d+)?$/.test(money.amount)) throw new FlowPayloadError(`${label} ${money.amount} is not a decimal amount.`);
  const value = Number(money.amount);
  if (String(value) !== plainDecimal(money.amount))
    throw new FlowPayloadError(`${label} ${money.amount} cannot be sent to Flow as a number without changing it.`);
  return value;
}

function currency(money: Money): string {
  if (!/^[A-Z]{3}$/.test(money.currencyCode)) throw new FlowPayloadError(`${money.currencyCode} is not a currency code.`);
  return money.currencyCode;
}

function wholeDays(days: number): number {
  if (!Number.isInteger(days)) throw new FlowPayloadError(`Days overdue must be a whole number, not ${days}.`);
  return days;
}

function absoluteUrl(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FlowPayloadError(`The payment link ${link} is not an absolute URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new FlowPayloadError(`The payment link ${link} is not a web address.`);
  return link;
}

const orderKeys = (f: AboutAnOrder) => ({ customer_id: gidOf("Customer", f.customerGid), order_id: gidOf("Order", f.orderGid) });

const reminderKeys = (f: Omit<Reminder, "stage">) => ({
  ...orderKeys(f),
  "Amount due": exactNumber("Amount due", f.amountDue),
  Currency: currency(f.amountDue),
  "Days overdue": wholeDays(f.daysOverdue),
});

/** The payload Flow receives for a trigger, keyed as its extension's fields are. */
export function flowPayload<H extends FlowTriggerHandle>(handle: H, fields: FlowTriggerFields[H]): Record<string, unknown> {
  switch (handle) {
    case "payment-overdue": {
      const f = fields as FlowTriggerFields["payment-overdue"];
      return { ...reminderKeys(f), "Payment link": absoluteUrl(f.paymentLink) };
    }
    case "reminder-sent": {
      const f = fields as FlowTriggerFields["reminder-sent"];
      return { ...reminderKeys(f), Stage: f.stage, "Payment link": absoluteUrl(f.paymentLink) };
    }
    case "reminder-not-sent": {
      const f = fields as FlowTriggerFields["reminder-not-sent"];
      return { ...reminderKeys(f), Stage: f.stage, Reason: f.reason, "Payment link": absoluteUrl(f.paymentLink) };
    }
    case "debt-settled": {
      const f = fields as FlowTriggerFields["debt-settled"];
      return {
        ...orderKeys(f),
        "Amount paid": exactNumber("Amount paid", f.amountPaid),
        Currency: currency(f.amountPaid),
        "Days overdue": wholeDays(f.daysOverdue),
      };
    }
    case "promise-broken": {
      const f = fields as FlowTriggerFields["promise-broken"];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(f.promisedDate)) throw new FlowPayloadError(`The promised date ${f.promisedDate} is not a YYYY-MM-DD day.`);
      return { ...reminderKeys(f), "Promised date": f.promisedDate, "Payment link": absoluteUrl(f.paymentLink) };
    }
    case "installment-missed": {
      const f = fields as FlowTriggerFields["installment-missed"];
      return {
        ...reminderKeys(f),
        Installment: wholeDays(f.installment),
        "Installments in agreement": wholeDays(f.installments),
        "Payment link": absoluteUrl(f.paymentLink),
      };
    }
    default:
      throw new FlowPayloadError(`Quita has no Flow trigger ${String(handle)}.`);
  }
}

/**
 * Starts the shop's workflows that begin with this trigger, and returns the payload sent (for the
 * receivable's history). A trigger fired twice runs its workflows twice, so a server error is not
 * retried here: it fails as ShopifyOutcomeUnknownError for the caller to record.
 */
export async function fireFlowTrigger<H extends FlowTriggerHandle>(
  graphql: AdminGraphql,
  handle: H,
  fields: FlowTriggerFields[H],
): Promise<Record<string, unknown>> {
  const payload = flowPayload(handle, fields);
  const bytes = Buffer.byteLength(JSON.stringify(payload), "utf8");
  if (bytes > FLOW_PAYLOAD_LIMIT_BYTES) {
    throw new FlowPayloadError(`The ${handle} trigger's payload is ${bytes} bytes, over Shopify's limit of ${FLOW_PAYLOAD_LIMIT_BYTES}.`);
  }
  const data = await runAdminOperation<FlowTriggerReceiveMutation>(graphql, "FlowTriggerReceive", FLOW_TRIGGER_RECEIVE, { handle, payload });
  const userErrors = data.flowTriggerReceive?.userErrors ?? [];
  if (userErrors.length) throw new ShopifyUserError("FlowTriggerReceive", userErrors);
  if (!data.flowTriggerReceive) throw new Error("FlowTriggerReceive returned no answer");
  return payload;
}
