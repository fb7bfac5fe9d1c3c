import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { repoRoot } from "../support/admin-schema";
import { TEST_APP } from "../support/app-env";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { mintSessionToken } from "../shopify-double/index";

// What a merchant sees when a page's loader fails, rendered by the built app as in production:
// a Polaris page titled by what happened, with a sentence and a next step, answered 500, and
// nothing of the error itself (no stack, no SQL, no class name) in the page.

const buildFile = path.join(repoRoot, "build/server/index.js");

describe.runIf(existsSync(buildFile))("error pages of the built app", () => {
  let setup: ShopOnDouble | undefined;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { deliverWebhooks: false });
    const { createRequestHandler } = await import("@remix-run/node");
    const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;
    const handler = createRequestHandler(build, "production");
    handle = (request) => handler(request);
  }, 120_000);
  afterAll(() => setup?.close());

  const page = (pathname: string) => {
    const { shopDomain: shop } = setup!;
    const token = mintSessionToken({ shop, apiKey: TEST_APP.apiKey, apiSecret: TEST_APP.apiSecret });
    return handle(new Request(`${TEST_APP.appUrl}${pathname}?shop=${shop}&embedded=1&locale=en`, { headers: { authorization: `Bearer ${token}` } }));
  };

  it("GIVEN a customer page whose loader throws (its table gone) THEN a 500 Polaris page 'Something went wrong', with no stack text", async () => {
    const { prisma } = setup!;
    const debt = await prisma.receivable.findFirstOrThrow({ where: { customerGid: { not: null } } });
    const id = debt.customerGid!.split("/").pop();
    // The page works first
    expect((await page(`/app/customers/${id}`)).status).toBe(200);

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await prisma.$executeRawUnsafe(`ALTER TABLE "Receivable" RENAME TO "Receivable_away"`);
    try {
      const response = await page(`/app/customers/${id}`);
      const html = await response.text();
      expect(response.status).toBe(500);
      expect(html).toMatch(/<title>Something went wrong · Quita<\/title>/);
      expect(html).toContain("Polaris-Page");
      expect(html).toContain("Quita could not show this page.");
      expect(html).toContain("Try again; if it keeps happening, open Quita again from your Shopify admin.");
      // Nothing of the error: no stack frames, no database words, no error class
      expect(html).not.toMatch(/\n\s+at |\bat [\w.]+ \(|Receivable_away|PrismaClient|Invalid `prisma|does not exist|Error:/);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "Receivable_away" RENAME TO "Receivable"`);
      logged.mockRestore();
    }
  });
});
