import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { findShop } from "../.server/shops.server";
import { now } from "../.server/clock.server";
import { debtsOf } from "../.server/customers/customer-facts.server";
import { previewLetter } from "../.server/customers/letter-preview.server";
import { CODE_TO_COME } from "../domain/incentives/settlement-discount";
import { customerKeyOfParam, customerPath } from "../components/customer-path";
import { LetterEmail } from "../components/letter-preview/letter-email";
import { LetterChoiceForm } from "../components/letter-preview/letter-choice";
import { useT } from "../i18n/context";
import { letterPreviewMessages } from "../i18n/messages/letter-preview";
import { translate } from "../i18n/translate";
import { resolveUiLocale } from "../i18n/locales";

// The letter preview, reachable by URL (/app/customers/<key>/letter?debt=…&stage=…&lang=…):
// exactly what Quita would ask Shopify to send, written by the sender's own renderer.

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  if (!shop) throw new Response("Not Found", { status: 404 });
  const customerKey = customerKeyOfParam(params.key ?? "");
  const open = (await debtsOf(session.shop, customerKey))
    .filter((d) => d.status === "open")
    .sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.name.localeCompare(b.name));
  const preview = await previewLetter(shop, customerKey, open, new URL(request.url).searchParams, admin.graphql, await now());
  return {
    customerPath: customerPath(customerKey),
    customerName: open[0]?.customerName ?? null,
    from: shop.legalName ?? shop.name ?? session.shop,
    debts: open.map((d) => ({
      id: d.id,
      name: d.name,
      resourceGid: d.resourceGid,
    })),
    preview,
  };
};

export const meta: MetaFunction<typeof loader> = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/app")?.data as { ui?: { locale?: string } } | undefined;
  return [{ title: `${translate(letterPreviewMessages, resolveUiLocale(layout?.ui?.locale), "title")} · Quita` }];
};

export default function LetterPreviewPage() {
  const { customerPath: back, customerName, from, debts, preview } = useLoaderData<typeof loader>();
  const t = useT(letterPreviewMessages);
  // The order or draft whose Shopify email carries the letter.
  const debt = preview.ok ? debts.find((d) => d.resourceGid === preview.letter.resourceGid) : undefined;
  return (
    <Page title={t("title")} subtitle={customerName ?? undefined} backAction={{ content: t("backToCustomer"), url: back }}>
      <TitleBar title={t("title")} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Text as="p" tone="subdued">
              {t("subtitle")}
            </Text>
            {debts.length === 0 ? (
              <Card>
                <EmptyState heading={t("noOpenDebtHeading")} image="" action={{ content: t("backToCustomer"), url: back }}>
                  <p>{t("noOpenDebtText")}</p>
                </EmptyState>
              </Card>
            ) : (
              <LetterChoiceForm choice={preview.choice} stages={preview.stages} />
            )}
            {!preview.ok && preview.problem === "not_writable" && <Banner tone="warning">{t("notWritable", { reason: preview.detail ?? "" })}</Banner>}
            {preview.ok && (
              <>
                {preview.nextStageId !== null && preview.nextStageId !== preview.choice.stageId && (
                  <Text as="p" tone="subdued">
                    {t("otherStageNote")}
                  </Text>
                )}
                {preview.codeToCome && <Banner tone="info">{t("codeToCome", { placeholder: CODE_TO_COME })}</Banner>}
                <Text as="p" tone="subdued">
                  {preview.customerLocale === preview.choice.locale
                    ? t("customerLanguageNote")
                    : t("otherLanguageNote", { language: t(`lang.${preview.customerLocale}`) })}
                </Text>
                <LetterEmail
                  from={from}
                  to={preview.letter.recipient}
                  subject={preview.letter.subject}
                  body={preview.letter.body}
                  locale={preview.letter.locale}
                />
                {preview.shopifyEmail && debt && (
                  <Card>
                    <BlockStack gap="300">
                      <Text as="h2" variant="headingMd">
                        {t("shopifyEmailTitle", { name: debt.name })}
                      </Text>
                      {"error" in preview.shopifyEmail ? (
                        <Banner tone="warning">
                          {preview.shopifyEmail.error === null ? t("shopifyEmailUnanswered") : t("shopifyEmailError", { reason: preview.shopifyEmail.error })}
                        </Banner>
                      ) : (
                        <>
                          <Text as="p" tone="subdued">
                            {t("shopifyEmailText")}
                          </Text>
                          {preview.shopifyEmail.subject && (
                            <Text as="p" fontWeight="semibold">
                              {preview.shopifyEmail.subject}
                            </Text>
                          )}
                          <iframe
                            title={t("shopifyEmailFrame")}
                            sandbox=""
                            srcDoc={preview.shopifyEmail.html ?? ""}
                            style={{ width: "100%", minHeight: 480, border: "1px solid var(--p-color-border)", borderRadius: 8, background: "#fff" }}
                          />
                        </>
                      )}
                    </BlockStack>
                  </Card>
                )}
              </>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
