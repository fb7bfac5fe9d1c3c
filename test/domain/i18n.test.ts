import { describe, expect, it } from "vitest";
import { resolveUiLocale, UI_LOCALES } from "../../app/i18n/locales";
import { translate, type Catalog, type Messages } from "../../app/i18n/translate";
import { formatterFor } from "../../app/i18n/format";
import { commonMessages } from "../../app/i18n/messages/common";

const catalogs = import.meta.glob<Record<string, Catalog<Messages>>>("../../app/i18n/messages/*.ts", { eager: true });
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the pages' languages", () => {
  it("follows the admin's locale: any Portuguese is pt-BR, any Spanish es, the rest English", () => {
    expect(resolveUiLocale("pt-BR")).toBe("pt-BR");
    expect(resolveUiLocale("pt-PT")).toBe("pt-BR");
    expect(resolveUiLocale("es-MX")).toBe("es");
    expect(resolveUiLocale("en-GB")).toBe("en");
    expect(resolveUiLocale("fr")).toBe("en");
    expect(resolveUiLocale("fr-FR,es;q=0.8")).toBe("es");
    expect(resolveUiLocale(null)).toBe("en");
  });

  it("every catalog says everything in every language, with the same placeholders", () => {
    expect(Object.keys(catalogs).length).toBeGreaterThan(0);
    for (const [file, module] of Object.entries(catalogs)) {
      for (const catalog of Object.values(module)) {
        const english = catalog.en;
        for (const locale of UI_LOCALES) {
          const messages = catalog[locale] as Record<string, string>;
          expect(Object.keys(messages).sort(), `${file} ${locale}`).toEqual(Object.keys(english).sort());
          for (const [key, text] of Object.entries(english)) {
            expect(placeholders(messages[key]), `${file} ${locale} ${key}`).toEqual(placeholders(text));
            if (locale !== "en" && text.length > 12) expect(messages[key], `${file} ${locale} ${key} is untranslated`).not.toBe(text);
          }
        }
      }
    }
  });

  it("chooses the plural form for the count and fills the placeholders", () => {
    expect(translate(commonMessages, "en", "daysOverdue", { count: 1 })).toBe("1 day overdue");
    expect(translate(commonMessages, "pt-BR", "daysOverdue", { count: 12 })).toBe("12 dias em atraso");
    expect(translate(commonMessages, "es", "dueInDays", { count: 1 })).toBe("vence en 1 día");
    // Not CLDR's "0 dia" (Portuguese counts 0 with 1): a Brazilian reads "0 dias".
    expect(translate(commonMessages, "pt-BR", "daysOverdue", { count: 0 })).toBe("0 dias em atraso");
  });

  it("writes money exactly, dates in the shop's zone and the zone by its city", () => {
    const br = formatterFor("pt-BR", "America/Sao_Paulo");
    expect(br.money("1234.5", "BRL")).toBe("R$\u00a01.234,50");
    expect(br.money("12345678901234.99", "BRL")).toBe("R$\u00a012.345.678.901.234,99");
    // 02:00 UTC on 1 March is still 28 February in São Paulo.
    expect(br.date("2026-03-01T02:00:00Z")).toBe("28 de fev. de 2026");
    expect(br.zoneCity()).toBe("São Paulo");
    expect(formatterFor("es", "America/Mexico_City").zoneCity()).toBe("Ciudad de México");
    expect(formatterFor("en", "Europe/Berlin").zoneCity()).toBe("Berlin");
    expect(formatterFor("en", "America/Argentina/Buenos_Aires").zoneCity()).toBe("Buenos Aires");
    expect(formatterFor("en", "Not/AZone").timezone).toBe("UTC");
  });
});
