import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

// Debian's Chromium (the test command installs it); Playwright cannot download its own here.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// A desktop browser's user agent: Shopify's library answers 410 to requests
// that look like bots, and headless Chromium says "HeadlessChrome".
export const DESKTOP_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run the tests through scripts/quita test, which installs it`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
