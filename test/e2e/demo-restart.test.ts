import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { readSavedWorld, writeSavedWorld } from "../shopify-double/index";
import { runPrinted, startDemo, type RunningDemo } from "./demo-process";

// The demo over time and across restarts, in a real browser, driven with the commands it prints:
// time passes and ages follow, a customer pays and the totals drop, the demo restarts and shows
// the same, reloading a page keeps you signed in, and neither a forgotten access token nor half a
// data folder leaves the merchant looking at an error.

const ARTIFACTS = path.join(repoRoot, "artifacts");
const DAY = 86_400_000;

/** R$ 12.345,67 → 1234567 (cents), as the merchant reads it. */
const cents = (text: string) => Number(text.replace(/[^\d]/g, ""));

async function openCollections(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole("heading", { name: "Collections", level: 1 }).waitFor();
}

/** What the shop is owed on orders (the overview's first figure), in cents. */
async function totalOutstanding(page: Page): Promise<number> {
  const figure = page.getByRole("heading", { name: "Outstanding on orders" }).locator("xpath=following-sibling::*[1]");
  return cents(await figure.innerText());
}

/** Name and days-overdue badge of each row of the overview's most overdue customers. */
async function debtors(page: Page): Promise<{ name: string; daysLate: number | null }[]> {
  const table = page.locator("table", { has: page.getByRole("columnheader", { name: "Overdue" }) });
  const rows = await table.locator("tbody tr").all();
  return Promise.all(
    rows.map(async (row) => {
      const name = await row.locator("th, td").first().innerText();
      const badge = row.locator(".Polaris-Badge");
      // The badge reads e.g. "Critical 150 days overdue": its tone for screen readers, then the days.
      const days = (await badge.count()) ? /(\d+) days? overdue/.exec(await badge.innerText())?.[1] : undefined;
      return { name: name.trim(), daysLate: days === undefined ? null : Number(days) };
    }),
  );
}

const daysLateOf = async (page: Page, name: string) => (await debtors(page)).find((d) => d.name === name)?.daysLate;

async function doubleClock(demo: RunningDemo): Promise<number> {
  const { now } = (await (await fetch(`${demo.doubleUrl}/_double/clock`)).json()) as { now: string };
  return Date.parse(now);
}

/** Settings' "Reload unpaid orders now", until the reload has read the shop again. */
async function reloadUnpaidOrders(page: Page) {
  await page.locator("ui-nav-menu a[href='/app/settings']").click();
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  await page.getByRole("button", { name: "Reload unpaid orders now" }).click();
  await page.getByText("Reloading unpaid orders from Shopify").waitFor();
  // The ledger already holds every order, so a finished reload reads them all and corrects none.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByText(/^(Last full reload|Full reload)/).innerText();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toMatch(/^Last full reload: .+, \d+ order\(s\) read, 0 added or corrected\.$/);
}

describe("the demo over time and across restarts", () => {
  let browser: Browser;
  let demo: RunningDemo | null = null;
  let page: Page;
  let pageErrors: string[] = [];
  const dataDirs: string[] = [];
  const freshDataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "quita-demo-"));
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    expect(existsSync(path.join(repoRoot, "build/server/index.js")), "the app must be built first (scripts/quita test does it)").toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await page?.close();
    await demo?.stop();
    demo = null;
  });
  afterAll(async () => {
    await browser?.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });
  const newPage = async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_USER_AGENT });
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    return page;
  };

  it("ages follow the clock, payments the totals; a restart shows the same; a reload keeps you signed in", { timeout: 240_000 }, async () => {
    const dataDir = freshDataDir();
    demo = await startDemo(dataDir);
    await newPage();
    await openCollections(page, demo.url);
    await expect(page.title()).resolves.toBe("Collections · Quita");
    const [longestLate] = await debtors(page);
    const totalBefore = await totalOutstanding(page);

    // WHEN 30 days pass in the shop (the command the demo printed) THEN every age moves by 30.
    const clockBefore = await doubleClock(demo);
    expect(demo.printedCommand("time passes")).toContain(`--url ${demo.doubleUrl} `);
    await runPrinted(demo.printedCommand("time passes"));
    expect((await doubleClock(demo)) - clockBefore).toBeGreaterThanOrEqual(30 * DAY);
    await page.reload();
    await page.getByRole("heading", { name: "Collections", level: 1 }).waitFor();
    expect(await daysLateOf(page, longestLate.name)).toBe(longestLate.daysLate! + 30);

    // WHEN a customer pays R$ 100,00 (the printed command) THEN the total drops by that, once the webhook is in.
    const pay = demo.printedCommand("a customer pays");
    expect(pay).toMatch(/--amount 100\.00$/);
    await runPrinted(pay);
    await expect
      .poll(
        async () => {
          await page.reload();
          return totalOutstanding(page);
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(totalBefore - 100_00);
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-after-30-days-and-a-payment.png"), fullPage: true });

    // WHEN the merchant reloads Settings THEN they are still signed in, on Settings.
    await page.locator("ui-nav-menu a[href='/app/settings']").click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get("shop")).toBe("quita-demo.myshopify.com");
    await page.reload();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/app/settings");
    await expect(page.title()).resolves.toBe("Settings · Quita");

    // WHEN the demo is stopped and started again on the same folder THEN the same totals, ages and clock.
    const clockAtStop = await doubleClock(demo);
    await expect(demo.stop()).resolves.toBe(0);
    const stoppedAt = Date.now();
    demo = await startDemo(dataDir);
    expect(demo.output()).toContain(`resuming the demo kept in ${dataDir}`);
    const drift = (await doubleClock(demo)) - clockAtStop;
    expect(drift).toBeGreaterThanOrEqual(0);
    expect(drift).toBeLessThan(Date.now() - stoppedAt + 60_000);
    await openCollections(page, demo.url);
    expect(await totalOutstanding(page)).toBe(totalBefore - 100_00);
    expect(await daysLateOf(page, longestLate.name)).toBe(longestLate.daysLate! + 30);

    // THEN Settings' reload reads the shop again, with the kept access token.
    await reloadUnpaidOrders(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-settings-after-restart.png"), fullPage: true });
  });

  it(
    "a page nobody serves is a Polaris 404, inside the admin and out, with nothing logged as an error; errors are sentences",
    { timeout: 120_000 },
    async () => {
      demo = await startDemo(freshDataDir());
      await newPage();
      const outside = await page.goto(`${demo.appUrl}/no-such-page`);
      expect(outside!.status()).toBe(404);
      await page.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
      await expect(page.title()).resolves.toBe("Page not found · Quita");
      await expect(page.getByText("Quita has no page at this address.").isVisible()).resolves.toBe(true);

      const admin = new URL(demo.url);
      const inside = await page.goto(`${demo.appUrl}/app/no-such-page${admin.search}`);
      expect(inside!.status()).toBe(404);
      await page.getByRole("heading", { name: "Page not found", level: 1 }).waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, "demo-not-found.png"), fullPage: true });
      // Its way out keeps the shop: back to Collections, signed in.
      await page.getByRole("link", { name: "Go to Collections" }).click();
      await page.getByRole("heading", { name: "Collections", level: 1 }).waitFor();
      expect(demo.output()).not.toMatch(/^\s+at /m);
      expect(demo.output()).not.toMatch(/Error:/);

      // A request Shopify's library refuses (credentials it cannot verify): what to do, not a raw 401.
      const refusing = await browser.newContext({ userAgent: DESKTOP_USER_AGENT, extraHTTPHeaders: { Authorization: "Bearer not-a-session-token" } });
      const refused = await refusing.newPage();
      refused.on("pageerror", (error) => pageErrors.push(error.message));
      expect((await refused.goto(demo.url))!.status()).toBe(401);
      await refused.getByRole("heading", { name: "Reconnect Quita", level: 1 }).waitFor();
      await expect(refused.title()).resolves.toBe("Reconnect Quita · Quita");
      await expect(refused.getByText("Shopify did not accept Quita's access to your store.").isVisible()).resolves.toBe(true);
      await expect(refused.getByText("Open Quita again from your Shopify admin to reconnect.").isVisible()).resolves.toBe(true);
      expect(await refused.locator("body").innerText()).not.toMatch(/401|Unauthorized|errors/);
      await refused.screenshot({ path: path.join(ARTIFACTS, "demo-reconnect.png"), fullPage: true });
      await refusing.close();
    },
  );

  it("a restart survives a forgotten access token and half a data folder without showing an error", { timeout: 240_000 }, async () => {
    const dataDir = freshDataDir();
    const stateFile = path.join(dataDir, "shopify-double.json");
    demo = await startDemo(dataDir);
    await newPage();
    await openCollections(page, demo.url);
    const seededTotal = await totalOutstanding(page);
    await runPrinted(demo.printedCommand("a customer pays"));
    await expect
      .poll(
        async () => {
          await page.reload();
          return totalOutstanding(page);
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(seededTotal - 100_00);
    await expect(demo.stop()).resolves.toBe(0);

    // GIVEN the local Shopify no longer knows the app's token (as after a reinstall the app missed)
    const saved = readSavedWorld(stateFile)!;
    saved.tokens.revokeShop("quita-demo.myshopify.com");
    writeSavedWorld(stateFile, saved);
    // WHEN the demo starts THEN opening the app exchanges a new one: the pages and the reload work.
    demo = await startDemo(dataDir);
    await openCollections(page, demo.url);
    expect(await totalOutstanding(page)).toBe(seededTotal - 100_00);
    await reloadUnpaidOrders(page);
    await expect(demo.stop()).resolves.toBe(0);

    // GIVEN the database is kept but the local Shopify's shop is gone WHEN the demo starts
    // THEN it says, in one line, that both start over, and shows the seeded shop.
    rmSync(stateFile);
    demo = await startDemo(dataDir);
    expect(demo.output().match(/both start over/g)).toHaveLength(1);
    expect(demo.output()).toMatch(
      /quita demo: the local Shopify's saved shop \(.+shopify-double\.json\) is missing, so Quita and the local Shopify both start over/,
    );
    await openCollections(page, demo.url);
    expect(await totalOutstanding(page)).toBe(seededTotal);
  });
});
