import { afterEach, describe, expect, it } from "vitest";
import { answerOf, capture, expectSameAnswer, startReplay, type Replay } from "./conformance-replay";

// discountCodeBasicCreate and flowTriggerReceive, replayed from Shopify's live answers
// (conformance/2026-04/discounts/ and admin-platform/).

let r: Replay;
afterEach(() => r?.close());

describe("discountCodeBasicCreate answers as live Shopify", () => {
  it("GIVEN a 10% code for everyone WHEN created under an alias THEN the same discount, classes, combinations and code, at Shopify's cost", async () => {
    const cap = capture("2026-04/discounts/discount-code-basic-name-alias-independence.json");
    r = await startReplay(cap.capturedAt);
    const { body } = await r.gql(cap.requests.create.query, cap.requests.create.variables);
    const theirs = answerOf(cap.create);
    expectSameAnswer(body, theirs);
    expect(body.data.madeDiscount.codeDiscountNode.codeDiscount).toEqual(theirs.data.madeDiscount.codeDiscountNode.codeDiscount);
  });

  it("GIVEN a code with a minimum subtotal WHEN created THEN active with Shopify's shape and cost; the same code again is taken", async () => {
    const cap = capture("2026-04/discounts/discount-code-basic-lifecycle.json");
    r = await startReplay(cap.capturedAt);
    const { body } = await r.gql(cap.requests.create.query, cap.requests.create.variables);
    const theirs = answerOf(cap.create);
    expectSameAnswer(body, theirs);
    const pick = (d: any) => ({
      __typename: d.__typename,
      title: d.title,
      status: d.status,
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      asyncUsageCount: d.asyncUsageCount,
      discountClasses: d.discountClasses,
      combinesWith: d.combinesWith,
      context: d.context,
      codes: d.codes.nodes.map((c: any) => c.code),
      customerGets: { ...d.customerGets },
      minimumRequirement: d.minimumRequirement.__typename,
    });
    expect(pick(body.data.discountCodeBasicCreate.codeDiscountNode.codeDiscount)).toEqual(
      pick(theirs.data.discountCodeBasicCreate.codeDiscountNode.codeDiscount),
    );
    const again = await r.gql(cap.requests.create.query, cap.requests.create.variables);
    expect(again.body.data.discountCodeBasicCreate).toEqual({
      codeDiscountNode: null,
      userErrors: [{ field: ["basicCodeDiscount", "code"], message: "Code must be unique. Please try a different code.", code: "TAKEN", extraInfo: null }],
    });
  });
});

describe("flowTriggerReceive answers as live Shopify", () => {
  it("GIVEN bodies missing a trigger, naming unknown ones, with bad resources or unknown fields THEN Shopify's schema errors, in its order", async () => {
    const cap = capture("2026-04/admin-platform/admin-platform-flow-trigger-receive-body-schema-gaps.json");
    r = await startReplay(cap.capturedAt);
    expectSameAnswer((await r.gql(cap.query)).body, answerOf(cap.result));
  });

  it("GIVEN properties of 50,001 bytes and a payload of exactly 50,000 THEN the first is too big and the second passes to the handle check", async () => {
    const cap = capture("2026-04/admin-platform/admin-platform-flow-trigger-receive-property-size-boundary.json");
    r = await startReplay(cap.capturedAt);
    expectSameAnswer((await r.gql(cap.query, cap.variables)).body, answerOf(cap.result));
    const shop = r.double.store.shop(r.double.shopDomain)!;
    const ok = await r.gql(`mutation($p: JSON) { flowTriggerReceive(handle: "payment-overdue", payload: $p) { userErrors { field message } } }`, {
      p: cap.variables.nearLimitPayload,
    });
    expect(ok.body.data.flowTriggerReceive.userErrors).toEqual([]);
    expect(shop.flowTriggers.at(-1)).toMatchObject({ handle: "payment-overdue", payload: cap.variables.nearLimitPayload });
  });
});
