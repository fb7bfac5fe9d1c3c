import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { login } from "../shopify.server";

// Outside the Shopify admin: send a merchant who names a shop into the app,
// otherwise ask which shop to install Quita on.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return { showForm: Boolean(login) };
};

export default function Landing() {
  const { showForm } = useLoaderData<typeof loader>();
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "64px auto", lineHeight: 1.5 }}>
      <h1>Quita — friendly collections</h1>
      <p>Quita follows your unpaid B2B orders and invoiced draft orders, and reminds customers kindly, with a link to pay and an offer to settle.</p>
      {showForm && (
        <Form method="post" action="/auth/login">
          <label>
            Shop domain <input type="text" name="shop" placeholder="my-shop.myshopify.com" />
          </label>{" "}
          <button type="submit">Install</button>
        </Form>
      )}
    </main>
  );
}
