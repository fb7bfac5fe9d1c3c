import { describe, expect, it } from "vitest";
import { lettersOnHold, missingLetterIdentity, validateLetterIdentity } from "../../app/domain/letter-identity";
import { formatAddress } from "../../app/domain/address";

describe("how letters are signed", () => {
  it("trims what the merchant typed and stores blanks as nothing", () => {
    expect(validateLetterIdentity({ legalName: "  Casa Aurora Ltda ", legalAddress: " ", taxId: "", locale: "es" })).toEqual({
      ok: true,
      value: { legalName: "Casa Aurora Ltda", legalAddress: null, taxId: null, locale: "es" },
    });
  });

  it("needs a legal name, a supported language and a plausible tax id", () => {
    const result = validateLetterIdentity({ legalName: "", legalAddress: "", taxId: "12<script>", locale: "de" });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(["legalName", "locale", "taxId"]);
  });

  it("bounds the length of what a letter prints", () => {
    const result = validateLetterIdentity({ legalName: "x".repeat(121), legalAddress: "", taxId: "", locale: "en" });
    expect(!result.ok && result.errors.legalName).toEqual({ code: "tooLong", params: { max: 120 } });
  });
});

describe("a shop's address on one line", () => {
  it("joins the parts a letter needs and leaves out blanks", () => {
    expect(formatAddress({ address1: "Rua das Flores, 100", address2: "", city: "São Paulo", provinceCode: "SP", zip: "01000-000", countryCodeV2: "BR" })).toBe(
      "Rua das Flores, 100, São Paulo - SP, 01000-000, BR",
    );
    expect(formatAddress({ company: "X", address1: null })).toBeNull();
    expect(formatAddress(null)).toBeNull();
  });
});

describe("the letters' default language", () => {
  it("follows the country of the shop's business address", async () => {
    const { defaultLetterLocale } = await import("../../app/domain/letter-locale");
    expect(defaultLetterLocale("BR")).toBe("pt-BR");
    expect(defaultLetterLocale("mx")).toBe("es");
    expect(defaultLetterLocale("CA")).toBe("en");
    expect(defaultLetterLocale(null)).toBe("en");
  });
});

describe("what a letter must carry before it goes out", () => {
  const brazilian = { countryCode: "BR", name: "Casa Aurora", legalName: "Casa Aurora Ltda", legalAddress: "Rua Augusta, 1200", taxId: "12.345.678/0001-90" };

  it("asks a Brazilian shop for its address and CNPJ/CPF besides its name (CDC art. 42-A)", () => {
    expect(missingLetterIdentity(brazilian)).toEqual([]);
    expect(missingLetterIdentity({ ...brazilian, taxId: null, legalAddress: "  " })).toEqual(["legalAddress", "taxId"]);
    expect(lettersOnHold({ ...brazilian, countryCode: "br", taxId: "" })).toEqual({ missing: ["taxId"], brazil: true });
  });

  it("holds nothing elsewhere: Shopify always gives the shop's name, which signs when no legal name was set", () => {
    const american = { ...brazilian, countryCode: "US", legalAddress: null, taxId: null };
    expect(missingLetterIdentity(american)).toEqual([]);
    expect(missingLetterIdentity({ ...american, legalName: null })).toEqual([]);
    expect(missingLetterIdentity({ ...brazilian, legalName: null })).toEqual([]);
    expect(lettersOnHold({ ...brazilian, legalName: " ", name: null })).toEqual({ missing: ["legalName"], brazil: true });
  });

  it("holds nothing for a shop whose country is not known yet beyond the name", () => {
    expect(missingLetterIdentity({ ...brazilian, countryCode: null, taxId: null })).toEqual([]);
  });
});
