import type { BulkOperationRecord } from "./bulk";
import type { Cents } from "./money";
import { IdSequence } from "./ids";

// The double's world, one ShopState per shop. Records are plain data; behaviour that changes
// them lives in operations.ts so GraphQL mutations and test controls share one code path
// (and therefore fire the same webhooks).

export interface Address {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  address1: string;
  address2?: string | null;
  city: string;
  province: string;
  provinceCode: string;
  zip: string;
  country: string;
  countryCode: string;
  phone?: string | null;
}

export interface Customer {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  locale: string;
  tags: string[];
  address: Address | null;
  createdAt: Date;
  updatedAt: Date;
  note: string | null;
}

export interface CompanyLocation {
  id: number;
  companyId: number;
  name: string;
  address: Address;
  createdAt: Date;
  updatedAt: Date;
}
export interface CompanyContact {
  id: number;
  companyId: number;
  customerId: number;
  isMainContact: boolean;
  title: string | null;
  createdAt: Date;
  updatedAt: Date;
}
export interface Company {
  id: number;
  name: string;
  externalId: string | null;
  note: string | null;
  locationIds: number[];
  contactIds: number[];
  createdAt: Date;
  updatedAt: Date;
}

export interface LineItem {
  id: number;
  title: string;
  sku: string | null;
  quantity: number;
  unitPrice: Cents;
  productId: number | null;
  variantId: number | null;
  vendor: string | null;
}

export type PaymentTermsType = "NET" | "FIXED" | "RECEIPT" | "FULFILLMENT";
export interface PaymentSchedule {
  id: number;
  issuedAt: Date | null;
  dueAt: Date | null;
  completedAt: Date | null;
  amount: Cents;
  createdAt: Date;
  updatedAt: Date;
  /** payment_schedules/due already fired for this schedule */
  dueNotified: boolean;
}
export interface PaymentTerms {
  id: number;
  templateId: number;
  name: string;
  type: PaymentTermsType;
  dueInDays: number | null;
  schedules: PaymentSchedule[];
  createdAt: Date;
  updatedAt: Date;
  owner: { kind: "order" | "draftOrder"; id: number };
}

export interface Transaction {
  id: number;
  kind: "SALE" | "CAPTURE" | "AUTHORIZATION" | "REFUND" | "VOID";
  status: "SUCCESS" | "PENDING" | "FAILURE";
  amount: Cents;
  gateway: string;
  processedAt: Date;
}

export interface PurchasingCompanyRef {
  companyId: number;
  locationId: number;
  contactId: number | null;
}

export interface Order {
  id: number;
  number: number;
  name: string;
  token: string;
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
  /** currency of every stored amount (what the buyer sees) */
  presentmentCurrency: string;
  /** shop currency per presentment unit, fixed at order time */
  exchangeRate: number;
  lineItems: LineItem[];
  shippingPrice: Cents;
  taxPrice: Cents;
  customerId: number | null;
  company: PurchasingCompanyRef | null;
  email: string | null;
  phone: string | null;
  customerLocale: string;
  paymentTerms: PaymentTerms | null;
  transactions: Transaction[];
  tags: string[];
  note: string | null;
  poNumber: string | null;
  test: boolean;
  sourceDraftOrderId: number | null;
  /** Discount codes used at checkout, each with what it took off the line items (presentment cents). */
  discountCodes?: { code: string; amount: Cents; type: "percentage" | "fixed_amount" }[];
}

export type DraftOrderStatus = "OPEN" | "INVOICE_SENT" | "COMPLETED";
export interface DraftOrder {
  id: number;
  number: number;
  name: string;
  status: DraftOrderStatus;
  invoiceToken: string;
  invoiceSentAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  currency: string;
  lineItems: LineItem[];
  customerId: number | null;
  company: PurchasingCompanyRef | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  appliedDiscount: { title: string | null; description?: string | null; valueType: "FIXED_AMOUNT" | "PERCENTAGE"; value: number } | null;
  paymentTerms: PaymentTerms | null;
  orderId: number | null;
  taxExempt: boolean;
}

export interface DiscountCode {
  id: number;
  codeId: number;
  title: string;
  code: string;
  startsAt: Date;
  endsAt: Date | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  customerIds: number[] | "ALL";
  value: { percentage: number } | { amount: Cents; appliesOnEachItem: boolean };
  createdAt: Date;
  updatedAt: Date;
  combinesWith?: { productDiscounts: boolean; orderDiscounts: boolean; shippingDiscounts: boolean };
  minimumRequirement?: { subtotal: Cents } | { quantity: number } | null;
}

export interface WebhookSubscription {
  id: number;
  topic: string;
  uri: string;
  format: "JSON";
  createdAt: Date;
  updatedAt: Date;
  fromToml: boolean;
}

export interface FlowTriggerCall {
  handle: string;
  payload: unknown;
  receivedAt: Date;
}

export interface Product {
  id: number;
  title: string;
  vendor: string;
  handle: string;
  variantId: number;
  sku: string;
  price: Cents;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopInfo {
  id: number;
  name: string;
  email: string;
  domain: string;
  currency: string;
  ianaTimezone: string;
  locale: string;
  address: Address;
  ownerName: string;
  createdAt: Date;
}

export class ShopState {
  customers = new Map<number, Customer>();
  companies = new Map<number, Company>();
  locations = new Map<number, CompanyLocation>();
  contacts = new Map<number, CompanyContact>();
  products = new Map<number, Product>();
  orders = new Map<number, Order>();
  draftOrders = new Map<number, DraftOrder>();
  discounts = new Map<number, DiscountCode>();
  webhookSubscriptions = new Map<number, WebhookSubscription>();
  flowTriggers: FlowTriggerCall[] = [];
  /** when paymentReminderSend last mailed each order (order id → time): Shopify allows one a day */
  paymentRemindersSentAt = new Map<number, Date>();
  /** the app's bulk operations on this shop (the double serves one app) */
  bulkOperations = new Map<number, BulkOperationRecord>();
  installed = false;
  grantedScopes: string[] = [];
  nextOrderNumber = 1001;
  nextDraftNumber = 1;
  constructor(
    public info: ShopInfo,
    public ids: IdSequence,
  ) {}

  paymentTermsById(id: number): PaymentTerms | null {
    for (const o of this.orders.values()) if (o.paymentTerms?.id === id) return o.paymentTerms;
    for (const d of this.draftOrders.values()) if (d.paymentTerms?.id === id) return d.paymentTerms;
    return null;
  }

  scheduleById(id: number): { terms: PaymentTerms; schedule: PaymentSchedule } | null {
    for (const owner of [...this.orders.values(), ...this.draftOrders.values()]) {
      const s = owner.paymentTerms?.schedules.find((x) => x.id === id);
      if (s) return { terms: owner.paymentTerms!, schedule: s };
    }
    return null;
  }
}

export class Store {
  shops = new Map<string, ShopState>();
  ids = new IdSequence();
  shop(domain: string): ShopState | undefined {
    return this.shops.get(domain);
  }
}
