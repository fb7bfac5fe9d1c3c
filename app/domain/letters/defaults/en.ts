// Default letters in plain English: short sentences, no jargon, the tone of a
// supplier writing to a customer it wants to keep. Each follows the policy:
// the customer's name, which debt and its due date, good faith, how to pay,
// a proposal, a warm close, and who is writing.
import type { LetterTemplate, StageKind } from "../types";

const HELLO = "Hello{{#customer_name}} {{customer_name}}{{/customer_name}},";
const FOR_COMPANY = "{{#company_name}} (for {{company_name}}){{/company_name}}";
const LINK = "{{#several_debts}}the link under each order{{else}}the link above{{/several_debts}}";
const ORDERS = "{{#several_debts}}orders{{else}}order{{/several_debts}} {{debt_numbers}}";
const SIGNATURE = "The {{shop_name}} team\n\n{{merchant_identity}}";

export const EN: Record<StageKind, LetterTemplate> = {
  courtesy: {
    subject: "A friendly reminder: {{#several_debts}}orders {{debt_numbers}} are{{else}}order {{debt_numbers}} is{{/several_debts}} due soon",
    body: `${HELLO}

Just a quick heads-up that {{#several_debts}}these orders are{{else}}this order is{{/several_debts}} due in the next few days${FOR_COMPANY}:

{{debts}}

If the payment is already scheduled, there is nothing else to do. If you would like to pay ahead, just use ${LINK}.
{{#offer}}

Good news, too: {{offer}}.
{{/offer}}

If you have any questions about the amount or how to pay, simply reply to this email.

Warm regards,
${SIGNATURE}`,
  },

  due_today: {
    subject: "{{#several_debts}}Orders {{debt_numbers}} are{{else}}Order {{debt_numbers}} is{{/several_debts}} due today",
    body: `${HELLO}

Today is the due date for {{#several_debts}}these orders{{else}}this order{{/several_debts}}${FOR_COMPANY}:

{{debts}}

Paying takes just a few minutes: open ${LINK}. If you have already paid, thank you, and please disregard this message.
{{#offer}}

One more thing: {{offer}}.
{{/offer}}

If anything looks wrong with the amount or the order, reply to this email and we will sort it out.

Warm regards,
${SIGNATURE}`,
  },

  first_late: {
    subject: `We could not find your payment for ${ORDERS}`,
    body: `${HELLO}

We have not been able to find a payment for {{#several_debts}}these orders{{else}}this order{{/several_debts}}${FOR_COMPANY}:

{{debts}}

Something unexpected may have come up, or something may have gone wrong with the payment. Did anything happen? If you have already paid, reply to this email with the receipt and we will look into it.

To pay now, just open ${LINK}.

{{#offer}}To make it easier: {{offer}}.{{else}}If you need more time or would rather pay in installments, just let us know and we will work something out together.{{/offer}}

Thank you for your business,
${SIGNATURE}`,
  },

  follow_up: {
    subject: `Can we help with ${ORDERS}?`,
    body: `${HELLO}

We are writing again about {{#several_debts}}the orders below, which are{{else}}the order below, which is{{/several_debts}} still open${FOR_COMPANY}:

{{debts}}

We know how busy things get, and a payment can easily slip. If something is getting in the way, whether it is the amount, the timing or the order itself, please tell us: we would like to understand and help.

Whenever you are ready to pay, just open ${LINK}.

{{#offer}}Here is a proposal to make it easier: {{offer}}.{{else}}If it would help to split the amount or agree on a new date, reply to this email and we will put a proposal together.{{/offer}}

Warm regards,
${SIGNATURE}`,
  },

  proposal: {
    subject: `A proposal to settle ${ORDERS}`,
    body: `${HELLO}

{{#several_debts}}The orders below are{{else}}The order below is{{/several_debts}} still open${FOR_COMPANY}, and we would like to settle this in a way that works for you:

{{debts}}

{{#offer}}Our proposal: {{offer}}. If that does not fit your situation, reply to this email and we will adjust it together.{{else}}We can split the amount into installments or agree on a new payment date: just reply to this email and tell us what works best for you.{{/offer}}

If you would rather pay the full amount, ${LINK} still works. And if there is a problem with the order itself, tell us: we will help with that too.

You are a valued customer, and we look forward to serving you on the same terms as always.

Warm regards,
${SIGNATURE}`,
  },

  final_notice: {
    subject: `Our best terms for ${ORDERS}`,
    body: `${HELLO}

{{#several_debts}}These orders have{{else}}This order has{{/several_debts}} been open for a while now${FOR_COMPANY}, and we would really like to settle this on good terms with you:

{{debts}}

{{#offer}}So we have put together the best terms we can offer: {{offer}}.{{else}}So we are open to terms that fit your budget, in installments or with a new date.{{/offer}}

If this is a hard time, we understand. Please reply to this email, even if only to let us know how things stand: together we will find a way forward.

To pay, just open ${LINK}.

Thank you for your continued business,
${SIGNATURE}`,
  },

  installment_missed: {
    subject:
      "About {{#several_debts}}the installments{{else}}{{#installment}}installment {{installment}}{{else}}the installment{{/installment}}{{/several_debts}} of our agreement ({{debt_numbers}})",
    body: `${HELLO}

We have not been able to find the payment for {{#several_debts}}these installments{{else}}this installment{{/several_debts}} of our agreement${FOR_COMPANY}:

{{debts}}

Things come up, and that may be all it was. Please keep in mind that, under the agreement, an unpaid installment may cancel it, and we would much rather keep it going with you. If this date has become difficult, reply to this email and we will adjust whatever is needed.

To pay, just open {{#several_debts}}the link under each installment{{else}}the link above{{/several_debts}}.
{{#offer}}

To make it easier: {{offer}}.
{{/offer}}

Thank you for your trust,
${SIGNATURE}`,
  },
};
