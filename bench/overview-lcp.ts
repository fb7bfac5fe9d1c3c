// The overview's Largest Contentful Paint in Chromium (bench/overview.ts): the page opened as the
// admin opens it (the library's bounce page, a session token, the page), four times in each of three
// fresh browser profiles: three cold loads, nine warm. LCP is judged at its 75th percentile, as the
// Core Web Vitals judge it (https://web.dev/articles/defining-core-web-vitals-thresholds).
// Each load also prints where its time went (the document's first byte, the first paint, the first
// contentful paint, the LCP element), to tell the server's share from the browser's.
import type { BrowserContext, Page } from "playwright-core";

/** LCP of the overview in Chromium, twelve loads (three cold), in ms from the overview document's navigation start. */
export async function largestContentfulPaints(entry: string): Promise<number[]> {
  const { launchChromium, DESKTOP_USER_AGENT } = await import("../test/support/browser");
  const browser = await launchChromium();
  const paints: number[] = [];
  let context: BrowserContext | undefined;
  try {
    for (let i = 0; i < 12; i++) {
      if (i % 4 === 0) await context?.close();
      if (i % 4 === 0) context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_USER_AGENT });
      const page = await context!.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("requestfailed", (request) => problems.push(`${request.url()} failed (from ${request.frame().url().slice(0, 60)}, ${request.resourceType()})`));
      page.on("console", (message) => void (message.type() === "error" && problems.push(message.text())));
      await page.goto(entry);
      await page.getByRole("heading", { name: "Collections", level: 1 }).waitFor();
      const chart = await page
        .locator("[data-chart] svg")
        .first()
        .waitFor({ timeout: 20_000 })
        .then(() => "drawn")
        .catch(() => "not drawn");
      if (chart === "not drawn") {
        await page.screenshot({ path: "artifacts/bench-overview-no-chart.png", fullPage: true });
        console.log(`the chart was not drawn within 20 s: ${problems.join(" | ") || "no error in the page"}`);
      }
      const load = await breakdown(page);
      console.log(
        `  load ${i + 1}${i % 4 === 0 ? " (cold)" : ""}: first byte ${load.firstByte} ms, first paint ${load.firstPaint} ms, ` +
          `first contentful paint ${load.firstContentfulPaint} ms, LCP ${load.lcp} ms (${load.element})`,
      );
      if (problems.length) console.log(`  the page reported: ${problems.join(" | ")}`);
      paints.push(load.lcp);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return paints;
}

async function breakdown(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ firstByte: number; firstPaint: number; firstContentfulPaint: number; lcp: number; element: string }>((resolve) => {
        const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        const [firstPaint, firstContentfulPaint] = ["first-paint", "first-contentful-paint"].map((name) =>
          Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN),
        );
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as PerformanceEntry & { element?: Element | null };
          resolve({
            firstByte: Math.round(navigation.responseStart),
            firstPaint: firstPaint!,
            firstContentfulPaint: firstContentfulPaint!,
            lcp: Math.round(last.startTime),
            element: `<${last.element?.tagName.toLowerCase() ?? "?"}> ${(last.element?.textContent ?? "").slice(0, 30)}…`,
          });
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
}
