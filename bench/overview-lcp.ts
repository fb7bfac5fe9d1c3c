// The overview's Largest Contentful Paint in Chromium (bench/overview.ts): the page opened as the
// admin opens it (the library's bounce page, a session token, the page), five times, the first cold.

/** LCP of the overview in Chromium, five loads (the first cold), in ms from the overview document's navigation start. */
export async function largestContentfulPaints(entry: string): Promise<number[]> {
  const { launchChromium, DESKTOP_USER_AGENT } = await import("../test/support/browser");
  const browser = await launchChromium();
  const paints: number[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_USER_AGENT });
    for (let i = 0; i < 5; i++) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
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
      paints.push(
        await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              new PerformanceObserver((list) => resolve(Math.round(list.getEntries().at(-1)!.startTime))).observe({
                type: "largest-contentful-paint",
                buffered: true,
              });
            }),
        ),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return paints;
}
