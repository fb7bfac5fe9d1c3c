import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../.server/webhooks/receive.server";
import { appUninstalled } from "../.server/webhooks/topics.server";

// Shopify may deliver this more than once and after the session is gone:
// marking an already-uninstalled shop again is harmless.
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, appUninstalled);
