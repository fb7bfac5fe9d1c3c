import { money, toUnits } from "../../domain/ledger/money";
import { numericTail } from "../../domain/ledger/json";
import { nextScheduleDue, type Amounts, type CompanyRef, type CustomerRef, type Terms } from "../../domain/ledger/snapshot";

// The pieces orders and draft orders share, as Admin GraphQL returns them,
// turned into the ledger's terms. Amounts come in pairs: the presentment
// money the customer was charged and pays in, and the shop's own currency.

export interface GqlMoney {
  amount: string;
  currencyCode: string;
}
export interface GqlCustomer {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  displayName?: string | null;
  locale?: string | null;
  defaultEmailAddress?: { emailAddress?: string | null } | null;
  defaultPhoneNumber?: { phoneNumber?: string | null } | null;
}
export interface GqlTerms {
  id: string;
  paymentTermsName: string;
  paymentTermsType: string;
  dueInDays?: number | null;
  paymentSchedules: { nodes: { dueAt?: string | null; completedAt?: string | null }[] };
}
export type GqlPurchasingEntity =
  | { __typename: "PurchasingCompany"; company: { id: string; name: string }; location: { id: string; name: string } }
  | { __typename: string }
  | null
  | undefined;

export const toMoney = (m: GqlMoney) => money(m.amount, m.currencyCode);

/** Shopify's invoice email, carrying a collection letter as its custom message (plain text: Shopify does not render HTML there). */
export interface InvoiceEmail {
  to: string;
  subject: string;
  customMessage: string;
}

/** A total and what is still owed of it (never below zero: an overpaid order owes nothing). */
export function amountsOf(total: GqlMoney, outstanding: GqlMoney): Amounts {
  const owed = toMoney(outstanding);
  return { total: toMoney(total), outstanding: toUnits(owed.amount) < 0n ? money("0", owed.currency) : owed };
}

export function customerRef(c: GqlCustomer | null | undefined, locale: string | null, fallbackEmail: string | null): CustomerRef | null {
  if (!c) return null;
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ") || c.displayName || null;
  return {
    gid: c.id,
    name,
    email: c.defaultEmailAddress?.emailAddress ?? fallbackEmail,
    phone: c.defaultPhoneNumber?.phoneNumber ?? null,
    locale: locale ?? c.locale ?? null,
  };
}

export function companyRef(entity: GqlPurchasingEntity): CompanyRef | null {
  if (!entity || entity.__typename !== "PurchasingCompany" || !("company" in entity)) return null;
  return { gid: entity.company.id, name: entity.company.name, locationGid: entity.location.id, locationName: entity.location.name };
}

export function termsOf(t: GqlTerms | null | undefined): Terms | null {
  if (!t) return null;
  return {
    id: numericTail(t.id),
    name: t.paymentTermsName,
    type: t.paymentTermsType.toLowerCase(),
    dueInDays: t.dueInDays ?? null,
    dueAt: nextScheduleDue(t.paymentSchedules.nodes.map((s) => ({ dueAt: s.dueAt ? new Date(s.dueAt) : null, completed: Boolean(s.completedAt) }))),
  };
}
