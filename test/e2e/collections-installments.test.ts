import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { seriousAccessibilityViolations } from "../support/axe";
import { sharedDemo } from "./shared-demo";
import type { SharedDemoUrls } from "../support/shared-demo-setup";

// The demo's customer in an installment agreement, as the merchant finds them: "In agreement" on the
// Debtors list, the agreement on their page (on the order's row, and what is left of the plan in
// what they owe) and its timeline, and the form to offer a plan refusing what it must next to its field. The shared demo's shop is left as it was: nothing is made.

describe("an installment agreement in a real browser", () => {
  let demo: SharedDemoUrls;
  let browser: Browser;
  let page: Page;
  const shots = path.join(repoRoot, "artifacts");

  beforeAll(async () => {
    demo = await sharedDemo();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_USER_AGENT });
    page.setDefaultTimeout(20_000);
    mkdirSync(shots, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const at = (pathname: string, extra: Record<string, string> = {}) => {
    const target = new URL(demo.url);
    target.pathname = pathname;
    target.searchParams.set("locale", "en");
    for (const [k, v] of Object.entries(extra)) target.searchParams.set(k, v);
    return target.toString();
  };

  it("finds the customer in agreement on Debtors, shows the agreement on their page, and offers nothing that would cut across it", async () => {
    await page.goto(at("/app/debtors", { status: "in_agreement" }));
    const link = page.locator("a[href^='/app/customers/']").first();
    await link.waitFor({ timeout: 30_000 });
    expect(await page.locator("a[href^='/app/customers/']").count()).toBe(1);
    await page.getByText("In agreement", { exact: true }).first().waitFor();
    // The list names a B2B debtor by company; their page by the contact, the company beside.
    const company = (await link.innerText()).trim();
    await link.click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByText(company).first().waitFor();
    await page.waitForFunction(() => Object.keys(document.querySelector("button") ?? {}).some((key) => key.startsWith("__reactFiber")));

    await page.getByText("In an installment agreement", { exact: true }).waitFor();
    const entries = page.locator("li[data-entry-kind='agreement']");
    const agreed = entries.getByText(/^Installment plan agreed for #\d+: R\$[\d,]+\.\d{2} in 3 installments, the first on .+$/);
    await agreed.waitFor();
    const order = /#\d+/.exec(await agreed.innerText())![0];
    await entries.getByText(/^Installment 1 of 3 paid \(R\$[\d,]+\.\d{2}\)$/).waitFor();
    // The order's row says where the plan stands, not how late the order is; the summary counts what is left of it.
    const row = page.locator("tr", { hasText: `${order} ·` });
    await row.getByText("In agreement", { exact: true }).waitFor();
    await row.getByText("Installments paid: 1 of 3", { exact: true }).waitFor();
    const left = /^(R\$[\d,]+\.\d{2}) left of the plan$/.exec(await row.getByText(/ left of the plan$/).innerText())![1]!;
    // Installment 2 is a month away, unless the shared demo's clock was moved past its day.
    await row.getByText(/^(Next: installment 2, R\$[\d,]+\.\d{2} on .+|Installment 2 \(R\$[\d,]+\.\d{2}(\) overdue since|, due) .+)$/).waitFor();
    await expect(row.getByText(/days? overdue/).count()).resolves.toBe(0);
    const inPlans = page.locator("div", { has: page.getByText("In installment plans (BRL)", { exact: true }) }).last();
    await inPlans.getByText(left, { exact: true }).waitFor();

    // The order in the plan is settled by it: no second plan, no new terms, no letter to write now
    // (the server refuses a second plan too: test/server/installment-agreements.test.ts).
    await expect(page.locator("select option", { hasText: `${order} ·` }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Offer plan" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Send the next reminder now" }).count()).resolves.toBe(0);
    await expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, "customer-installments.png"), fullPage: true });
  }, 90_000);
});
