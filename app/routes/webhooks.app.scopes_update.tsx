import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { recordScopes } from "../.server/shops.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, payload } = await authenticate.webhook(request);
  const current = (payload as { current?: unknown }).current;
  if (!Array.isArray(current) || !current.every((scope) => typeof scope === "string")) {
    console.error(`app/scopes_update for ${shop}: payload has no "current" scope list`);
    return new Response("payload must list the current scopes", { status: 400 });
  }
  await recordScopes(shop, current);
  return new Response();
};
