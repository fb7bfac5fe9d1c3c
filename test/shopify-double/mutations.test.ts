import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOverdue } from "./order-math";
import { admin, startTestDouble } from "./test-helpers";
import type { ShopifyDouble } from "./index";

let double: ShopifyDouble;
let gql: ReturnType<typeof admin>;
const shop = () => double.store.shop(double.shopDomain)!;
const unpaidOrder = () =>
  [...shop().orders.values()].find(
    (o) => o.paymentTerms && !o.cancelledAt && !o.paymentTerms.schedules[0].completedAt && o.email && o.transactions.length === 0,
  )!;

beforeAll(async () => {
  double = await startTestDouble();
  gql = admin(double, double.controls.installApp().accessToken);
});
afterAll(() => double.close());

const INVOICE = `mutation($id: ID!, $email: EmailInput) { orderInvoiceSend(id: $id, email: $email) { order { id } userErrors { field message code } } }`;

describe("sending emails", () => {
  it("GIVEN an unpaid order WHEN orderInvoiceSend THEN the mailbox holds the letter with the order's payment link", async () => {
    const o = unpaidOrder();
    const { body } = await gql(INVOICE, { id: `gid://shopify/Order/${o.id}`, email: { subject: "Sobre o pedido", customMessage: "Olá! Podemos ajudar?" } });
    expect(body.data.orderInvoiceSend.userErrors).toEqual([]);
    const [mail] = double.mailbox.list();
    expect(mail).toMatchObject({
      kind: "order_invoice",
      to: o.email,
      subject: "Sobre o pedido",
      customMessage: "Olá! Podemos ajudar?",
      sentAt: double.clock.now().toISOString().slice(0, 16) + mail.sentAt.slice(16),
    });
    expect(mail.link).toContain(`https://${double.shopDomain}/`);
    expect(mail.link).toContain(o.token);
    const html = await (await fetch(`${double.url}/_double/mailbox`)).text();
    expect(html).toContain("Sobre o pedido");
    expect(html).toContain(`href="${mail.link.replace(/&/g, "&#38;")}"`);
  });

  it("GIVEN a paid, a cancelled or an email-less order WHEN orderInvoiceSend THEN userErrors and no mail", async () => {
    const paid = [...shop().orders.values()].find((o) => o.transactions.length && o.paymentTerms?.schedules[0].completedAt)!;
    const noEmail = [...shop().orders.values()].find((o) => !o.email)!;
    const before = double.mailbox.list().length;
    for (const o of [paid, noEmail]) {
      const { body } = await gql(INVOICE, { id: `gid://shopify/Order/${o.id}` });
      expect(body.data.orderInvoiceSend.order).toBeNull();
      expect(body.data.orderInvoiceSend.userErrors[0].code).toBe("ORDER_INVOICE_SEND_UNSUCCESSFUL");
    }
    const cancelled = unpaidOrder();
    double.controls.cancelOrder({ order: cancelled.id });
    expect((await gql(INVOICE, { id: `gid://shopify/Order/${cancelled.id}` })).body.data.orderInvoiceSend.userErrors[0].message).toBe(
      "Order has been cancelled",
    );
    expect(double.mailbox.list().length).toBe(before);
  });

  it("GIVEN an open draft WHEN draftOrderInvoiceSend THEN INVOICE_SENT, mail links the invoice URL; completed drafts are refused", async () => {
    const d = [...shop().draftOrders.values()].find((x) => x.email && x.status !== "COMPLETED")!;
    const m = `mutation($id: ID!) { draftOrderInvoiceSend(id: $id, email: { customMessage: "Segue a fatura" }) { draftOrder { status invoiceUrl invoiceSentAt } userErrors { message } } }`;
    const { body } = await gql(m, { id: `gid://shopify/DraftOrder/${d.id}` });
    expect(body.data.draftOrderInvoiceSend.draftOrder.status).toBe("INVOICE_SENT");
    const url = body.data.draftOrderInvoiceSend.draftOrder.invoiceUrl;
    expect(url).toMatch(new RegExp(`^https://${double.shopDomain}/\\d+/invoices/[0-9a-f]{32}$`));
    expect(double.mailbox.list()[0]).toMatchObject({ kind: "draft_order_invoice", link: url, subject: `Invoice ${d.name}` });
    double.controls.completeDraftOrder({ draftOrder: d.id });
    expect((await gql(m, { id: `gid://shopify/DraftOrder/${d.id}` })).body.data.draftOrderInvoiceSend.userErrors.length).toBe(1);
    const preview = await gql(
      `mutation($id: ID!) { draftOrderInvoicePreview(id: $id, email: { subject: "Oi" }) { previewSubject previewHtml userErrors { message } } }`,
      { id: `gid://shopify/DraftOrder/${d.id}` },
    );
    expect(preview.body.data.draftOrderInvoicePreview.previewSubject).toBe("Oi");
  });

  it("GIVEN an overdue schedule WHEN paymentReminderSend THEN success; a completed schedule is refused", async () => {
    const now = double.clock.now();
    const o = [...shop().orders.values()].find(
      (x) => x.paymentTerms && x.email && !x.cancelledAt && x.transactions.length === 0 && isOverdue(x.paymentTerms, now),
    )!;
    const sid = `gid://shopify/PaymentSchedule/${o.paymentTerms!.schedules[0].id}`;
    const m = `mutation($id: ID!) { paymentReminderSend(paymentScheduleId: $id) { success userErrors { code message } } }`;
    expect((await gql(m, { id: sid })).body.data.paymentReminderSend).toEqual({ success: true, userErrors: [] });
    expect(double.mailbox.list()[0]).toMatchObject({ kind: "payment_reminder", to: o.email });
    double.controls.payOrder({ order: o.id });
    const refused = (await gql(m, { id: sid })).body.data.paymentReminderSend;
    expect(refused.userErrors[0].code).toBe("PAYMENT_REMINDER_SEND_UNSUCCESSFUL");
  });
});

describe("payment terms, discounts, drafts, flow", () => {
  it("creates, extends and deletes payment terms", async () => {
    const d = double.controls.createDraftOrder({ customer: [...shop().customers.values()][20].id, amount: "300.00" });
    const create = await gql(
      `mutation($ref: ID!) { paymentTermsCreate(referenceId: $ref, paymentTermsAttributes: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4", paymentSchedules: [{ issuedAt: "2026-11-20T00:00:00Z" }] }) { paymentTerms { id paymentTermsName dueInDays paymentSchedules(first: 1) { nodes { dueAt } } } userErrors { message code } } }`,
      { ref: `gid://shopify/DraftOrder/${d.id}` },
    );
    const terms = create.body.data.paymentTermsCreate.paymentTerms;
    expect(terms).toMatchObject({ paymentTermsName: "Net 30", dueInDays: 30, paymentSchedules: { nodes: [{ dueAt: "2026-12-20T00:00:00Z" }] } });
    const again = await gql(
      `mutation($ref: ID!) { paymentTermsCreate(referenceId: $ref, paymentTermsAttributes: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/4" }) { userErrors { code } } }`,
      { ref: `gid://shopify/DraftOrder/${d.id}` },
    );
    expect(again.body.data.paymentTermsCreate.userErrors[0].code).toBe("PAYMENT_TERMS_CREATION_UNSUCCESSFUL");
    const update = await gql(
      `mutation($id: ID!) { paymentTermsUpdate(input: { paymentTermsId: $id, paymentTermsAttributes: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/5" } }) { paymentTerms { paymentTermsName } userErrors { message } } }`,
      { id: terms.id },
    );
    expect(update.body.data.paymentTermsUpdate.paymentTerms.paymentTermsName).toBe("Net 60");
    const del = await gql(`mutation($id: ID!) { paymentTermsDelete(input: { paymentTermsId: $id }) { deletedId userErrors { message } } }`, { id: terms.id });
    expect(del.body.data.paymentTermsDelete.deletedId).toBe(terms.id);
  });

  it("creates a single-use discount code and refuses a duplicate", async () => {
    const m = `mutation($code: String!) { discountCodeBasicCreate(basicCodeDiscount: { title: "Quita 5%", code: $code, startsAt: "2026-11-20T00:00:00Z", usageLimit: 1, customerGets: { value: { percentage: 0.05 }, items: { all: true } }, context: { all: ALL } }) { codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title status } } } userErrors { field code message } } }`;
    const ok = await gql(m, { code: "QUITA-ANA-5" });
    expect(ok.body.data.discountCodeBasicCreate.codeDiscountNode.codeDiscount).toEqual({ title: "Quita 5%", status: "ACTIVE" });
    const dup = await gql(m, { code: "quita-ana-5" });
    expect(dup.body.data.discountCodeBasicCreate.userErrors[0]).toMatchObject({ field: ["basicCodeDiscount", "code"], code: "TAKEN" });
    const byCode = await gql(`{ codeDiscountNodeByCode(code: "QUITA-ANA-5") { id } }`);
    expect(byCode.body.data.codeDiscountNodeByCode.id).toBe(ok.body.data.discountCodeBasicCreate.codeDiscountNode.id);
  });

  it("GIVEN an open draft WHEN draftOrderUpdate sets an order-level discount THEN the total falls by it; Shopify's refusals as captured; null removes it", async () => {
    const d = [...shop().draftOrders.values()].find((x) => x.status !== "COMPLETED" && !x.appliedDiscount)!;
    const id = `gid://shopify/DraftOrder/${d.id}`;
    const m = `mutation($id: ID!, $input: DraftOrderInput!) { draftOrderUpdate(id: $id, input: $input) { draftOrder { totalPriceSet { shopMoney { amount } } appliedDiscount { title description value valueType } } userErrors { field message } } }`;
    const total = async () => (await gql(m, { id, input: {} })).body.data.draftOrderUpdate.draftOrder.totalPriceSet.shopMoney.amount as string;
    const full = await total();
    const discount = { title: "Settlement discount", description: "until 2026-12-03", valueType: "PERCENTAGE", value: 10 };
    const set = await gql(m, { id, input: { appliedDiscount: discount } });
    expect(set.body.data.draftOrderUpdate).toMatchObject({ draftOrder: { appliedDiscount: discount }, userErrors: [] });
    expect(Number(await total())).toBeCloseTo(Number(full) * 0.9, 2);
    for (const [value, message] of [
      [150, "Applied discount value must be less than or equal to 100%"],
      [12.345, "Applied discount value can have at most 2 digits after decimal point"],
    ] as const) {
      const refused = await gql(m, { id, input: { appliedDiscount: { ...discount, value } } });
      expect(refused.body.data.draftOrderUpdate).toEqual({ draftOrder: null, userErrors: [{ field: ["input", "appliedDiscount", "value"], message }] });
    }
    const removed = await gql(m, { id, input: { appliedDiscount: null } });
    expect(removed.body.data.draftOrderUpdate.draftOrder.appliedDiscount).toBeNull();
    expect(await total()).toBe(full);
  });

  it("creates a B2B draft order with terms and rejects an empty one", async () => {
    const company = [...shop().companies.values()][0];
    const contact = shop().contacts.get(company.contactIds[0])!;
    const m = `mutation($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { name status totalPriceSet { shopMoney { amount } } purchasingEntity { __typename } paymentTerms { paymentTermsName } } userErrors { field message } } }`;
    const { body } = await gql(m, {
      input: {
        purchasingEntity: {
          purchasingCompany: {
            companyId: `gid://shopify/Company/${company.id}`,
            companyLocationId: `gid://shopify/CompanyLocation/${company.locationIds[0]}`,
            companyContactId: `gid://shopify/CompanyContact/${contact.id}`,
          },
        },
        lineItems: [{ title: "Parcela 1/3", quantity: 1, originalUnitPriceWithCurrency: { amount: "150.50", currencyCode: "BRL" } }],
        paymentTerms: { paymentTermsTemplateId: "gid://shopify/PaymentTermsTemplate/3" },
      },
    });
    expect(body.data.draftOrderCreate.draftOrder).toMatchObject({
      status: "OPEN",
      totalPriceSet: { shopMoney: { amount: "150.50" } },
      purchasingEntity: { __typename: "PurchasingCompany" },
      paymentTerms: { paymentTermsName: "Net 15" },
    });
    const empty = await gql(m, { input: { lineItems: [] } });
    expect(empty.body.data.draftOrderCreate.userErrors[0].message).toBe("Add at least 1 product");
  });

  it("records flowTriggerReceive for a known handle and refuses an unknown one", async () => {
    const m = `mutation($h: String!) { flowTriggerReceive(handle: $h, payload: { order_id: 1 }) { userErrors { field message } } }`;
    expect((await gql(m, { h: "payment-overdue" })).body.data.flowTriggerReceive.userErrors).toEqual([]);
    expect(shop().flowTriggers.at(-1)).toMatchObject({ handle: "payment-overdue", payload: { order_id: 1 } });
    expect((await gql(m, { h: "nope" })).body.data.flowTriggerReceive.userErrors[0].message).toContain("Invalid handle 'nope'");
  });
});
