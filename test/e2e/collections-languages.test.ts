import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { seriousAccessibilityViolations } from "../support/axe";
import { sharedDemo } from "./shared-demo";
import type { SharedDemoUrls } from "../support/shared-demo-setup";
import type { Catalog, Messages } from "../../app/i18n/translate";

// A merchant whose Shopify admin is in Portuguese (or Spanish) goes through every page of the
// Collections tab the way they would — the menu, a debtor, their letter, Settings — and reads
// none of the app's English on the way: the admin's language, given once when the admin opens
// the app, holds across the page's own navigation (docs/decisions/011). Each page is also
// checked with axe.
const catalogs = import.meta.glob<Record<string, Catalog<Messages>>>("../../app/i18n/messages/*.ts", { eager: true });

/** The app's English sentences (the fixed parts around placeholders) that the language says otherwise. */
function englishPhrases(locale: "pt-BR" | "es"): string[] {
  const phrases = new Set<string>();
  for (const module of Object.values(catalogs)) {
    for (const catalog of Object.values(module)) {
      for (const [key, english] of Object.entries(catalog.en)) {
        if ((catalog[locale] as Record<string, string>)[key] === english) continue;
        for (const part of english.split(/\{\w+\}/)) if (part.trim().length >= 14) phrases.add(part.trim());
      }
    }
  }
  return [...phrases];
}

describe("the Collections tab in the admin's language", () => {
  let demo: SharedDemoUrls;
  let browser: Browser;
  const shots = path.join(repoRoot, "artifacts");

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    demo = await sharedDemo();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function expectSpoken(page: Page, locale: "pt-BR" | "es", name: string): Promise<void> {
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: path.join(shots, `languages-${locale}-${name}.png`), fullPage: true });
    const text = await page.evaluate(() => document.body.innerText);
    const english = englishPhrases(locale).filter((phrase) => text.includes(phrase));
    expect(english, `English on the ${name} page in ${locale}`).toEqual([]);
    expect(await seriousAccessibilityViolations(page), `axe on the ${name} page in ${locale}`).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe(locale);
  }

  it.each([
    ["pt-BR", { collections: "Cobranças", debtors: "Devedores", settings: "Configurações", notFound: "Página não encontrada" }],
    ["es", { collections: "Cobranzas", debtors: "Deudores", settings: "Configuración", notFound: "Página no encontrada" }],
  ] as const)(
    "%s: overview, debtors, a customer, their letter, settings and a missing page",
    async (locale, words) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_USER_AGENT });
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      const url = new URL(demo.url);
      url.searchParams.set("locale", locale);

      await page.goto(url.toString());
      await page.getByRole("heading", { name: words.collections, level: 1 }).waitFor();
      await expectSpoken(page, locale, "overview");

      // The app's own navigation: no new document, so no `locale` from the admin.
      await page.locator("ui-nav-menu a", { hasText: words.debtors }).click();
      await page.getByRole("heading", { name: words.debtors, level: 1 }).waitFor();
      await expectSpoken(page, locale, "debtors");

      await page.locator('a[href^="/app/customers/"]').first().click();
      await page.waitForURL(/\/app\/customers\/[^/?]+(\?|$)/);
      await page.locator('a[href*="/letter"]').first().waitFor();
      await expectSpoken(page, locale, "customer");

      await page.locator('a[href*="/letter"]').first().click();
      await page.waitForURL(/\/letter/);
      await expectSpoken(page, locale, "letter");

      await page.locator("ui-nav-menu a", { hasText: words.settings }).click();
      await page.getByRole("heading", { name: words.settings, level: 1 }).waitFor();
      await expectSpoken(page, locale, "settings");

      // A reload starts from the address, as the admin's would: still in the admin's language.
      await page.reload();
      await page.getByRole("heading", { name: words.settings, level: 1 }).waitFor();

      const missing = new URL("/app/no-such-page", url);
      missing.search = url.search;
      await page.goto(missing.toString());
      await page.getByRole("heading", { name: words.notFound, level: 1 }).waitFor();
      await expectSpoken(page, locale, "not-found");

      expect(pageErrors).toEqual([]);
      await page.close();
    },
    120_000,
  );
});
