import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { recordUninstall } from "../.server/shops.server";

// Shopify may deliver this more than once and after the session is gone:
// marking an already-uninstalled shop again is harmless.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  await recordUninstall(shop, new Date());
  return new Response();
};
