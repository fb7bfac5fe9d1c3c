import type { Controls } from "../shopify-double/controls";
import type { Customer } from "../shopify-double/state";

// The script of the 120-day collections simulation: what the shop's customers
// and its merchant do, on which day and at what time in São Paulo. Fixed, so
// every run lives the same 120 days. Day 0 is Monday 2 March 2026; São Paulo
// keeps UTC-3 all year (no daylight saving since 2019).

export const START_DATE = "2026-03-02";
export const DAYS = 120;
/** A collections pass every 2 h 45 min of shop time: every quarter hour of the day (08:00 and 20:00 included) comes round every 11 days. */
export const STEP_MINUTES = 165;

const DAY_MS = 86_400_000;

/** The instant of `hhmm` in São Paulo on day `day` of the simulation. */
export function shopInstant(day: number, hhmm: string): Date {
  const date = new Date(Date.parse(`${START_DATE}T12:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
  return new Date(`${date}T${hhmm}:00-03:00`);
}

export const START = shopInstant(0, "06:00");
export const END = shopInstant(DAYS, "06:00");

/** A pause or promise as the merchant placed it: who or which debt, from when until when (the earlier of its date and its end). */
export interface HoldSpan {
  kind: "pause" | "promise";
  customerId?: number;
  debt?: string;
  from: Date;
  to: Date;
}

/** What the script may do: the double's controls as a buyer or merchant in Shopify would, and Quita's pauses and promises as the merchant would in Quita. */
export interface ScenarioActions {
  controls: Controls;
  /** Business time: the double's clock. */
  now(): Date;
  /** The wholesale seed's customers in the order it made them (0–29 pt-BR, 30–34 en, 35–39 es; 17 has no email). */
  customer(index: number): Customer;
  placeHold(input: { kind: "pause" | "promise"; customerId?: number; debt?: string; until: Date }): Promise<string>;
  endHold(holdId: string): Promise<void>;
}

export interface ScenarioEvent {
  at: Date;
  what: string;
  run(actions: ScenarioActions, memory: ScenarioMemory): Promise<void> | void;
}

/** Orders the script made, by label, and the holds it placed. */
export class ScenarioMemory {
  readonly orders = new Map<string, string>();
  readonly holds: HoldSpan[] = [];
  readonly holdIds = new Map<string, { id: string; span: HoldSpan }>();
  name(label: string): string {
    const name = this.orders.get(label);
    if (!name) throw new Error(`the script has no order "${label}" yet`);
    return name;
  }
}

type OrderInput = { customer: number; amount: string; terms: string; currency?: string };

const order = (label: string, input: OrderInput) => (a: ScenarioActions, m: ScenarioMemory) => {
  const made = a.controls.createOrder({
    customer: a.customer(input.customer).id,
    amount: input.amount,
    paymentTerms: input.terms,
    currency: input.currency,
    b2b: false,
  });
  m.orders.set(label, made.name);
};
const pay = (ref: string, amount?: string) => (a: ScenarioActions, m: ScenarioMemory) =>
  void a.controls.payOrder({ order: ref.startsWith("#") ? ref : m.name(ref), amount });
const hold =
  (label: string, kind: "pause" | "promise", target: { customer?: number; debt?: string }, until: Date) => async (a: ScenarioActions, m: ScenarioMemory) => {
    const customerId = target.customer === undefined ? undefined : a.customer(target.customer).id;
    const debt = target.debt ? m.name(target.debt) : undefined;
    const span: HoldSpan = { kind, customerId, debt, from: a.now(), to: until };
    const id = await a.placeHold({ kind, customerId, debt, until });
    m.holds.push(span);
    m.holdIds.set(label, { id, span });
  };

const e = (day: number, hhmm: string, what: string, run: ScenarioEvent["run"]): ScenarioEvent => ({ at: shopInstant(day, hhmm), what, run });

export const SCRIPT: ScenarioEvent[] = [
  e(
    1,
    "10:15",
    "an English-speaking buyer orders in USD on Net 15 and never pays",
    order("en-unpaid", { customer: 30, amount: "1250.50", terms: "Net 15", currency: "USD" }),
  ),
  e(1, "10:20", "a buyer orders on Net 15 (they will pay five days late)", order("late-payer-1", { customer: 20, amount: "840.00", terms: "Net 15" })),
  e(2, "11:00", "a Spanish-speaking buyer orders in EUR on Net 30", order("es-partial", { customer: 35, amount: "980.00", terms: "Net 30", currency: "EUR" })),
  e(3, "09:40", "an English-speaking buyer orders in BRL on Net 15", order("en-authorized", { customer: 31, amount: "2300.00", terms: "Net 15" })),
  e(4, "14:00", "a buyer orders on Net 15 (they will promise and keep it)", order("promise-kept", { customer: 21, amount: "455.90", terms: "Net 15" })),
  e(4, "14:05", "a buyer orders on Net 15 (they will promise and not keep it)", order("promise-broken", { customer: 22, amount: "1999.99", terms: "Net 15" })),
  e(
    5,
    "16:00",
    "a Spanish-speaking buyer orders in EUR on Net 15",
    order("es-cancelled", { customer: 36, amount: "610.00", terms: "Net 15", currency: "EUR" }),
  ),
  e(6, "09:00", "a buyer orders on Net 15", order("paused-a", { customer: 23, amount: "700.00", terms: "Net 15" })),
  e(7, "13:00", "a buyer orders twice the same day, in BRL and in USD", order("two-brl", { customer: 24, amount: "1200.00", terms: "Net 30" })),
  e(7, "13:01", "…the second order, in USD", order("two-usd", { customer: 24, amount: "310.40", terms: "Net 30", currency: "USD" })),
  e(8, "09:00", "the paused buyer orders again", order("paused-b", { customer: 23, amount: "350.25", terms: "Net 15" })),
  e(9, "15:00", "a retail buyer pays their invoiced draft order #D3", (a) => void a.controls.completeDraftOrder({ draftOrder: "#D3" })),
  e(10, "10:00", "a B2B buyer pays #1009 in full", pay("#1009")),
  e(12, "11:00", "the merchant cancels #1011", (a) => void a.controls.cancelOrder({ order: "#1011" })),
  e(15, "12:00", "the card payment authorized on #1046 is captured", (a) => void a.controls.capturePayment({ order: "#1046" })),
  e(
    19,
    "13:00",
    "a card payment is authorized for the BRL order of the English-speaking buyer",
    (a, m) => void a.controls.authorizePayment({ order: m.name("en-authorized") }),
  ),
  e(20, "10:00", "#1012's buyer pays part of it (500.00)", pay("#1012", "500.00")),
  e(21, "16:00", "the first late payer pays, five days late", pay("late-payer-1")),
  e(23, "10:00", "a promise to pay by day 35", hold("kept", "promise", { debt: "promise-kept" }, shopInstant(35, "09:00"))),
  e(23, "10:30", "a promise to pay by day 40", hold("broken", "promise", { debt: "promise-broken" }, shopInstant(40, "12:00"))),
  e(24, "11:00", "the merchant cancels the Spanish-speaking buyer's EUR order", (a, m) => void a.controls.cancelOrder({ order: m.name("es-cancelled") })),
  e(25, "14:00", "the authorized payment is captured", (a, m) => void a.controls.capturePayment({ order: m.name("en-authorized") })),
  e(30, "10:00", "the late payer orders again: a repeat late payer now", order("late-payer-2", { customer: 20, amount: "1500.00", terms: "Net 30" })),
  e(30, "11:00", "the merchant pauses collection for a buyer with two debts", hold("pause", "pause", { customer: 23 }, shopInstant(80, "10:00"))),
  e(33, "15:00", "the promise is kept: paid in full", pay("promise-kept")),
  e(36, "12:00", "the Spanish-speaking buyer pays part (300.00 EUR)", pay("es-partial", "300.00")),
  e(45, "10:00", "the merchant resumes collection for the paused buyer", async (a, m) => {
    const held = m.holdIds.get("pause")!;
    await a.endHold(held.id);
    held.span.to = shopInstant(45, "10:00");
  }),
  e(50, "17:00", "the Spanish-speaking buyer pays the rest", pay("es-partial")),
  e(
    60,
    "09:30",
    "an English-speaking buyer orders in USD on Net 30 and never pays",
    order("en-late", { customer: 32, amount: "89.99", terms: "Net 30", currency: "USD" }),
  ),
  e(70, "10:00", "a Spanish-speaking buyer orders in EUR on Net 15", order("es-late", { customer: 37, amount: "420.00", terms: "Net 15", currency: "EUR" })),
  e(101, "11:00", "…and pays after the proposal letter", pay("es-late")),
];
