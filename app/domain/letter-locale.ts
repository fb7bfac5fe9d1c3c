import type { LetterLocale } from "./letter-identity";

// Where the shop's business address is decides the letters' default language
// until the merchant picks one in Settings.
const SPANISH_SPEAKING = new Set(["AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GT", "HN", "MX", "NI", "PA", "PE", "PR", "PY", "SV", "UY", "VE"]);
const PORTUGUESE_SPEAKING = new Set(["BR", "PT", "AO", "MZ", "CV"]);

export function defaultLetterLocale(countryCode: string | null | undefined): LetterLocale {
  const country = (countryCode ?? "").toUpperCase();
  if (PORTUGUESE_SPEAKING.has(country)) return "pt-BR";
  if (SPANISH_SPEAKING.has(country)) return "es";
  return "en";
}
