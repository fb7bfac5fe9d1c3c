// An amount the merchant types in a form, in whatever way their language writes it:
// "1250", "1250,50", "1.250,50" (Brazil, much of Latin America), "1,250.50" (English,
// Mexico). Data requests do not carry the admin's language, so the separators tell:
// an amount has at most two decimals, so a separator followed by three digits groups
// thousands, and when both appear the last one is the decimal point.

const GROUPED = (separator: string) => new RegExp(`^\\d{1,3}(\\${separator}\\d{3})+$`);

/** A positive amount with at most two decimals as an exact decimal string ("1250.50"), or null. */
export function parseTypedAmount(value: string): string | null {
  const text = value.trim().replace(/[\s\u00a0\u202f]/g, "");
  const decimalAt = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
  const decimals = decimalAt === -1 ? "" : text.slice(decimalAt + 1);
  // One or two digits after the last separator: that separator is the decimal point.
  const hasDecimals = decimalAt !== -1 && /^\d{1,2}$/.test(decimals);
  const whole = hasDecimals ? text.slice(0, decimalAt) : text;
  if (!whole) return null;
  let digits: string;
  if (/^\d+$/.test(whole)) digits = whole;
  else {
    // The rest may only group thousands with one separator, the one not used for decimals.
    const separator = whole.includes(",") ? "," : ".";
    if ((hasDecimals && separator === text[decimalAt]) || !GROUPED(separator).test(whole)) return null;
    digits = whole.split(separator).join("");
  }
  const amount = `${digits.replace(/^0+(?=\d)/, "")}${hasDecimals ? `.${decimals}` : ""}`;
  return /[1-9]/.test(amount) ? amount : null;
}
