import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../.server/webhooks/receive.server";
import { orderCreated } from "../.server/webhooks/topics.server";

export const action = ({ request }: ActionFunctionArgs) => receiveWebhook(request, orderCreated);
