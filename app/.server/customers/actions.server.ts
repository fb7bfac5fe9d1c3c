import { addDays, instantAt } from "../../domain/cadence/local-time";
import { parseTypedAmount } from "../../domain/customers/typed-amount";
import { localDate } from "../../domain/ledger/aging";
import { endHold, HoldError, placeHold } from "../reminders/holds.server";
import { sendNextReminderNow, type SendNowResult } from "../reminders/send-now.server";
import prisma from "../../db.server";
import { addCustomerNote, NOTE_MAX_LENGTH, type NoteProblem } from "./notes.server";
import { ofCustomer } from "./customer-debts.server";

// What the merchant does from a customer's page: a note, a promise to pay, a
// pause until a date or resuming (for the customer, or for one of their debts:
// pause_debt), the next letter now. Each form is checked
// here and answered with codes per field the page words in the merchant's
// language, next to the field.

export const CUSTOMER_INTENTS = ["note", "promise", "pause", "pause_debt", "resume", "send_now"] as const;
export type CustomerIntent = (typeof CUSTOMER_INTENTS)[number];

export type FieldProblem = NoteProblem | "date_invalid" | "date_past" | "date_too_far" | "amount_invalid" | "currency_invalid" | "hold_ended" | "debt_not_open";

export type CustomerActionResult =
  | { intent: CustomerIntent; ok: true; sendNow?: SendNowResult }
  | { intent: CustomerIntent | null; ok: false; errors: Partial<Record<"body" | "date" | "amount" | "currency" | "note" | "form", FieldProblem>> };

export interface CustomerActionContext {
  shop: { domain: string; ianaTimezone: string };
  customerKey: string;
  /** The currencies the customer was billed in: a promise is in one of them. */
  currencies: string[];
  now: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS_AHEAD = 365;

/** The end of the chosen day in the shop (a promise "by Friday" holds all Friday), or what is wrong with it. */
export function holdUntil(value: string, timeZone: string, now: Date): { until: Date } | { problem: "date_invalid" | "date_past" | "date_too_far" } {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    return { problem: "date_invalid" };
  }
  const today = localDate(now, timeZone);
  if (value < today) return { problem: "date_past" };
  if (value > addDays(today, MAX_DAYS_AHEAD)) return { problem: "date_too_far" };
  return { until: instantAt(addDays(value, 1), 0, timeZone) };
}

/** An open debt of this customer in this shop: a pause on one debt names only such a debt. */
async function openDebtOf(shopDomain: string, customerKey: string, receivableId: string): Promise<boolean> {
  if (!receivableId) return false;
  const debt = await prisma.receivable.findFirst({
    where: { id: receivableId, shopDomain, status: "open", ...ofCustomer(customerKey) },
    select: { id: true },
  });
  return debt !== null;
}

/** Holds of this customer: on them, or on one of their debts. */
async function holdOf(shopDomain: string, customerKey: string, holdId: string): Promise<boolean> {
  const hold = await prisma.collectionHold.findFirst({ where: { id: holdId, shopDomain }, select: { customerKey: true, receivableId: true } });
  if (!hold) return false;
  if (hold.customerKey === customerKey) return true;
  if (!hold.receivableId) return false;
  const debt = await prisma.receivable.findFirst({
    where: { id: hold.receivableId, shopDomain, ...ofCustomer(customerKey) },
    select: { id: true },
  });
  return debt !== null;
}

/** Letters about one order or invoice wait until a date; the customer's other debts are still written about. */
async function pauseDebt(field: (name: string) => string, ctx: CustomerActionContext): Promise<CustomerActionResult> {
  const intent = "pause_debt";
  const { shop, customerKey, now } = ctx;
  if (!(await openDebtOf(shop.domain, customerKey, field("receivableId")))) return { intent, ok: false, errors: { form: "debt_not_open" } };
  const date = holdUntil(field("date"), shop.ianaTimezone, now);
  const note = field("note").trim();
  const errors: Extract<CustomerActionResult, { ok: false }>["errors"] = {};
  if ("problem" in date) errors.date = date.problem;
  if (note.length > NOTE_MAX_LENGTH) errors.note = "note_too_long";
  if ("problem" in date || errors.note) return { intent, ok: false, errors };
  await placeHold({ shopDomain: shop.domain, kind: "pause", until: date.until, receivableId: field("receivableId"), note: note || null }, now);
  return { intent, ok: true };
}

export async function runCustomerAction(form: FormData, ctx: CustomerActionContext): Promise<CustomerActionResult> {
  const intent = String(form.get("intent") ?? "") as CustomerIntent;
  const field = (name: string) => String(form.get(name) ?? "");
  const { shop, customerKey, now } = ctx;
  switch (intent) {
    case "note": {
      const added = await addCustomerNote(shop.domain, customerKey, field("body"), now);
      return added.ok ? { intent, ok: true } : { intent, ok: false, errors: { body: added.problem } };
    }
    case "promise":
    case "pause": {
      const date = holdUntil(field("date"), shop.ianaTimezone, now);
      const errors: Extract<CustomerActionResult, { ok: false }>["errors"] = {};
      if ("problem" in date) errors.date = date.problem;
      let amount: string | null = null;
      const currency = field("currency");
      if (intent === "promise") {
        amount = parseTypedAmount(field("amount"));
        if (!amount) errors.amount = "amount_invalid";
        if (!ctx.currencies.includes(currency)) errors.currency = "currency_invalid";
      }
      if (Object.keys(errors).length || "problem" in date) return { intent, ok: false, errors };
      await placeHold({ shopDomain: shop.domain, kind: intent, until: date.until, customerKey, amount, currency: intent === "promise" ? currency : null }, now);
      return { intent, ok: true };
    }
    case "pause_debt":
      return pauseDebt(field, ctx);
    case "resume": {
      // Only this customer's: another customer's hold is as good as gone from this page.
      if (!(await holdOf(shop.domain, customerKey, field("holdId")))) return { intent, ok: false, errors: { form: "hold_ended" } };
      try {
        await endHold(shop.domain, field("holdId"), now, "resumed");
      } catch (error) {
        if (error instanceof HoldError) return { intent, ok: false, errors: { form: "hold_ended" } };
        throw error;
      }
      return { intent, ok: true };
    }
    case "send_now": {
      const [result] = await sendNextReminderNow(shop.domain, [customerKey], now);
      return { intent, ok: true, sendNow: result! };
    }
    default:
      throw new Response("Unknown action", { status: 400 });
  }
}
