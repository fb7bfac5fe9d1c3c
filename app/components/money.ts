// Formats an exact decimal amount for people. Intl formats decimal strings
// without going through a float (ES2023), so "1234.5" stays 1234.50.
export function formatMoney(amount: string, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount as unknown as number);
}
