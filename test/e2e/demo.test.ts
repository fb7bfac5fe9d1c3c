import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { sharedDemo } from "./shared-demo";

// The README's first command, as a newcomer runs it (minus the install and
// build the test command has already done): the demo starts, prints one URL,
// and that URL shows Quita's admin pages with data from the local Shopify.
// The demo is the one the Collections browser tests share (shared-demo.ts),
// started as scripts/demo.ts is run by hand (demo-process.ts); what they
// change they put back or do not touch here.
describe("the demo in a real browser", () => {
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    expect(existsSync(path.join(repoRoot, "build/server/index.js")), "the app must be built first (scripts/quita test does it)").toBe(true);
    ({ url } = await sharedDemo());
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the Collections tab with the seeded shop, then Settings through the app's menu", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_USER_AGENT });
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));

    await page.goto(url);
    await page.getByRole("heading", { name: "Collections", level: 1 }).waitFor();
    // Live data: the shop's name and time zone came from the double's Admin API at install.
    await expect(page.getByText("Casa Aurora Atacado").isVisible()).resolves.toBe(true);
    await expect(page.getByText("Days counted in São Paulo time").first().isVisible()).resolves.toBe(true);
    // The ledger the backfill filled: real-money totals in the shop's currency, written in the admin's language (English),
    // ages from not yet due to over 90 days late, and the longest-late customer first.
    await expect(
      page
        .getByText(/^R\$[\d,]+\.\d{2}$/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText("Nothing owed").count()).resolves.toBe(0);
    for (const age of ["Not yet due", "1–30 days", "Over 90 days"]) {
      await expect(page.getByText(age, { exact: true }).first().isVisible()).resolves.toBe(true);
    }
    // Days-late badges run from the longest-late customer down.
    const daysLate = (await page.locator(".Polaris-Badge").allInnerTexts()).map((text) => Number(/\d+/.exec(text)?.[0]));
    expect(daysLate[0]).toBeGreaterThan(90);
    expect(daysLate).toEqual([...daysLate].sort((a, b) => b - a));
    mkdirSync(path.join(repoRoot, "artifacts"), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, "artifacts", "demo-collections.png"), fullPage: true });

    // The menu App Bridge shows; navigating sends the session token on the data request.
    await page.locator("ui-nav-menu a[href='/app/settings']").click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await expect(page.getByLabel("Legal name").inputValue()).resolves.toBe("Casa Aurora Atacado");
    await expect(page.getByLabel("Default letter language").inputValue()).resolves.toBe("pt-BR");
    await page.screenshot({ path: path.join(repoRoot, "artifacts", "demo-settings.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
