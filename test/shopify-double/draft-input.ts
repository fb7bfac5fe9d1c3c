import { gid, parseGid } from "./ids";
import { fromDecimal } from "./money";
import type { NewDraft } from "./draft-order-operations";
import { TERMS_TEMPLATES } from "./order-math";
import type { DraftOrder, ShopState } from "./state";

// DraftOrderInput read into the double's terms. The refusals of draftOrderCreate are worded and
// placed as live Shopify's (airhorns/shopify-draft-proxy, draft-order-create-validation-matrix,
// 2026-04: mostly `field: null`); those marked "not captured" are the double's own wording.

export class DraftInputError extends Error {
  constructor(
    message: string,
    public field: string[] | null = null,
  ) {
    super(message);
  }
}

const idOf = (value: string, type: string) => {
  const p = parseGid(value);
  return p?.type === type ? p.id : null;
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function lineItemsIn(shop: ShopState, items: any[]): NewDraft["lineItems"] {
  return items.map((li, i) => {
    if (li.quantity < 1) throw new DraftInputError("Quantity must be greater than or equal to 1", ["lineItems", String(i), "quantity"]);
    if (li.variantId) {
      const p = [...shop.products.values()].find((x) => gid("ProductVariant", x.variantId) === li.variantId);
      // The id's digits as sent: Shopify names ids beyond 2^53 exactly, a Number would round them.
      const digits = /^gid:\/\/shopify\/ProductVariant\/(\d+)$/.exec(li.variantId)?.[1] ?? li.variantId;
      if (!p) throw new DraftInputError(`Product with ID ${digits} is no longer available.`);
      return { title: p.title, quantity: li.quantity, unitPrice: p.price, sku: p.sku, variantId: p.variantId, productId: p.id };
    }
    if (!li.title) throw new DraftInputError("Merchandise title is empty.");
    const price = li.originalUnitPriceWithCurrency?.amount ?? li.originalUnitPrice;
    if (price === undefined || price === null) throw new DraftInputError("Custom line items require a title and a price"); // not captured
    const unitPrice = fromDecimal(price);
    if (unitPrice < 0) throw new DraftInputError("Cannot send negative price for line_item");
    return { title: li.title, quantity: li.quantity, unitPrice, sku: li.sku ?? null };
  });
}

function purchaserIn(shop: ShopState, input: any, out: Partial<NewDraft>) {
  const entity = input.purchasingEntity;
  const customerGid = entity?.customerId ?? input.customerId;
  if (customerGid) {
    const id = idOf(customerGid, "Customer");
    if (!id || !shop.customers.has(id)) throw new DraftInputError("Customer does not exist"); // not captured
    out.customerId = id;
    out.company = null;
  }
  if (entity?.purchasingCompany) {
    const pc = entity.purchasingCompany;
    const companyId = idOf(pc.companyId, "Company"),
      locationId = idOf(pc.companyLocationId, "CompanyLocation");
    const contactId = idOf(pc.companyContactId, "CompanyContact");
    const contact = contactId ? shop.contacts.get(contactId) : undefined;
    if (!companyId || !shop.companies.has(companyId) || !locationId || !shop.locations.has(locationId)) {
      throw new DraftInputError("Company location does not exist"); // not captured
    }
    out.company = { companyId, locationId, contactId: contact?.id ?? null };
    out.customerId = contact?.customerId ?? null;
  }
}

/** As live Shopify (conformance/…/draftOrder-applied-discount-validation.json): a negative percentage is taken. */
function checkAppliedDiscount(a: { valueType: string; value: number }, field: string[]) {
  if (a.valueType === "PERCENTAGE" && Number(a.value) > 100) throw new DraftInputError("Applied discount value must be less than or equal to 100%", field);
  if (!/^-?\d+(\.\d{1,2})?$/.test(String(a.value))) throw new DraftInputError("Applied discount value can have at most 2 digits after decimal point", field);
}

/** Reads a DraftOrderInput (a whole one, or the changes of an update to `existing`). */
export function parseDraftInput(shop: ShopState, input: any, now: Date, existing?: DraftOrder): Partial<NewDraft> {
  const out: Partial<NewDraft> = {};
  if (input.lineItems !== undefined) out.lineItems = lineItemsIn(shop, input.lineItems ?? []);
  if (!existing && !out.lineItems?.length) throw new DraftInputError("Add at least 1 product");
  purchaserIn(shop, input, out);
  if (input.paymentTerms) {
    if (!input.paymentTerms.paymentTermsTemplateId) throw new DraftInputError("Payment terms template id can not be empty.");
    const tpl = idOf(input.paymentTerms.paymentTermsTemplateId, "PaymentTermsTemplate");
    if (!tpl || !TERMS_TEMPLATES.some((t) => t.id === tpl)) throw new DraftInputError("Could not find payment terms template.");
    out.termsTemplateId = tpl;
    const due = input.paymentTerms.paymentSchedules?.[0]?.dueAt;
    out.fixedDueAt = due ? new Date(due) : null;
  }
  if (input.reserveInventoryUntil && new Date(input.reserveInventoryUntil) < now) throw new DraftInputError("Reserve until can't be in the past");
  if (input.email && !EMAIL.test(input.email)) throw new DraftInputError("Email is invalid", ["email"]);
  if (input.email !== undefined) out.email = input.email;
  if (input.note !== undefined) out.note = input.note;
  if (input.tags !== undefined) out.tags = input.tags;
  if (input.presentmentCurrencyCode) out.currency = input.presentmentCurrencyCode;
  if (input.appliedDiscount !== undefined) {
    const a = input.appliedDiscount;
    if (a) checkAppliedDiscount(a, existing ? ["input", "appliedDiscount", "value"] : ["appliedDiscount", "value"]);
    out.appliedDiscount = a && { title: a.title ?? null, description: a.description ?? null, valueType: a.valueType, value: Number(a.value) };
  }
  return out;
}
