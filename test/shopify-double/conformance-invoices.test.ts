import { afterEach, describe, expect, it } from "vitest";
import { capture, expectSameAnswer, makeOrder, startReplay, type Replay } from "./conformance-replay";

// orderInvoiceSend and draftOrderInvoiceSend (and the draftOrderCreate before it), replayed from
// Shopify's live answers (conformance/2026-04/orders/). Where a capture does not keep its document,
// the one here selects exactly the fields of the captured answer.

let r: Replay;
afterEach(() => r?.close());

const MONEY = "shopMoney { amount currencyCode }";
const DRAFT_FIELDS = `id name status email invoiceUrl totalQuantityOfLineItems subtotalPriceSet { ${MONEY} } totalDiscountsSet { ${MONEY} }
  totalShippingPriceSet { ${MONEY} } totalPriceSet { ${MONEY} }
  lineItems(first: 5) { nodes { title quantity originalUnitPriceSet { ${MONEY} } originalTotalSet { ${MONEY} } discountedTotalSet { ${MONEY} } totalDiscountSet { ${MONEY} } } }`;
const SHORT_DRAFT = "id status invoiceSentAt email invoiceUrl";
const create = (fields: string) =>
  `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { ${fields} } userErrors { field message } } }`;
const send = (fields: string) => `mutation($id: ID!) { draftOrderInvoiceSend(id: $id) { draftOrder { ${fields} } userErrors { field message } } }`;
const ORDER_PARITY = `mutation($id: ID!, $email: EmailInput) { orderInvoiceSend(id: $id, email: $email) { order {
  id name closed closedAt cancelledAt cancelReason displayFinancialStatus paymentGatewayNames totalOutstandingSet { ${MONEY} } currentTotalPriceSet { ${MONEY} }
  customer { id email displayName } transactions { kind status gateway amountSet { ${MONEY} } } } userErrors { field message } } }`;

describe("orderInvoiceSend answers as live Shopify", () => {
  it("GIVEN an order without email, a malformed address and an order with email THEN Shopify's refusals, then the invoice", async () => {
    const cap = capture("2026-04/orders/orderInvoiceSend-email-validation.json");
    r = await startReplay("2026-06-30T13:25:00Z");
    for (const c of cap.cases) {
      const theirs = c.setup?.orderCreate.response.data.orderCreate.order;
      if (theirs) r.ids.set(theirs.id, makeOrder(r, theirs.email !== null));
      const { body } = await r.gql(c.mutation.query, r.mapIds(c.variables));
      expectSameAnswer(body, c.mutation.response);
    }
    expect(r.double.mailbox.list({ kind: "order_invoice" })).toHaveLength(1);
  });

  it("GIVEN an unpaid order with a customer WHEN invoiced with a subject and message THEN sent, at Shopify's cost", async () => {
    const cap = capture("2026-04/orders/orderInvoiceSend-parity.json");
    r = await startReplay("2026-05-06T22:10:00Z");
    r.ids.set(cap.variables.id, makeOrder(r, true));
    const { body } = await r.gql(ORDER_PARITY, r.mapIds(cap.variables));
    expectSameAnswer(body, cap.mutation.response);
    expect(r.double.mailbox.list()[0]).toMatchObject({
      to: cap.variables.email.to,
      subject: cap.variables.email.subject,
      customMessage: cap.variables.email.customMessage,
    });
  });
});

describe("draftOrderInvoiceSend answers as live Shopify", () => {
  it("GIVEN a draft with no recipient WHEN its invoice is sent THEN the draft comes back unchanged with Shopify's refusal", async () => {
    const cap = capture("2026-04/orders/draft-order-invoice-send-created-no-recipient.json");
    r = await startReplay(cap.recordedAt);
    const made = await r.gql(create(DRAFT_FIELDS), cap.create.variables);
    expectSameAnswer(made.body, cap.create.response);
    r.ids.set(cap.create.response.data.draftOrderCreate.draftOrder.id, made.body.data.draftOrderCreate.draftOrder.id);
    const { body } = await r.gql(send(DRAFT_FIELDS), r.mapIds(cap.send.variables));
    expectSameAnswer(body, cap.send.response);
    expect(body.data.draftOrderInvoiceSend.draftOrder.status).toBe("OPEN");
    expect(r.double.mailbox.list()).toHaveLength(0);
  });

  it("GIVEN a draft with an email WHEN its invoice is sent THEN INVOICE_SENT with the time it was sent", async () => {
    const cap = capture("2026-04/orders/draft-order-invoice-send-status-transition.json");
    r = await startReplay(cap.recordedAt);
    const made = await r.gql(create(SHORT_DRAFT), cap.create.variables);
    expectSameAnswer(made.body, cap.create.response);
    r.ids.set(cap.create.response.data.draftOrderCreate.draftOrder.id, made.body.data.draftOrderCreate.draftOrder.id);
    const { body } = await r.gql(send(SHORT_DRAFT), r.mapIds(cap.send.variables));
    expectSameAnswer(body, cap.send.response);
    expect(body.data.draftOrderInvoiceSend.draftOrder).toMatchObject({
      status: "INVOICE_SENT",
      invoiceSentAt: r.double.clock
        .now()
        .toISOString()
        .replace(/\.\d+Z$/, "Z"),
    });
  });
});

describe("draftOrderCreate refuses as live Shopify", () => {
  it("GIVEN eight invalid drafts in one request THEN each is refused with Shopify's message and field, and none is made", async () => {
    const cap = capture("2026-04/orders/draft-order-create-validation-matrix.json");
    // The capture keeps no time: any moment after the past reservation date and before the schedule's due date.
    r = await startReplay("2026-05-20T12:00:00Z");
    const drafts = r.double.store.shop(r.double.shopDomain)!.draftOrders.size;
    const { body } = await r.gql(cap.query, cap.variables);
    // The capture kept no extensions (no cost): compare the rest.
    expectSameAnswer({ ...body, extensions: undefined }, cap.mutation.response);
    expect(r.double.store.shop(r.double.shopDomain)!.draftOrders.size).toBe(drafts);
  });
});
