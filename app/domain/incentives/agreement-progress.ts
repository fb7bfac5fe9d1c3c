import { fromUnits, proportion, toUnits, type Money } from "../ledger/money";

// Where a running installment agreement stands, for the customer's page (docs/decisions/016): how
// many installments are paid, what is left of the plan, and the next one to pay. The original order
// still owes its whole balance in Shopify until the plan is paid (the ledger follows Shopify), so what
// the customer actually still owes on it is read here, from the installments.

export interface InstallmentState {
  number: number;
  amount: string;
  /** YYYY-MM-DD in the shop's calendar. */
  dueOn: string;
  paid: boolean;
  /** 09:00 in the shop GRACE_DAYS after its day: unpaid then, the agreement breaks at the next pass. */
  missedAt: Date;
}

/** due: its day is today or ahead; overdue: its day passed, within the grace days; missed: the grace days are over too. */
export type NextInstallmentState = "due" | "overdue" | "missed";

export interface AgreementProgress {
  count: number;
  paid: number;
  /** The sum of the unpaid installments, exact, in the agreement's currency. */
  left: string;
  next: { number: number; amount: string; dueOn: string; state: NextInstallmentState } | null;
}

/** `today` is the shop's calendar day at `now`. */
export function agreementProgress(installments: InstallmentState[], today: string, now: Date): AgreementProgress {
  const unpaid = [...installments].filter((i) => !i.paid).sort((a, b) => a.number - b.number);
  const first = unpaid[0];
  return {
    count: installments.length,
    paid: installments.length - unpaid.length,
    left: fromUnits(unpaid.reduce((sum, i) => sum + toUnits(i.amount), 0n)),
    next: first
      ? {
          number: first.number,
          amount: fromUnits(toUnits(first.amount)),
          dueOn: first.dueOn,
          state: first.missedAt.getTime() <= now.getTime() ? "missed" : first.dueOn < today ? "overdue" : "due",
        }
      : null,
  };
}

/**
 * What is left of a plan in the shop's currency, for an order billed in another: the same share of
 * the order's balance in the shop's currency that the plan's left is of its balance billed (the
 * rate Shopify gave the order), rounded to the shop currency's minor unit, never more than that balance.
 */
export function shareOfShopAmount(shop: Money, outstanding: Money, left: Money): string {
  if (toUnits(outstanding.amount) <= 0n || toUnits(left.amount) >= toUnits(outstanding.amount)) return fromUnits(toUnits(shop.amount));
  return proportion(shop, left, outstanding, shop.currency).amount;
}
