import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { authenticate } from "../shopify.server";
import { findShop, updateLetterIdentity } from "../.server/shops.server";
import { LETTER_LOCALES, validateLetterIdentity } from "../domain/letter-identity";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  return {
    legalName: shop.legalName ?? "",
    legalAddress: shop.legalAddress ?? "",
    taxId: shop.taxId ?? "",
    locale: shop.locale,
    timezone: shop.ianaTimezone,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "");
  const result = validateLetterIdentity({
    legalName: field("legalName"),
    legalAddress: field("legalAddress"),
    taxId: field("taxId"),
    locale: field("locale"),
  });
  if (!result.ok) return { saved: false as const, errors: result.errors };
  await updateLetterIdentity(session.shop, result.value);
  return { saved: true as const, errors: {} };
};

export default function Settings() {
  const saved = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [values, setValues] = useState(saved);
  const errors: Record<string, string | undefined> = outcome?.errors ?? {};
  const set = (name: keyof typeof values) => (value: string) => setValues({ ...values, [name]: value });
  return (
    <Page title="Settings">
      <TitleBar title="Settings" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {outcome?.saved && <Banner tone="success" title="Settings saved" />}
            <Card>
              <Form method="post">
                <FormLayout>
                  <Text as="h2" variant="headingMd">How your letters are signed</Text>
                  <TextField label="Legal name" name="legalName" value={values.legalName} onChange={set("legalName")} error={errors.legalName} autoComplete="organization" />
                  <TextField label="Address" name="legalAddress" value={values.legalAddress} onChange={set("legalAddress")} error={errors.legalAddress} autoComplete="street-address" multiline={2} />
                  <TextField label="Tax ID (CNPJ, VAT, EIN…)" name="taxId" value={values.taxId} onChange={set("taxId")} error={errors.taxId} autoComplete="off" />
                  <Select
                    label="Default letter language"
                    name="locale"
                    options={LETTER_LOCALES.map((code) => ({ label: code, value: code }))}
                    value={values.locale}
                    onChange={set("locale")}
                    error={errors.locale}
                    helpText="Used when a customer has no language of their own."
                  />
                  <Text as="p" tone="subdued">Due dates and quiet hours follow your shop's time zone: {saved.timezone}.</Text>
                  <Button submit variant="primary" loading={saving}>Save</Button>
                </FormLayout>
              </Form>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
