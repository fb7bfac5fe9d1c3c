import { money } from "../../domain/ledger/money";
import { numericTail } from "../../domain/ledger/json";
import type { CompanyRef, CustomerRef, Terms } from "../../domain/ledger/snapshot";

// The pieces orders and draft orders share, as Admin GraphQL returns them,
// turned into the ledger's terms. Amounts are the presentment money: what the
// customer was charged and pays in.

export interface GqlMoney { amount: string; currencyCode: string }
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

export function customerRef(c: GqlCustomer | null | undefined, locale: string | null, fallbackEmail: string | null): CustomerRef | null {
  if (!c) return null;
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ") || c.displayName || null;
  return { gid: c.id, name, email: c.defaultEmailAddress?.emailAddress ?? fallbackEmail, phone: c.defaultPhoneNumber?.phoneNumber ?? null, locale: locale ?? c.locale ?? null };
}

export function companyRef(entity: GqlPurchasingEntity): CompanyRef | null {
  if (!entity || entity.__typename !== "PurchasingCompany" || !("company" in entity)) return null;
  return { gid: entity.company.id, name: entity.company.name, locationGid: entity.location.id, locationName: entity.location.name };
}

export function termsOf(t: GqlTerms | null | undefined): Terms | null {
  if (!t) return null;
  const schedules = t.paymentSchedules.nodes;
  const next = schedules.find((s) => !s.completedAt) ?? schedules[0];
  return {
    id: numericTail(t.id),
    name: t.paymentTermsName,
    type: t.paymentTermsType.toLowerCase(),
    dueInDays: t.dueInDays ?? null,
    dueAt: next?.dueAt ? new Date(next.dueAt) : null,
  };
}
