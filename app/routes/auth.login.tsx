import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { LoginErrorType } from "@shopify/shopify-app-remix/server";
import { login } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

const messages: Record<string, string> = {
  [LoginErrorType.MissingShop]: "Please enter your shop domain to log in",
  [LoginErrorType.InvalidShop]: "Please enter a valid shop domain to log in",
};

async function loginErrors(request: Request) {
  const result = await login(request);
  return { shopError: "shop" in result && result.shop ? messages[result.shop] : undefined };
}

export const loader = async ({ request }: LoaderFunctionArgs) => loginErrors(request);
export const action = async ({ request }: ActionFunctionArgs) => loginErrors(request);

export default function Login() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const error = (actionData ?? loaderData).shopError;
  return (
    <PolarisAppProvider i18n={polarisTranslations}>
      <Page>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h2">
                Log in
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error}
              />
              <Button submit>Log in</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisAppProvider>
  );
}
