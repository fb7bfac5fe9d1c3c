import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { databaseKinds } from "../support/database";
import { startShopOnDouble, type ShopOnDouble } from "../support/shop-on-double";
import { applyWebhooks } from "../support/webhooks";
import { runJobs } from "../support/jobs";
import { advanceToShopHour } from "../support/shop-time";
import { settingsClient } from "../support/settings-client";

// In Brazil every collection letter must carry the merchant's legal name, address and CNPJ/CPF
// (CDC art. 42-A). Shopify gives Quita the name and the address, never the CNPJ: until the merchant
// fills it in, no letter is written, the pages say why, and once it is there the letters due go out
// signed with it.

describe.each(databaseKinds())("letters wait for the merchant's legal details (%s)", (kind) => {
  let setup: ShopOnDouble | undefined;

  beforeEach(async () => {
    setup = await startShopOnDouble(kind, { webhookRetryDelayScale: 0.0001 });
    await setup.double.webhooks.drain();
    await applyWebhooks();
  });
  afterEach(() => setup?.close());

  it("writes none while a Brazilian shop has no CNPJ in Settings, then sends the letters due with it", async () => {
    const { prisma, double, graphql, shopDomain: shop } = setup!;
    // GIVEN the seeded shop in São Paulo, installed, its CNPJ not filled in yet
    await prisma.shop.update({ where: { domain: shop }, data: { taxId: null } });
    advanceToShopHour(double, 10);
    const { runCollectionPass } = await import("../../app/.server/reminders/planning.server");
    const { sendNextReminderNow } = await import("../../app/.server/reminders/send-now.server");
    const mails = () => double.mailbox.list().filter((m) => m.kind === "order_invoice" || m.kind === "draft_order_invoice");
    const jobs = () => runJobs({ graphqlFor: async () => graphql });

    // WHEN a collections pass runs, and the merchant asks for a letter now
    const held = await runCollectionPass(shop, double.clock.now());
    const someone = await prisma.receivable.findFirstOrThrow({ where: { shopDomain: shop, status: "open", customerGid: { not: null } } });
    const [refused] = await sendNextReminderNow(shop, [someone.customerGid!], double.clock.now());
    await jobs();

    // THEN no letter is written or sent, and Settings says what is missing and why
    expect(held).toMatchObject({ planned: 0, identityMissing: ["taxId"] });
    expect(refused).toMatchObject({ outcome: "refused", reason: "identity_missing" });
    expect(await prisma.reminder.count({ where: { shopDomain: shop } })).toBe(0);
    expect(mails()).toHaveLength(0);
    const client = settingsClient(shop);
    expect((await client.load()).lettersOnHold).toEqual({ missing: ["taxId"], brazil: true });

    // WHEN the merchant saves the CNPJ in Settings
    const saved = await client.save((draft) => {
      draft.identity.taxId = "12.345.678/0001-90";
    });
    expect(saved).toMatchObject({ saved: true });
    expect((await client.load()).lettersOnHold).toBeNull();
    const pass = await runCollectionPass(shop, double.clock.now());
    await jobs();

    // THEN the letters due go out, each signed with the name, the address and the CNPJ
    expect(pass.planned).toBeGreaterThan(0);
    expect(pass.identityMissing).toBeUndefined();
    const sent = mails();
    expect(sent.length).toBeGreaterThan(0);
    const { legalName, legalAddress } = await prisma.shop.findUniqueOrThrow({ where: { domain: shop } });
    for (const mail of sent) {
      expect(mail.customMessage).toContain("CNPJ: 12.345.678/0001-90");
      expect(mail.customMessage).toContain(legalName!);
      expect(mail.customMessage).toContain(legalAddress!.split("\n")[0]);
    }
  });
});
