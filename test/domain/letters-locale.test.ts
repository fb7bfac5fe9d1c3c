import { describe, expect, it } from "vitest";
import { chooseLocale, formatLocaleFor } from "../../app/domain/letters";

describe("the language a customer's letter is written in", () => {
  it("is the customer's when Quita writes it, whatever the region", () => {
    // GIVEN a shop whose letters default to English
    // WHEN customers with these Shopify locales are written to
    // THEN each reads their own language
    expect(chooseLocale("pt-BR", "en")).toBe("pt-BR");
    expect(chooseLocale("pt", "en")).toBe("pt-BR");
    expect(chooseLocale("pt-PT", "en")).toBe("pt-BR");
    expect(chooseLocale("es-MX", "en")).toBe("es");
    expect(chooseLocale("es_AR", "pt-BR")).toBe("es");
    expect(chooseLocale("EN-us", "pt-BR")).toBe("en");
  });

  it("is the shop's default for anyone else", () => {
    expect(chooseLocale("fr-CA", "es")).toBe("es");
    expect(chooseLocale(null, "pt-BR")).toBe("pt-BR");
    expect(chooseLocale("", "es")).toBe("es");
    expect(chooseLocale("not a locale!", "pt-BR")).toBe("pt-BR");
  });
});

describe("how numbers and dates are written", () => {
  it("follows the customer's region within the letter's language, else the language's usual form", () => {
    expect(formatLocaleFor("es-AR", "es")).toBe("es-AR");
    expect(formatLocaleFor("es", "es")).toBe("es-419");
    expect(formatLocaleFor("pt-PT", "pt-BR")).toBe("pt-PT");
    expect(formatLocaleFor("fr-FR", "en")).toBe("en-US");
    expect(formatLocaleFor(null, "pt-BR")).toBe("pt-BR");
    expect(formatLocaleFor("???", "en")).toBe("en-US");
  });
});
