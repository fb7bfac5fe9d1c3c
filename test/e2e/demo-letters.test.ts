import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { readSavedWorld, type Mail } from "../shopify-double/index";
import { localTime } from "../../app/domain/cadence/local-time";
import { checkTone } from "../../app/domain/letters";
import { runPrinted, startDemo, type RunningDemo } from "./demo-process";

// Issue #8: in the demo, a week passing puts friendly letters in the local Shopify's mailbox. The
// clock is moved as a reader would move it (the double's CLI), on to 10:00 on a working day in São
// Paulo so the shop's quiet hours never decide the outcome; the app's collections pass runs after
// the webhooks that fires (and every five minutes); the letters are read in Chromium on the
// mailbox page, as the demo prints it, and checked against the shop they were written from.

const ARTIFACTS = path.join(repoRoot, "artifacts");
const DAY = 86_400_000;
const WAIT_FOR_LETTERS_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const letters = async (demo: RunningDemo): Promise<Mail[]> =>
  ((await (await fetch(`${demo.doubleUrl}/_double/mailbox.json`)).json()) as Mail[]).filter(
    (m) => (m.kind === "order_invoice" || m.kind === "draft_order_invoice") && m.customMessage,
  );
const clock = async (demo: RunningDemo) => Date.parse(((await (await fetch(`${demo.doubleUrl}/_double/clock`)).json()) as { now: string }).now);

describe("letters in the demo", () => {
  let browser: Browser;
  let demo: RunningDemo | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "quita-demo-"));

  beforeAll(async () => {
    expect(existsSync(path.join(repoRoot, "build/server/index.js")), "the app must be built first (scripts/quita test does it)").toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "GIVEN the demo WHEN 7 days pass THEN friendly letters, each with the customer's name, the order and its payment link, are in the mailbox page",
    { timeout: 300_000 },
    async () => {
      demo = await startDemo(dataDir);
      const before = new Set((await letters(demo)).map((m) => m.id));
      const start = await clock(demo);

      // WHEN a week passes in the shop, on to the next 10:00 on a working day there
      await runPrinted(`npx tsx test/shopify-double/cli.ts advance-clock --url ${demo.doubleUrl} --days 7 --to-local-hour 10`);
      const advanced = await clock(demo);
      expect(advanced - start).toBeGreaterThanOrEqual(7 * DAY);
      expect(localTime(new Date(advanced), "America/Sao_Paulo")).toMatchObject({ minutes: 10 * 60 });

      // THEN letters arrive within a bounded wait; once they stop coming for a few seconds, all are in.
      const waitStarted = Date.now();
      let fresh: Mail[] = [];
      let firstAfterMs: number | null = null;
      for (let quietSince = Date.now(); Date.now() - waitStarted < WAIT_FOR_LETTERS_MS; await sleep(1_000)) {
        const now = (await letters(demo)).filter((m) => !before.has(m.id) && Date.parse(m.sentAt) >= advanced);
        if (now.length && firstAfterMs === null) firstAfterMs = Date.now() - waitStarted;
        if (now.length !== fresh.length) quietSince = Date.now();
        fresh = now;
        if (fresh.length >= 3 && Date.now() - quietSince >= 5_000) break;
      }
      expect(fresh.length, `letters in the mailbox ${WAIT_FOR_LETTERS_MS / 1000} s after the clock moved:\n${demo.output()}`).toBeGreaterThanOrEqual(3);

      // Each is written from the shop as Shopify holds it (the double's saved world): the customer
      // by name, the order or draft it is about, where to pay it on a line of its own, and who writes.
      const world = readSavedWorld(path.join(dataDir, "shopify-double.json"))!;
      for (const mail of fresh) {
        const shop = world.store.shop(mail.shop)!;
        const [, type, id] = /^gid:\/\/shopify\/(Order|DraftOrder)\/(\d+)$/.exec(mail.resourceId)!;
        const resource = type === "Order" ? shop.orders.get(Number(id))! : shop.draftOrders.get(Number(id))!;
        const customer = shop.customers.get(resource.customerId!)!;
        const body = mail.customMessage!;
        expect(body.split("\n")[0], body).toContain(`${customer.firstName} ${customer.lastName}`);
        expect(body).toContain(resource.name);
        expect(body.split("\n")).toContain(mail.link);
        expect(body).toContain("Casa Aurora Atacado");
        // Friendly: nothing the tone check refuses as a threat or shaming, in any language.
        const tone = checkTone({ subject: mail.subject, body });
        expect(tone.ok ? [] : tone.problems.filter((p) => p.kind === "threat" || p.kind === "shame")).toEqual([]);
      }

      // The mailbox page, as the demo prints it, in Chromium: the newest letter readable as its customer reads it.
      const page = await browser.newPage({ viewport: { width: 1100, height: 1000 }, userAgent: DESKTOP_USER_AGENT });
      await page.goto(`${demo.doubleUrl}/_double/mailbox`);
      const newest = fresh[0]!;
      const article = page.locator(`article#mail-${newest.id}`);
      await article.scrollIntoViewIfNeeded();
      await expect(article.locator("header strong").innerText()).resolves.toBe(newest.subject);
      // Line breaks kept: the message reads line for line as written.
      await expect(article.locator(".message").innerText()).resolves.toBe(newest.customMessage);
      // The payment link is a link: it goes where the letter says.
      const link = article.locator(".message a", { hasText: newest.link });
      await expect(link.getAttribute("href")).resolves.toBe(newest.link);
      await expect(link.isVisible()).resolves.toBe(true);
      await expect(page.locator("article").count()).resolves.toBeGreaterThanOrEqual(fresh.length);
      await article.screenshot({ path: path.join(ARTIFACTS, "demo-mailbox-letter.png") });
      await page.screenshot({ path: path.join(ARTIFACTS, "demo-mailbox.png") });
      await page.close();
      console.log(`demo: ${fresh.length} letters in the mailbox after 7 days, the first ${((firstAfterMs ?? 0) / 1000).toFixed(1)} s after the clock moved`);
    },
  );
});
