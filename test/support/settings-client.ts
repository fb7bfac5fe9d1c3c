import { Session } from "@shopify/shopify-api";
import { mintSessionToken } from "../shopify-double/index";
import { TEST_APP } from "./app-env";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { SettingsDraft } from "../../app/.server/settings/settings-page.server";

// The Settings page as the admin's browser drives it: its loader, the save bar's
// JSON post of the whole form, and the letter preview, each with a session token
// the local Shopify double mints (authenticate.admin checks it as Shopify's would).

const bearer = (shop: string, apiSecret: string = TEST_APP.apiSecret) => `Bearer ${mintSessionToken({ shop, apiKey: TEST_APP.apiKey, apiSecret })}`;

/** A shop that installed Quita, with its offline token stored. */
export async function installShop(prisma: PrismaClient, data: Parameters<PrismaClient["shop"]["create"]>[0]["data"]): Promise<void> {
  await prisma.shop.create({ data });
  const { PrismaSessionStorage } = await import("../../app/.server/session-storage.server");
  await new PrismaSessionStorage(prisma).storeSession(
    new Session({ id: `offline_${data.domain}`, shop: data.domain, state: "", isOnline: false, scope: TEST_APP.scopes, accessToken: "shpat_test" }),
  );
}

export function settingsClient(shop: string) {
  const route = () => import("../../app/routes/app.settings");
  const request = (path: string, init: RequestInit = {}, secret?: string) =>
    new Request(`${TEST_APP.appUrl}${path}?shop=${shop}`, { ...init, headers: { authorization: bearer(shop, secret), ...init.headers } });
  const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return {
    load: async () => (await route()).loader({ request: request("/app/settings"), params: {}, context: {} }),
    /** The form as the page shows it, changed by `change`, then saved. */
    async save(change: (draft: SettingsDraft) => void, secret?: string) {
      const { settings } = await this.load();
      const draft: SettingsDraft = { ...structuredClone(settings), templates: [] };
      change(draft);
      return (await route()).action({ request: request("/app/settings", json({ intent: "save", draft }), secret), params: {}, context: {} });
    },
    postForm: async (fields: Record<string, string>) =>
      (await route()).action({
        request: request("/app/settings", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields),
        }),
        params: {},
        context: {},
      }),
    preview: async (letter: { kind: string; locale: string; subject: string; body: string }) =>
      (await import("../../app/routes/app.settings.preview")).action({ request: request("/app/settings/preview", json(letter)), params: {}, context: {} }),
  };
}
