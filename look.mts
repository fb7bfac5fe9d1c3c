import { launchChromium, DESKTOP_USER_AGENT } from "./test/support/browser";
const Q = "embedded=1&shop=quita-demo.myshopify.com&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvcXVpdGEtZGVtbw&locale=en";
const path = process.argv[2] ?? "/app/debtors";
const shot = process.argv[3] ?? "/tmp/look/page.png";
const browser = await launchChromium();
const page = await (await browser.newContext({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1400, height: 1000 } })).newPage();
const errors: string[] = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
await page.goto(`http://127.0.0.1:3000${path}${path.includes("?") ? "&" : "?"}${Q}`, { waitUntil: "networkidle" });
const actions = process.argv.slice(4);
for (const a of actions) {
  const [kind, ...rest] = a.split("=");
  const arg = rest.join("=");
  if (kind === "click") await page.getByRole("button", { name: arg }).first().click();
  if (kind === "select") { const [label, value] = arg.split("|"); await page.getByLabel(label, { exact: true }).selectOption({ label: value }); }
  if (kind === "selectv") { const [label, value] = arg.split("|"); await page.getByLabel(label, { exact: true }).selectOption(value); }
  if (kind === "fill") { const [label, value] = arg.split("|"); await page.getByLabel(label, { exact: true }).first().fill(value); }
  if (kind === "link") { await page.getByRole("link", { name: arg }).first().click(); await page.getByRole("heading", { name: "Timeline" }).first().waitFor({ timeout: 20000 }); await page.waitForTimeout(500); }
  if (kind === "wait") await page.waitForTimeout(Number(arg));
  if (kind === "text") await page.getByText(arg).first().waitFor({ timeout: 20000 });
}
await page.screenshot({ path: shot, fullPage: true });
console.log((await page.locator("body").innerText()).slice(0, 6000));
console.log("ERRORS:", errors);
await browser.close();
