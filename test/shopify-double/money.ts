// Amounts live as integer minor units (cents) so partial payments never drift; they leave the
// double as the decimal strings Shopify uses in both GraphQL (Decimal) and REST payloads.
export type Cents = number;

export const toDecimal = (cents: Cents) => {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
};

export function fromDecimal(value: string | number): Cents {
  const s = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new Error(`Invalid decimal amount: ${value}`);
  return Math.round(Number(s) * 100);
}

export const moneyV2 = (cents: Cents, currencyCode: string) => ({ amount: toDecimal(cents), currencyCode });
