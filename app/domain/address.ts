export interface PostalAddress {
  company?: string | null;
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
  countryCodeV2?: string | null;
}

/** One line a letter's footer can print; blank parts are left out, never shown as "null". */
export function formatAddress(address: PostalAddress | null | undefined): string | null {
  if (!address) return null;
  const cityLine = [address.city, address.provinceCode].filter(Boolean).join(" - ");
  const parts = [address.address1, address.address2, cityLine, address.zip, address.countryCodeV2]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(", ") : null;
}
