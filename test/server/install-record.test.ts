import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";

// One clock (issue #7): the install date the app records is business time, as
// every other date it shows, so in the demo and the tests it is the double's.

describe("recording an install", () => {
  const businessNow = new Date("2025-03-01T12:00:00Z");
  let setup: ShopOnDouble | undefined;

  beforeAll(async () => {
    setup = await startShopOnDouble("pglite", { now: businessNow, deliverWebhooks: false, backfill: false });
  });
  afterAll(() => setup?.close());

  it("GIVEN the double's clock on 1 March 2025 WHEN the app is installed THEN the shop's install date is that day, not the machine's", async () => {
    const shop = await setup!.prisma.shop.findUniqueOrThrow({ where: { domain: setup!.shopDomain } });
    expect(Math.abs(shop.installedAt.getTime() - businessNow.getTime())).toBeLessThan(10 * 60_000);
  });
});
