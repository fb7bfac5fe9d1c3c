import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../.server/webhooks/receive.server";
import { orderEdited } from "../.server/webhooks/topics.server";

// The body names the order but not its new amounts: a job reads it again.
export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, orderEdited);
