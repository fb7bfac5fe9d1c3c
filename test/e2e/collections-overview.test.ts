import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { seriousAccessibilityViolations } from "../support/axe";
import { sharedDemo } from "./shared-demo";
import type { SharedDemoUrls } from "../support/shared-demo-setup";

// The Collections overview of the demo shop as the merchant reads it: what is owed and overdue in
// reais, what letters recovered, DSO, the aging chart, what to do next and the customers most
// overdue, each leading to their page; in the admin's language (English, Portuguese, Spanish),
// with no serious accessibility problem and no error in the browser.
describe("the Collections overview in a real browser", () => {
  let demo: SharedDemoUrls;
  let browser: Browser;
  const artifacts = path.join(repoRoot, "artifacts");

  beforeAll(async () => {
    expect(existsSync(path.join(repoRoot, "build/server/index.js")), "the app must be built first (npx remix vite:build)").toBe(true);
    mkdirSync(artifacts, { recursive: true });
    demo = await sharedDemo();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(locale: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, userAgent: DESKTOP_USER_AGENT });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    // Errors in the page (a chart that failed to hydrate, React's warnings) and any request that failed: in the
    // demo nothing may ask Shopify's CDN for App Bridge (the library's preload of it, on its bounce page too),
    // which this machine cannot reach and the double stands in for.
    // (The console's "Failed to load resource" says less than the two listeners after it: which address.)
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
    });
    page.on("requestfailed", (request) => problems.push(`${request.url()} ${request.failure()?.errorText}`));
    page.on("response", (response) => void (response.status() >= 400 && problems.push(`${response.url()} answered ${response.status()}`)));
    const url = new URL(demo.url);
    url.searchParams.set("locale", locale);
    await page.goto(url.toString());
    return { page, problems };
  }

  // Reais as each language writes them: R$1,234.50 (en), R$ 1.234,50 (pt-BR), 1234,50 BRL (es).
  const money = /^(R\$\s?[\d.,]+[.,]\d{2}|[\d.]+,\d{2}\sBRL)$/;

  it("GIVEN the demo shop WHEN the merchant opens Collections in English THEN they read the totals, the chart, the next actions and the most overdue customers", async () => {
    const { page, problems } = await open("en");
    await page.getByRole("heading", { name: "Collections", level: 1 }).waitFor();
    await expect(page.title()).resolves.toBe("Collections · Quita");

    // Totals in the shop's currency, and who owes.
    const card = (title: string) => page.locator(".Polaris-ShadowBevel").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
    await expect(card("Outstanding on orders").getByText(money).first().isVisible()).resolves.toBe(true);
    await expect(card("Overdue").getByText(money).first().isVisible()).resolves.toBe(true);
    await expect(
      card("Outstanding on orders")
        .getByText(/^\d+ customers owe$/)
        .isVisible(),
    ).resolves.toBe(true);
    await expect(card("Overdue").getByText("Days counted in São Paulo time").isVisible()).resolves.toBe(true);
    await expect(card("Recovered in the last 30 days").isVisible()).resolves.toBe(true);
    await expect(
      card("DSO")
        .getByText(/^\d+ days?$/)
        .isVisible(),
    ).resolves.toBe(true);
    await expect(
      card("DSO")
        .getByText(/order sales on terms over the last 90 days/)
        .isVisible(),
    ).resolves.toBe(true);

    // The aging chart, drawn in the browser once the page is live, with a bar per bucket; its figures in the table beside it.
    const aging = card("How late, on orders");
    await aging.locator("[data-chart] svg").first().waitFor();
    const chartText = await aging.locator("[data-chart] svg").first().textContent();
    expect(chartText).toContain("Over 90 days");
    expect(chartText).toContain("31–60 days");
    const overNinety = aging.getByRole("row").filter({ hasText: "Over 90 days" });
    await expect(overNinety.getByText(money).isVisible()).resolves.toBe(true);

    // What to do next.
    const next = card("Next actions");
    await expect(next.getByText(/^\d+ customers? to remind today$/).isVisible()).resolves.toBe(true);
    await expect(next.getByText(/^\d+ customers? to remind in the next 7 days$/).isVisible()).resolves.toBe(true);

    // The most overdue customers, longest late first, each a link to their page; and all debtors a click away.
    const top = card("Most overdue customers");
    const days = (await top.locator(".Polaris-Badge").allInnerTexts()).map((text) => Number(/\d+/.exec(text)?.[0]));
    expect(days.length).toBeGreaterThan(0);
    expect(days[0]).toBeGreaterThan(90);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    await expect(top.getByRole("link", { name: "See all debtors" }).getAttribute("href")).resolves.toMatch(/^\/app\/debtors/);
    const first = top.getByRole("row").nth(1).getByRole("link");
    const name = await first.innerText();
    expect(name.length).toBeGreaterThan(0);
    expect(await first.getAttribute("href")).toMatch(/^\/app\/customers\/\d+/);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "collections-overview-en.png"), fullPage: true });
    expect(problems).toEqual([]);

    await first.click();
    await page.waitForURL(/\/app\/customers\/\d+/);
    await page.close();
  });

  it.each([
    [
      "pt-BR",
      "Cobranças",
      ["Em aberto em pedidos", "Em atraso", "Recuperado nos últimos 30 dias", "Próximas ações", "Clientes com mais atraso"],
      /dias em atraso$/,
    ],
    [
      "es",
      "Cobranzas",
      ["Pendiente en pedidos", "Vencido", "Recuperado en los últimos 30 días", "Próximas acciones", "Clientes con más atraso"],
      /días de atraso$/,
    ],
  ])("GIVEN the admin in %s WHEN the merchant opens Collections THEN the overview speaks it", async (locale, title, headings, overdue) => {
    const { page, problems } = await open(locale);
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await expect(page.title()).resolves.toBe(`${title} · Quita`);
    for (const heading of headings) await expect(page.getByRole("heading", { name: heading, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(money).first().isVisible()).resolves.toBe(true);
    await expect(page.locator(".Polaris-Badge").first().innerText()).resolves.toMatch(overdue);
    await page.locator("[data-chart] svg").first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, `collections-overview-${locale}.png`), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
