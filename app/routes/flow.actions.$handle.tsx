import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { now } from "../.server/clock.server";
import { answerFlowAction } from "../.server/flow/actions.server";
import { flowSignatureValid } from "../.server/flow/signature.server";

// Shopify Flow runs Quita's actions here: the runtime_url of each flow_action extension under
// extensions/ (docs/decisions/015). Signature, then Shopify's own checks and the shop's session,
// then the action, answered as app/.server/flow/actions.server.ts says.

export const action = async ({ request, params }: ActionFunctionArgs) => {
  if (request.method === "POST" && !(await flowSignatureValid(request))) {
    console.warn(`flow action ${params.handle ?? ""}: refused a request without a valid signature`);
    return Response.json({ message: "The request is not signed by Shopify Flow" }, { status: 401 });
  }
  const { session, payload, admin } = await authenticate.flow(request);
  const answer = await answerFlowAction({ shopDomain: session.shop, handle: params.handle ?? "", payload, graphql: admin.graphql }, await now());
  return Response.json(answer.body, { status: answer.status });
};
