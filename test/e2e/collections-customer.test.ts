import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../support/admin-schema";
import { DESKTOP_USER_AGENT, launchChromium } from "../support/browser";
import { seriousAccessibilityViolations } from "../support/axe";
import { sharedDemo } from "./shared-demo";
import type { SharedDemoUrls } from "../support/shared-demo-setup";
import { formatLocaleFor } from "../../app/domain/letters/locale";

// A customer's page on the demo, as a merchant uses it: open an overdue
// customer, record their promise to pay and see it on the timeline, pause the reminders for one of
// their orders, offer them a settlement
// discount, then preview the letter they would get in Portuguese and in Spanish.
describe("the customer page and the letter preview in a real browser", () => {
  let demo: SharedDemoUrls;
  let browser: Browser;
  let page: Page;
  const shots = path.join(repoRoot, "artifacts");
  const pageErrors: string[] = [];

  beforeAll(async () => {
    demo = await sharedDemo();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_USER_AGENT });
    page.setDefaultTimeout(20_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    mkdirSync(shots, { recursive: true });
    // The overview lists the longest-late customers first, each a link to their page: the first is overdue.
    await page.goto(demo.url);
    const first = page.locator("a[href^='/app/customers/']").first();
    await first.waitFor({ timeout: 30_000 });
    customer = { pathname: (await first.getAttribute("href"))!.split("?")[0]!, name: (await first.innerText()).trim() };
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a page and waits for React to own it: a click before that would post the form natively, not through Remix. */
  const open = async (url: string, heading: string) => {
    await page.goto(url);
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
    await page.waitForFunction(() => {
      const button = document.querySelector("button");
      return Boolean(button && Object.keys(button).some((key) => key.startsWith("__reactFiber")));
    });
  };
  const expectAccessible = async () => expect(await seriousAccessibilityViolations(page)).toEqual([]);
  /** The demo URL with another path and admin locale, keeping shop, host and the rest. */
  const at = (pathname: string, locale: string, extra: Record<string, string> = {}) => {
    const target = new URL(demo.url);
    target.pathname = pathname;
    target.searchParams.set("locale", locale);
    for (const [k, v] of Object.entries(extra)) target.searchParams.set(k, v);
    return target.toString();
  };
  let customer: { pathname: string; name: string };

  it("opens an overdue customer from the overview: contact, what they owe, admin links, the timeline", async () => {
    await open(demo.url, "Collections");
    await page.locator(`a[href^='${customer.pathname}']`).first().click();
    await page.getByRole("heading", { name: customer.name, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/app\/customers\/\d+$/);
    await expect.poll(() => page.title()).toBe(`${customer.name} · Quita`);

    await expect(page.getByText("Overdue", { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(/^Billed in BRL$/).isVisible()).resolves.toBe(true);
    await expect(
      page
        .getByText(/^R\$[\d,]+\.\d{2}$/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    // Each open order links to its page in Shopify's admin; the App Bridge stand-in says where the admin goes.
    const adminLink = page.locator("a[href^='shopify://admin/orders/']").first();
    const href = (await adminLink.getAttribute("href"))!;
    await adminLink.click();
    const notice = page.locator(".quita-double-admin-link");
    await notice.waitFor();
    await expect(notice.getAttribute("data-admin-path")).resolves.toBe(`/admin/orders/${href.split("/").pop()}`);
    expect(new URL(page.url()).pathname).toBe(customer.pathname);
    // The timeline tells the order's story, newest first: it was placed, then it fell due.
    const entries = page.locator("li[data-entry-kind]");
    const kinds = await entries.evaluateAll((items) => items.map((li) => li.getAttribute("data-entry-kind")));
    expect(kinds).toContain("order_placed");
    // The demo starts with a settlement discount offered to the customer longest overdue: this one.
    expect(kinds).toContain("offer");
    expect(kinds.indexOf("due")).toBeLessThan(kinds.lastIndexOf("order_placed"));
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "customer-page.png"), fullPage: true });
  }, 90_000);

  it("records a promise to pay: a date in the past is refused next to the field, then the promise shows on the timeline", async () => {
    await open(at(customer.pathname, "en"), customer.name);
    const promise = page.locator("form", { has: page.getByRole("button", { name: "Record promise" }) });
    await promise.getByLabel("Will pay by").fill("2020-01-15");
    await promise.getByLabel("Amount").fill("1.250,00x");
    await promise.getByRole("button", { name: "Record promise" }).click();
    await promise.getByText("Choose today or a later date.").waitFor();
    await expect(promise.getByText("Enter the amount as a number, like 1,250.00.").isVisible()).resolves.toBe(true);

    // A week from the shop's today (the demo's clock), in the shop's calendar.
    const clock = (await (await fetch(`${demo.doubleUrl}/_double/clock`)).json()) as { now: string };
    const day = new Date(new Date(clock.now).getTime() + 7 * 86_400_000);
    const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(day);
    await promise.getByLabel("Will pay by").fill(iso);
    await promise.getByLabel("Amount").fill("500");
    // Billed in more than one currency: the promise is in the one chosen.
    if (await promise.getByLabel("Currency").count()) await promise.getByLabel("Currency").selectOption("BRL");
    await promise.getByRole("button", { name: "Record promise" }).click();
    const shown = new Intl.DateTimeFormat("en", { timeZone: "America/Sao_Paulo", dateStyle: "medium" }).format(day);
    const entry = page.locator("li[data-entry-kind='hold_started']").first();
    await entry.getByText(`Promised to pay R$500.00 by ${shown}`).waitFor();
    // Newest first: the promise heads the timeline, and the customer now reads as promised, letters held.
    await expect(page.locator("li[data-entry-kind]").first().getAttribute("data-entry-kind")).resolves.toBe("hold_started");
    await expect(page.getByText("Promised to pay", { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(`Promise: R$500.00 by ${shown}`).isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "customer-promise.png"), fullPage: true });
  }, 90_000);

  it("pauses the reminders for one order from its row, with a note: the row and the timeline say until when, and it resumes", async () => {
    await open(at(customer.pathname, "en"), customer.name);
    const pauseButton = page.getByRole("button", { name: "Pause reminders for this order" });
    const row = page.getByRole("row").filter({ has: pauseButton }).first();
    const debtName = (await row.getByRole("link").first().innerText()).split(" · ")[0]!.trim();
    await row.getByRole("button", { name: "Pause reminders for this order" }).click();
    const dialog = page.getByRole("dialog", { name: `Pause reminders for ${debtName}` });
    // A week from the shop's today (the demo's clock) unless another day is chosen.
    const clock = (await (await fetch(`${demo.doubleUrl}/_double/clock`)).json()) as { now: string };
    const day = new Date(new Date(clock.now).getTime() + 7 * 86_400_000);
    const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(day);
    await expect(dialog.getByLabel("Paused until").inputValue()).resolves.toBe(iso);
    await dialog.getByLabel("Note (optional)").fill("Disputed delivery");
    await dialog.getByRole("button", { name: "Pause", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });

    const shown = new Intl.DateTimeFormat("en", { timeZone: "America/Sao_Paulo", dateStyle: "medium" }).format(day);
    const pausedRow = page.getByRole("row").filter({ hasText: debtName }).first();
    await pausedRow.getByText(`Paused until ${shown}`).waitFor();
    await expect(pausedRow.getByText("Disputed delivery").isVisible()).resolves.toBe(true);
    const entry = page.locator("li[data-entry-kind='hold_started']").first();
    await entry.getByText(`Reminders about ${debtName} paused until ${shown}`).waitFor();
    await expect(entry.getByText("Note: Disputed delivery").isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "customer-debt-pause.png"), fullPage: true });

    await pausedRow.getByRole("button", { name: "Resume" }).click();
    await page.locator("li[data-entry-kind='hold_ended']").first().getByText(`Reminders about ${debtName} resumed`).waitFor();
    await expect(pausedRow.getByRole("button", { name: "Pause reminders for this order" }).isVisible()).resolves.toBe(true);
  }, 90_000);

  it("offers a settlement discount: above the shop's limit it is refused next to the field, within it Shopify makes a code, shown and on the timeline", async () => {
    await open(at(customer.pathname, "en"), customer.name);
    const offer = page.locator("form", { has: page.getByRole("button", { name: "Offer discount" }) });
    // The demo shop allows up to 5 % (Settings' default).
    await offer.getByLabel("Value").fill("8");
    await offer.getByRole("button", { name: "Offer discount" }).click();
    await offer.getByText("Enter a whole number from 1 to 5.").waitFor();
    await offer.getByLabel("Value").fill("5");
    await offer.getByRole("button", { name: "Offer discount" }).click();
    const made = page.getByText(/^Offered: code QUITA-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}, 5% off, until .+\./);
    await made.waitFor();
    const code = /QUITA-[0-9A-Z-]{14}/.exec(await made.innerText())![0];
    await page.locator("li[data-entry-kind='offer']").getByText(`Settlement discount offered: 5% off with the code ${code}`, { exact: false }).waitFor();
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "customer-offer.png"), fullPage: true });
  }, 90_000);

  const letterBody = async () => (await page.locator("[data-letter-body]").innerText()).split("\n").map((l) => l.trim());

  it("previews the letter in Portuguese and in Spanish, each in its language, the amount billed written for it, the payment link on its own line", async () => {
    await open(at(`${customer.pathname}/letter`, "pt-BR", { stage: "late-3", lang: "pt-BR" }), "Prévia da carta");
    await expect.poll(() => page.title()).toBe("Prévia da carta · Quita");
    const portuguese = await letterBody();
    expect(portuguese[0]).toMatch(/^Olá, .+,$/);
    // Which of the customer's debts the letter lists depends on what the tests before did (a pause
    // while a pass ran leaves a letter planned without the paused order): any currency billed, then.
    const billed = portuguese.join("\n").match(/(R\$|US\$|€)\s?([\d.]+,\d{2})/);
    expect(billed, "the amount in the currency billed, written the Brazilian way").not.toBeNull();
    const currency = ({ R$: "BRL", US$: "USD", "€": "EUR" } as Record<string, string>)[billed![1]!]!;
    const link = portuguese.find((line) => /^https?:\/\/\S+$/.test(line));
    expect(link, "the payment link on a line of its own").toBeDefined();
    expect(portuguese.join("\n")).toContain("Casa Aurora Atacado"); // signed with the merchant's legal identity
    // The renderer writes lines of at most 100 characters: each shows whole, not broken a second time by a narrow column.
    const brokenAgain = await page
      .locator("[data-letter-body] > div")
      .evaluateAll((lines) =>
        lines
          .filter(
            (line) => !/^https?:\/\//.test(line.textContent ?? "") && line.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(line).lineHeight),
          )
          .map((line) => line.textContent),
      );
    expect(brokenAgain).toEqual([]);
    await expect(page.locator("[data-letter-subject]").innerText()).resolves.toMatch(/Não identificamos o pagamento|pagamento/i);
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "letter-preview-pt-BR.png"), fullPage: true });

    // The same letter in Spanish, chosen on the page (the admin still in Spanish for the screenshot).
    await open(at(`${customer.pathname}/letter`, "es", { stage: "late-3" }), "Vista previa de la carta");
    await expect.poll(() => page.title()).toBe("Vista previa de la carta · Quita");
    await page.getByLabel("Idioma").selectOption("es");
    await page.getByRole("button", { name: "Mostrar" }).click();
    await page.waitForURL(/lang=es/);
    await page.locator("[data-letter-body]").getByText(/^Hola/).waitFor();
    const spanish = await letterBody();
    expect(spanish[0]).toMatch(/^Hola, .+,$/);
    const amount = billed![2]!.replace(/\./g, "").replace(",", ".");
    const inSpanish = new Intl.NumberFormat(formatLocaleFor("es", "es"), { style: "currency", currency }).format(amount as unknown as number);
    expect(spanish.join("\n")).toContain(inSpanish);
    expect(spanish).toContain(link);
    expect(spanish.join("\n")).toContain("Casa Aurora Atacado");
    await expect(page.getByText("No es el idioma del cliente", { exact: false }).isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "letter-preview-es.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("answers an unknown customer with a page that leads back to Debtors", async () => {
    await page.goto(at("/app/customers/999999999", "en"));
    await page.getByRole("heading", { name: "Customer not found", level: 1 }).waitFor();
    await expect.poll(() => page.title()).toBe("Customer not found · Quita");
    await expect(page.getByRole("link", { name: "Go to Debtors" }).isVisible()).resolves.toBe(true);
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "customer-not-found.png"), fullPage: true });
  }, 60_000);

  it("gives more time to pay: a date past the shop's limit is refused next to the field, a date within it moves the order's due date, said on the timeline", async () => {
    // Another late customer than the other tests' (the overview's last most-overdue link): their debt stays late for them.
    await page.goto(demo.url);
    const last = page.locator("a[href^='/app/customers/']").last();
    await last.waitFor({ timeout: 30_000 });
    const other = { pathname: (await last.getAttribute("href"))!.split("?")[0]!, name: (await last.innerText()).trim() };
    await open(at(other.pathname, "en"), other.name);
    const terms = page.locator("form", { has: page.getByRole("button", { name: "Move due date" }) });
    // The demo shop allows 30 more days (Settings' default), counted from today for a late debt.
    await terms.getByLabel("New due date").fill("2099-01-01");
    await terms.getByRole("button", { name: "Move due date" }).click();
    await terms
      .getByText(/^Your limit is 30 days more, so .+ at the latest \(Settings\)\.$/)
      .waitFor({ timeout: 30_000 })
      .catch(async (error: Error) => {
        // Say what the form said instead, for whoever reads the failure.
        throw new Error(`${error.message}\nthe form reads: ${(await terms.innerText()).replace(/\s+/g, " ")}`);
      });
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo" }).format(new Date());
    const inTenDays = new Date(Date.parse(`${today}T12:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
    await terms.getByLabel("New due date").fill(inTenDays);
    await terms.getByRole("button", { name: "Move due date" }).click();
    await page.getByText(/^#\d+ is now due .+\. Reminders will follow the new date\.$/).waitFor();
    await page
      .locator("li[data-entry-kind='ledger']")
      .getByText(/^New payment terms: #\d+ is now due .+ \(was .+\)$/)
      .first()
      .waitFor();
    await expectAccessible();
    await page.screenshot({ path: path.join(shots, "customer-more-time.png"), fullPage: true });
  }, 90_000);
});
