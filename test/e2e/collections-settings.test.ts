import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { seriousAccessibilityViolations } from "../support/axe";
import { sharedDemo } from "./shared-demo";
import type { SharedDemoUrls } from "../support/shared-demo-setup";

// Settings on the demo shop as the merchant uses it inside the admin: a change
// brings up the admin's save bar, Save keeps it across a reload, a letter is
// previewed as it is written, a threatening word is refused beside the letter,
// and the page speaks the admin's language. No serious accessibility problem,
// no error in the browser. The demo is the one the Collections browser tests
// share (shared-demo.ts): what a test saves, it puts back.
describe("Settings in a real browser", () => {
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

  async function openSettings(locale: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, userAgent: DESKTOP_USER_AGENT });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
    });
    const url = new URL("/app/settings", demo.url);
    url.search = new URL(demo.url).search;
    url.searchParams.set("locale", locale);
    await page.goto(url.toString());
    return { page, problems };
  }
  const saveBar = (page: Page, name = "Unsaved changes") => page.getByRole("region", { name });

  it("GIVEN Settings WHEN the merchant changes the quiet hours THEN the save bar shows, Save keeps the change across a reload", async () => {
    const { page, problems } = await openSettings("en");
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await expect(page.title()).resolves.toBe("Settings · Quita");
    await expect(saveBar(page).count()).resolves.toBe(0);
    await expect(page.getByText("Your shop's time (São Paulo), between 08:00 and 20:00: never at night.").isVisible()).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel("Send from").fill("09:30");
    await saveBar(page).waitFor();
    await page.screenshot({ path: path.join(artifacts, "settings-save-bar.png") });
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.locator(".quita-double-toast", { hasText: "Settings saved" }).waitFor();
    await saveBar(page).waitFor({ state: "detached" });

    await page.reload();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await expect(page.getByLabel("Send from").inputValue()).resolves.toBe("09:30");
    await expect(saveBar(page).count()).resolves.toBe(0);

    // Letters at night are refused beside the hours, and nothing is saved until they are mended.
    await page.getByLabel("Until").fill("21:00");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText("Letters go out between 08:00 and 20:00 at the latest, never at night.").waitFor();
    await page.getByLabel("Letters to one customer, at most").fill("3");
    await page.getByLabel("In any period of (days)").fill("2");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.getByText("That is more than 7 letters a week to one customer: lower the letters or count over more days.").waitFor();
    await page.screenshot({ path: path.join(artifacts, "settings-bounds.png"), fullPage: true });
    await saveBar(page).getByRole("button", { name: "Discard" }).click();
    await saveBar(page).waitFor({ state: "detached" });
    await expect(page.getByLabel("Until").inputValue()).resolves.toBe("20:00");

    // The demo's shop is shared with the other browser tests: its hours go back as they were.
    await page.getByLabel("Send from").fill("08:00");
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await saveBar(page).waitFor({ state: "detached" });
    expect(problems).toEqual([]);
  }, 180_000);

  it("GIVEN a stage's letter WHEN the merchant edits it THEN the preview follows; a threatening word is refused beside the letter, naming it", async () => {
    const { page, problems } = await openSettings("en");
    await page.getByRole("heading", { name: "Letters", level: 2, exact: true }).waitFor();
    const preview = page.getByTestId("preview-subject");
    await preview.waitFor();
    await page.locator("#letter-kind").selectOption("first_late");
    await page.getByLabel("Subject").fill("A word from Casa Aurora about {{debt_numbers}}");
    await expect.poll(() => preview.innerText(), { timeout: 10_000 }).toMatch(/^Subject: A word from Casa Aurora about #\d+/);
    // Written for one of the shop's own open debts, with its payment link.
    await expect(page.getByText(/Written for #\d+, one of your open debts\./).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("preview-body").innerText()).resolves.toMatch(/https?:\/\/\S+/);
    // Each of the letter's lines (up to 100 characters, as the email carries them) fits the preview whole.
    const brokenAgain = await page.getByTestId("preview-body").evaluate((preview: HTMLElement) => {
      const pen = document.createElement("canvas").getContext("2d")!;
      pen.font = getComputedStyle(preview).font;
      return preview.innerText.split("\n").filter((line: string) => !/^https?:\/\//.test(line) && pen.measureText(line).width > preview.clientWidth);
    });
    expect(brokenAgain).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "settings-letter-preview.png"), fullPage: true });

    const body = page.locator("#letter-body");
    await body.fill(`${await body.inputValue()}\n\nIf you do not pay, we will take legal action in court.`);
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    const error = page.locator("#letter-bodyError");
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(/These words read as a threat: “legal action”, “court”/);
    await page.screenshot({ path: path.join(artifacts, "settings-letter-refused.png"), fullPage: true });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Without the threat the letter is saved, and it is the shop's own from then on.
    await body.fill((await body.inputValue()).replace(/\n\nIf you do not pay.*$/s, ""));
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await page.locator(".quita-double-toast", { hasText: "Settings saved" }).waitFor();
    await page.reload();
    await page.locator("#letter-kind").selectOption("first_late");
    await expect(page.getByLabel("Subject").inputValue()).resolves.toBe("A word from Casa Aurora about {{debt_numbers}}");
    await expect(page.getByText("Your letter", { exact: true }).isVisible()).resolves.toBe(true);

    // The demo's shop is shared with the other browser tests: its letter goes back to Quita's.
    await page.getByRole("button", { name: "Go back to Quita's letter" }).click();
    await saveBar(page).getByRole("button", { name: "Save" }).click();
    await saveBar(page).waitFor({ state: "detached" });
    await expect(page.getByText("Quita's letter", { exact: true }).isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
  }, 180_000);

  it("GIVEN the admin in Portuguese WHEN the merchant opens Settings THEN the page and the admin's save bar speak Portuguese", async () => {
    const { page, problems } = await openSettings("pt-BR");
    await page.getByRole("heading", { name: "Configurações", level: 1 }).waitFor();
    await expect(page.title()).resolves.toBe("Configurações · Quita");
    for (const heading of [
      "Como suas cartas são assinadas",
      "Quando as cartas são enviadas",
      "Régua de cobrança",
      "Cartas",
      "Limites das propostas de quitação",
      "Pedidos da Shopify",
    ]) {
      await expect(page.getByRole("heading", { name: heading, level: 2, exact: true }).isVisible(), heading).resolves.toBe(true);
    }
    await expect(page.getByText("Etapa 1: 3 dias antes do vencimento").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Razão social").inputValue()).resolves.toBe("Casa Aurora Atacado");
    await page.getByLabel("Desconto máximo (%)").fill("60");
    await saveBar(page, "Alterações não salvas").getByRole("button", { name: "Salvar" }).click();
    await page.getByText("Informe um número inteiro de 0 a 50.").waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, "settings-pt-BR.png"), fullPage: true });
    expect(problems).toEqual([]);
  }, 180_000);
});
