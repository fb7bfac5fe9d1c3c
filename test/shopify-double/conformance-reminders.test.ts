import { afterEach, describe, expect, it } from "vitest";
import { answerOf, capture, expectSameAnswer, makeOrder, startReplay, type Replay } from "./conformance-replay";

// paymentReminderSend, replayed from Shopify's live answers (conformance/2025-01/payments/).

const TERMS = `mutation($referenceId: ID!, $attrs: PaymentTermsCreateInput!) {
  paymentTermsCreate(referenceId: $referenceId, paymentTermsAttributes: $attrs) {
    paymentTerms { id paymentSchedules(first: 1) { nodes { id } } } userErrors { field message code } } }`;

let r: Replay;
afterEach(() => r?.close());

/** The capture's setup: an order (its email or none), then its paymentTermsCreate, ids mapped. */
async function orderOnTerms(setup: any, withEmail: boolean) {
  const order = makeOrder(r, withEmail);
  r.ids.set(setup.draftOrderComplete.response.data.draftOrderComplete.draftOrder.order.id, order);
  const { body } = await r.gql(TERMS, r.mapIds(setup.paymentTermsCreate.variables));
  expect(body.data.paymentTermsCreate.userErrors).toEqual([]);
  const theirs = setup.paymentTermsCreate.response.data.paymentTermsCreate.paymentTerms;
  r.ids.set(theirs.paymentSchedules.nodes[0].id, body.data.paymentTermsCreate.paymentTerms.paymentSchedules.nodes[0].id);
  return order;
}

async function replayCase(doc: string, c: any) {
  const { body } = await r.gql(doc, r.mapIds(c.request.variables));
  expectSameAnswer(body, answerOf(c.response));
  return body;
}

describe("paymentReminderSend answers as live Shopify", () => {
  it("GIVEN an overdue unpaid order, an unknown schedule and a paid order WHEN a reminder is asked THEN success, then Shopify's refusals", async () => {
    const cap = capture("2025-01/payments/payment-reminder-send-eligibility.json");
    r = await startReplay(cap.capturedAt);
    await orderOnTerms(cap.setup.success, true);
    const paid = await orderOnTerms(cap.setup.paid, true);
    r.double.controls.payOrder({ order: Number(paid.split("/").pop()) });
    await replayCase(cap.requestDocument, cap.cases.success);
    expect(r.double.mailbox.list({ kind: "payment_reminder" })).toHaveLength(1);
    await replayCase(cap.requestDocument, cap.cases.unknown);
    await replayCase(cap.requestDocument, cap.cases.paid);
    expect(r.double.mailbox.list({ kind: "payment_reminder" })).toHaveLength(1);
  });

  it("GIVEN an order without email, and a second reminder within 24 hours THEN Shopify's refusals; a day later it may be sent again", async () => {
    const cap = capture("2025-01/payments/payment-reminder-send-additional-guards.json");
    r = await startReplay(cap.capturedAt);
    await orderOnTerms(cap.setup.missingEmail, false);
    await orderOnTerms(cap.setup.rateLimit, true);
    await replayCase(cap.requestDocument, cap.cases.missingEmail);
    await replayCase(cap.requestDocument, cap.cases.rateFirst);
    await replayCase(cap.requestDocument, cap.cases.rateSecond);
    r.double.controls.advanceClock({ hours: 24 });
    const again = await r.gql(cap.requestDocument, r.mapIds(cap.cases.rateSecond.request.variables));
    expect(again.body.data.paymentReminderSend).toEqual({ success: true, userErrors: [] });
  });

  it("GIVEN an empty, a non-gid and another resource's gid THEN the top-level errors Shopify gives", async () => {
    const cap = capture("2025-01/payments/payment-reminder-send-malformed-gid.json");
    r = await startReplay(cap.capturedAt);
    for (const c of cap.cases) await replayCase(c.request.query, c);
  });

  it("GIVEN a field the payload lacks THEN Shopify's undefinedField error, before anything runs", async () => {
    const cap = capture("2025-01/payments/payment-reminder-send-shape.json");
    r = await startReplay(cap.capturedAt);
    await replayCase(cap.cases.invalidSelection.request.query, cap.cases.invalidSelection);
  });
});
