import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { dataRequestFile } from "../.server/ledger/data-requests.server";

// A customer's data export (customers/data_request), as a JSON file for the
// merchant to send the customer. Only the shop it belongs to can read it.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const file = await dataRequestFile(session.shop, params.id ?? "");
  if (!file) throw new Response("This data request does not exist, or its data was erased on the customer's request.", { status: 404 });
  return new Response(file.body, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${file.name}"`, "Cache-Control": "no-store" },
  });
};
