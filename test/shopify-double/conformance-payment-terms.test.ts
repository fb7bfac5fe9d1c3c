import { afterEach, describe, expect, it } from "vitest";
import { answerOf, capture, expectSameAnswer, makeOrder, startReplay, type Replay } from "./conformance-replay";

// paymentTermsCreate / Update / Delete, replayed from Shopify's live answers (conformance/2026-04/payments/).

let r: Replay;
afterEach(() => r?.close());

const TERMS_FIELDS = `id due overdue dueInDays paymentTermsName paymentTermsType translatedName
  paymentSchedules(first: 2) { nodes { id issuedAt dueAt completedAt due amount { amount currencyCode } balanceDue { amount currencyCode } totalBalance { amount currencyCode } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`;
const CREATE = `mutation($referenceId: ID!, $attrs: PaymentTermsCreateInput!) { paymentTermsCreate(referenceId: $referenceId, paymentTermsAttributes: $attrs) { paymentTerms { ${TERMS_FIELDS} } userErrors { field message code } } }`;
const CREATE_ID = `mutation($referenceId: ID!, $attrs: PaymentTermsCreateInput!) { paymentTermsCreate(referenceId: $referenceId, paymentTermsAttributes: $attrs) { paymentTerms { id } userErrors { field message code } } }`;
const UPDATE = `mutation($input: PaymentTermsUpdateInput!) { paymentTermsUpdate(input: $input) { paymentTerms { ${TERMS_FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: PaymentTermsDeleteInput!) { paymentTermsDelete(input: $input) { deletedId userErrors { field message code } } }`;
const DRAFT = `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id } userErrors { field message } } }`;

/** Terms as Shopify showed them, less the ids and cursors each side makes its own. */
const termsView = (t: any) =>
  t && {
    ...t,
    id: undefined,
    paymentSchedules: t.paymentSchedules && {
      nodes: t.paymentSchedules.nodes.map((s: any) => ({ id: undefined, issuedAt: s.issuedAt, dueAt: s.dueAt, completedAt: s.completedAt, due: s.due })),
    },
  };

/** The capture's draftOrderCreate, by its own document, answered as Shopify did (errors, nulls, cost), mapped onto ours. */
async function draftLike(create: any) {
  const { body } = await r.gql(create.query ?? DRAFT, create.variables);
  expectSameAnswer(body, create.response);
  r.ids.set(create.response.data.draftOrderCreate.draftOrder.id, body.data.draftOrderCreate.draftOrder.id);
}

describe("payment terms answer as live Shopify", () => {
  it("GIVEN an unpaid order WHEN terms are created THEN Net 30 due and overdue; two schedules, an unknown update and delete are refused in Shopify's words", async () => {
    const cap = capture("2026-04/payments/payment-terms-create-on-order.json");
    const c = cap.paymentTermsCreateOnOrder;
    r = await startReplay(cap.capturedAt);
    r.ids.set(c.expected.orderCreate.data.orderCreate.order.id, makeOrder(r, true, 5700));
    const create = await r.gql(CREATE, {
      referenceId: r.mapIds(c.expected.orderCreate.data.orderCreate.order.id),
      attrs: c.paymentTermsCreate.variables.attrs,
    });
    expectSameAnswer(create.body, c.expected.create);
    const theirs = c.expected.create.data.paymentTermsCreate.paymentTerms;
    expect(termsView(create.body.data.paymentTermsCreate.paymentTerms)).toMatchObject({
      ...termsView(theirs),
      paymentSchedules: { nodes: termsView(theirs).paymentSchedules.nodes },
    });
    const order = r.mapIds(c.expected.orderCreate.data.orderCreate.order.id);
    expectSameAnswer((await r.gql(CREATE_ID, { referenceId: order, attrs: c.multipleSchedules.variables.attrs })).body, c.expected.multiple);
    expectSameAnswer((await r.gql(UPDATE, c.missingUpdate.variables)).body, c.expected.update);
    expectSameAnswer((await r.gql(DELETE, c.missingDelete.variables)).body, c.expected.delete);
  });

  it("GIVEN an order or draft order that does not exist THEN Shopify's not-found message with the id", async () => {
    const cap = capture("2026-04/payments/payment-terms-create-reference-not-found.json");
    r = await startReplay(cap.capturedAt);
    for (const c of Object.values<any>(cap.cases)) expectSameAnswer((await r.gql(c.query, c.variables)).body, c.response);
  });

  it("GIVEN fixed terms due in the past or the future WHEN created and updated THEN due and overdue follow, in payloads and reads", async () => {
    const cap = capture("2026-04/payments/payment-terms-due-state.json");
    r = await startReplay(cap.capturedAt);
    let replayed = 0;
    for (const c of Object.values<any>(cap.cases)) {
      await draftLike(c.setup.draftOrderCreate);
      for (const step of Object.values<any>(c).filter((s) => s?.query)) {
        const { body } = await r.gql(step.query, r.mapIds(step.variables));
        const mine = Object.values<any>(body.data)[0],
          theirs = Object.values<any>(step.response.data)[0];
        if (step.query.includes("mutation")) expectSameAnswer(body, step.response);
        const terms = (x: any) => x.paymentTerms;
        expect(termsView(terms(mine))).toEqual(termsView(terms(theirs)));
        if (terms(mine)) r.ids.set(terms(theirs).id, terms(mine).id);
        replayed++;
      }
    }
    expect(replayed).toBe(8); // 1 create and its read in the past; 1 create, 2 updates and their reads in the future
  });

  it("GIVEN two schedules WHEN terms are created or updated THEN refused in Shopify's words", async () => {
    const cap = capture("2026-04/payments/payment-terms-multiple-schedules.json");
    r = await startReplay(cap.capturedAt);
    await draftLike(cap.setup.draftOrderCreate);
    const setup = await r.gql(cap.setup.paymentTermsCreate.query, r.mapIds(cap.setup.paymentTermsCreate.variables));
    expectSameAnswer(setup.body, cap.setup.paymentTermsCreate.response);
    r.ids.set(cap.setup.paymentTermsCreate.response.data.paymentTermsCreate.paymentTerms.id, setup.body.data.paymentTermsCreate.paymentTerms.id);
    for (const c of [cap.cases.create, cap.cases.update]) expectSameAnswer((await r.gql(c.query, r.mapIds(c.variables))).body, c.response);
  });

  it("GIVEN an order paid in full WHEN its terms are updated THEN Shopify's paid-in-full refusal", async () => {
    const cap = capture("2026-04/payments/payment-terms-update-order-eligibility.json");
    const c = cap.cases.paid;
    r = await startReplay(cap.capturedAt);
    const order = makeOrder(r, true, 1250);
    r.ids.set(c.setup.orderCreate.response.data.orderCreate.order.id, order);
    const create = await r.gql(c.setup.paymentTermsCreate.query, r.mapIds(c.setup.paymentTermsCreate.variables));
    expectSameAnswer(create.body, c.setup.paymentTermsCreate.response);
    r.ids.set(c.setup.paymentTermsCreate.response.data.paymentTermsCreate.paymentTerms.id, create.body.data.paymentTermsCreate.paymentTerms.id);
    r.double.controls.payOrder({ order: Number(order.split("/").pop()) });
    expectSameAnswer((await r.gql(c.query, r.mapIds(c.variables))).body, answerOf(c.response));
  });

  it("GIVEN the shop's payment terms templates WHEN read, all and of one type THEN Shopify's templates, ids and cost", async () => {
    const cap = capture("2025-01/payments/payment-terms-templates-read.json");
    r = await startReplay("2026-05-01T12:00:00Z");
    const fields = "id name description dueInDays paymentTermsType translatedName";
    const query = `query($type: PaymentTermsType) { all: paymentTermsTemplates { ${fields} } filtered: paymentTermsTemplates(paymentTermsType: $type) { ${fields} } }`;
    const { body } = await r.gql(query, cap.variables);
    expect(body.data).toEqual(cap.response.data);
    expectSameAnswer(body, cap.response);
  });
});
