import prisma from "../../db.server";
import { addDays, instantAt } from "../../domain/cadence/local-time";
import { localDate, zoneOrUtc } from "../../domain/ledger/aging";
import { isFlowActionHandle, parseFlowAction, type FlowActionRequest } from "../../domain/flow/action-properties";
import { HoldError, placeHold } from "../reminders/holds.server";
import { sendNextReminderNow, type SendNowResult } from "../reminders/send-now.server";
import { claimActionRun, recordAnswer, releaseActionRun, type FlowAnswer } from "./action-runs.server";
import { extendTermsFromFlow, offerDiscountFromFlow } from "./incentive-actions.server";
import type { AdminGraphql } from "../shopify/admin-graphql.server";

// Shopify Flow's actions on Quita (extensions/*/shopify.extension.toml with type "flow_action"):
// send a customer's next reminder now, pause their collection, record their promise to pay. Each
// does what the merchant does from the customer's page (placeHold, sendNextReminderNow), writes
// only to Quita's database (a letter goes out later through the outbox's sender), and so answers
// well within Flow's time limit. A 200 is done; a 4xx other than 429 is a failure Flow does not
// retry, its `message` shown in the workflow's run log; a 5xx makes Flow try again later.
// Offering a settlement discount and extending an order's payment terms also make something in
// Shopify, through the same code as the customer page (incentive-actions.server.ts, decision 017).

export interface FlowActionDelivery {
  shopDomain: string;
  /** The handle in the runtime URL. */
  handle: string;
  /** Flow's request body, verified by its HMAC. */
  payload: Record<string, unknown>;
  /** The shop's Admin API, for the actions that make something in Shopify (a discount, new terms). */
  graphql?: AdminGraphql;
}

const failure = (status: number, message: string): FlowAnswer => ({ status, body: { message } });

const REFUSALS: Record<Extract<SendNowResult, { outcome: "refused" }>["reason"], string> = {
  nothing_owed: "the customer owes nothing Quita collects",
  on_hold: "the customer's reminders are paused or a promise to pay is running",
  contact_cap: "the customer was written to as often as the shop's contact cap allows",
  no_stage_left: "every reminder of the cadence was already sent for the customer's debts",
  not_installed: "Quita is not installed on this shop",
  identity_missing: "the shop's letters lack the legal name, address or tax id its country requires (Quita's Settings)",
};

function sendNowAnswer(result: SendNowResult): FlowAnswer {
  switch (result.outcome) {
    case "queued":
      return { status: 200, body: { outcome: "queued", letters: result.letters } };
    case "waits":
      return { status: 200, body: { outcome: "waits_for_shop_hours", until: result.until.toISOString() } };
    case "already_queued":
      return { status: 200, body: { outcome: "already_queued" } };
    case "refused": {
      const until = result.until ? ` (until ${result.until.toISOString()})` : "";
      return failure(422, `No reminder sent: ${REFUSALS[result.reason]}${until}`);
    }
  }
}

type CustomerRequest = Exclude<FlowActionRequest, { handle: "extend-payment-terms" }>;

async function perform(
  shop: { domain: string; ianaTimezone: string },
  request: CustomerRequest,
  currencies: string[],
  at: Date,
  graphql: AdminGraphql | undefined,
): Promise<FlowAnswer> {
  const zone = zoneOrUtc(shop.ianaTimezone);
  const customerKey = request.customerGid;
  switch (request.handle) {
    case "send-reminder-now": {
      const [result] = await sendNextReminderNow(shop.domain, [customerKey], at);
      return sendNowAnswer(result!);
    }
    case "pause-collection":
    case "record-promise-to-pay": {
      const promise = request.handle === "record-promise-to-pay" ? request : null;
      if (promise && !currencies.includes(promise.currency)) {
        return failure(422, `Currency ${promise.currency} is not one the customer was billed in (${currencies.join(", ")})`);
      }
      // Through the end of the last day in the shop, as the customer page holds.
      const until = instantAt(addDays(request.lastDay, 1), 0, zone);
      const kind = promise ? "promise" : "pause";
      const holdId = await placeHold(
        { shopDomain: shop.domain, kind, until, customerKey, amount: promise?.amount ?? null, currency: promise?.currency ?? null, source: "flow" },
        at,
      );
      return { status: 200, body: { outcome: promise ? "promise_recorded" : "paused", through: request.lastDay, holdId } };
    }
    case "offer-settlement-discount":
      if (!graphql) throw new Error("offer-settlement-discount needs the shop's Admin API");
      return offerDiscountFromFlow(shop.domain, customerKey, request.discount, graphql, at);
  }
}

async function carryOut(delivery: FlowActionDelivery, at: Date): Promise<{ answer: FlowAnswer; customerKey: string | null }> {
  const shop = await prisma.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { domain: true, ianaTimezone: true, installed: true } });
  if (!shop?.installed) return { answer: failure(422, "Quita is not installed on this shop"), customerKey: null };
  const handle = delivery.handle as Parameters<typeof parseFlowAction>[0];
  const parsed = parseFlowAction(handle, delivery.payload.properties, localDate(at, zoneOrUtc(shop.ianaTimezone)));
  if (!parsed.ok) return { answer: failure(422, parsed.problem), customerKey: null };
  if (parsed.request.handle === "extend-payment-terms") {
    if (!delivery.graphql) throw new Error("extend-payment-terms needs the shop's Admin API");
    return extendTermsFromFlow(shop.domain, parsed.request.orderGid, parsed.request.change, delivery.graphql, at, String(delivery.payload.action_run_id));
  }
  const customerKey = parsed.request.customerGid;
  const debts = await prisma.receivable.findMany({ where: { shopDomain: shop.domain, status: "open", customerGid: customerKey }, select: { currency: true } });
  if (debts.length === 0) return { answer: failure(422, `Quita has no open debt for customer ${customerKey} in this shop`), customerKey };
  try {
    return { answer: await perform(shop, parsed.request, [...new Set(debts.map((d) => d.currency))], at, delivery.graphql), customerKey };
  } catch (error) {
    if (error instanceof HoldError) return { answer: failure(422, error.message), customerKey };
    throw error;
  }
}

/** Runs one delivery of a Flow action once per action_run_id, and answers it (a repeated delivery: the first answer). */
async function runFlowAction(delivery: FlowActionDelivery, at: Date): Promise<FlowAnswer> {
  const { shopDomain, handle, payload } = delivery;
  if (!isFlowActionHandle(handle)) return failure(404, `Quita has no Flow action '${handle}'`);
  if (payload.handle !== undefined && payload.handle !== handle)
    return failure(400, `The payload's handle '${String(payload.handle)}' is not this URL's '${handle}'`);
  const actionRunId = typeof payload.action_run_id === "string" ? payload.action_run_id.trim() : "";
  if (!actionRunId || actionRunId.length > 200) return failure(400, "The payload has no action_run_id");

  const claim = await claimActionRun(shopDomain, actionRunId, handle, at);
  if (claim.kind === "answered") {
    if (claim.repeated) console.log(`flow action ${handle} run ${actionRunId} on ${shopDomain}: delivered again, answered as before`);
    return claim.answer;
  }
  try {
    const { answer, customerKey } = await carryOut(delivery, at);
    await recordAnswer(claim.runId, customerKey, answer);
    if (answer.status >= 400)
      console.warn(`flow action ${handle} run ${actionRunId} on ${shopDomain} failed (${answer.status}): ${String(answer.body.message)}`);
    return answer;
  } catch (error) {
    await releaseActionRun(claim.runId);
    throw error;
  }
}

/** Flow waits a few seconds for an answer: past ANSWER_WITHIN_MS it gets a 503 and asks again, finding the run done or still running. */
export const ANSWER_WITHIN_MS = 4_000;

export async function answerFlowAction(delivery: FlowActionDelivery, at: Date): Promise<FlowAnswer> {
  const work = runFlowAction(delivery, at);
  void work.catch(() => {}); // answered 503 meanwhile: a failure after that is Flow's retry's to meet
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<FlowAnswer>((resolve) => {
    timer = setTimeout(() => resolve(failure(503, "Quita could not finish in time; Flow will ask again")), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
