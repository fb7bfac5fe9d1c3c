import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import type { PrismaClient } from "../../app/generated/prisma/client";
// Types only: the module itself is imported once the test has set the environment.
import type { PrismaSessionStorage } from "../../app/.server/session-storage.server";

describe.each(databaseKinds())("Shopify sessions on the Prisma 7 client (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let storage: PrismaSessionStorage;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    prisma = await useAppDatabase(database);
    const { PrismaSessionStorage } = await import("../../app/.server/session-storage.server");
    storage = new PrismaSessionStorage(prisma);
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database.close();
  });

  it("stores an offline session and loads it back with its token and scopes", async () => {
    // GIVEN the offline session token exchange produces
    const offline = new Session({
      id: "offline_aurora.myshopify.com",
      shop: "aurora.myshopify.com",
      state: "",
      isOnline: false,
      scope: "read_orders,write_orders",
      accessToken: "shpat_1",
    });
    // WHEN it is stored and loaded
    await storage.storeSession(offline);
    const loaded = await storage.loadSession(offline.id);
    // THEN the library gets the same session back
    expect(loaded?.accessToken).toBe("shpat_1");
    expect(loaded?.isOnline).toBe(false);
    expect(loaded?.isScopeIncluded(["read_orders"])).toBe(true);
    expect(loaded?.onlineAccessInfo).toBeUndefined();
  });

  it("keeps the staff member of an online session and replaces a session stored twice", async () => {
    const expires = new Date(Date.now() + 3_600_000);
    const online = new Session({
      id: "aurora.myshopify.com_42",
      shop: "aurora.myshopify.com",
      state: "s",
      isOnline: true,
      scope: "read_orders",
      accessToken: "old",
      expires,
    });
    online.onlineAccessInfo = {
      expires_in: 3600,
      associated_user_scope: "read_orders",
      associated_user: {
        id: 42,
        first_name: "Ana",
        last_name: "Lima",
        email: "ana@aurora.test",
        email_verified: true,
        account_owner: true,
        locale: "pt-BR",
        collaborator: false,
      },
    };
    await storage.storeSession(online);
    online.accessToken = "new";
    await storage.storeSession(online);

    const loaded = await storage.loadSession(online.id);
    expect(loaded?.accessToken).toBe("new");
    expect(loaded?.expires?.getTime()).toBe(expires.getTime());
    expect(loaded?.onlineAccessInfo?.associated_user).toMatchObject({ id: 42, first_name: "Ana", locale: "pt-BR", account_owner: true });
    expect(await prisma.session.count({ where: { id: online.id } })).toBe(1);
  });

  it("finds a shop's sessions and deletes them", async () => {
    // GIVEN a shop (of this test's own) with an offline and an online session, and another shop's session
    const shop = "lagoa.myshopify.com";
    await storage.storeSession(new Session({ id: `offline_${shop}`, shop, state: "", isOnline: false, scope: "read_orders", accessToken: "shpat_2" }));
    await storage.storeSession(new Session({ id: `${shop}_7`, shop, state: "s", isOnline: true, scope: "read_orders", accessToken: "online" }));
    await storage.storeSession(new Session({ id: "offline_serra.myshopify.com", shop: "serra.myshopify.com", state: "", isOnline: false, accessToken: "t" }));
    // WHEN its sessions are looked up and deleted
    const found = await storage.findSessionsByShop(shop);
    expect(found.map((s) => s.id).sort()).toEqual([`${shop}_7`, `offline_${shop}`]);
    await storage.deleteSessions(found.map((s) => s.id));
    // THEN they are gone, the other shop's is not, and deleting what was never stored is no error
    expect(await storage.loadSession(`offline_${shop}`)).toBeUndefined();
    expect(await storage.loadSession("offline_serra.myshopify.com")).toBeDefined();
    expect(await storage.deleteSession("never-stored")).toBe(true);
  });
});
