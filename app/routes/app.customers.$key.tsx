import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { BlockStack, Card, Layout, Page, Text, Button } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { findShop } from "../.server/shops.server";
import { now } from "../.server/clock.server";
import { debtsOf, loadCustomerFacts } from "../.server/customers/customer-facts.server";
import { customerTimeline } from "../.server/customers/timeline.server";
import { runCustomerAction } from "../.server/customers/actions.server";
import { runOfferAction } from "../.server/customers/offer-action.server";
import { runTermsAction } from "../.server/customers/terms-action.server";
import { runInstallmentAction } from "../.server/customers/installment-action.server";
import { customerKeyOfParam, customerPath } from "../components/customer-path";
import { CustomerSummary } from "../components/customer/customer-summary";
import { OpenDebts } from "../components/customer/open-debts";
import { Timeline } from "../components/customer/timeline";
import { CustomerActions } from "../components/customer/customer-actions";
import { OfferDiscount } from "../components/customer/offer-discount";
import { ChangeTerms } from "../components/customer/change-terms";
import { OfferInstallments } from "../components/customer/offer-installments";
import { adminQuery } from "../components/error-page";
import { useT } from "../i18n/context";
import { customerMessages } from "../i18n/messages/customer";
import { commonMessages } from "../i18n/messages/common";
import { translate } from "../i18n/translate";
import { resolveUiLocale } from "../i18n/locales";
import { localDate } from "../domain/ledger/aging";

// A debtor's page: who they are, what they owe, everything that happened, and
// what the merchant can do (server/customers/*).

async function customerContext(request: Request, param: string | undefined) {
  const { session, admin } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  const at = await now();
  const customerKey = customerKeyOfParam(param ?? "");
  const shopFacts = { domain: session.shop, ianaTimezone: shop?.ianaTimezone ?? "UTC", locale: shop?.locale ?? "en" };
  return { shopFacts, customerKey, at, graphql: admin.graphql };
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shopFacts, customerKey, at } = await customerContext(request, params.key);
  const customer = await loadCustomerFacts(shopFacts, customerKey, at);
  if (!customer) return json({ found: false as const }, { status: 404 });
  const timeline = await customerTimeline(shopFacts.domain, customerKey, await debtsOf(shopFacts.domain, customerKey), at);
  // The shop's calendar day, where a pause's date picker starts.
  return json({ found: true as const, customer, timeline, today: localDate(at, shopFacts.ianaTimezone) });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shopFacts, customerKey, at, graphql } = await customerContext(request, params.key);
  const customer = await loadCustomerFacts(shopFacts, customerKey, at);
  if (!customer) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  if (form.get("intent") === "offer_discount") return json(await runOfferAction(form, { shopDomain: shopFacts.domain, customerKey, graphql, now: at }));
  if (form.get("intent") === "change_terms") return json(await runTermsAction(form, { shopDomain: shopFacts.domain, customerKey, graphql, now: at }));
  if (form.get("intent") === "offer_installments")
    return json(await runInstallmentAction(form, { shopDomain: shopFacts.domain, customerKey, graphql, now: at }));
  return json(await runCustomerAction(form, { shop: shopFacts, customerKey, currencies: customer.owed.billed.map((o) => o.currency), now: at }));
};

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const layout = matches.find((m) => m.id === "routes/app")?.data as { ui?: { locale?: string } } | undefined;
  const locale = resolveUiLocale(layout?.ui?.locale);
  const name = data?.found ? data.customer.contact.name : null;
  return [{ title: `${name ?? translate(customerMessages, locale, data?.found ? "pageTitle" : "notFoundTitle")} · Quita` }];
};

function NotFound() {
  const t = useT(customerMessages);
  const location = useLocation();
  return (
    <Page title={t("notFoundTitle")} narrowWidth>
      <Card>
        <BlockStack gap="300">
          <Text as="p" variant="bodyLg">
            {t("notFoundText")}
          </Text>
          <div>
            <Button variant="primary" url={`/app/debtors${adminQuery(location.search)}`}>
              {t("notFoundAction")}
            </Button>
          </div>
        </BlockStack>
      </Card>
    </Page>
  );
}

export default function CustomerPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT(customerMessages);
  const common = useT(commonMessages);
  if (!data.found) return <NotFound />;
  const { customer, timeline, today } = data;
  const title = customer.contact.name ?? (customer.customerKey.startsWith("gid://shopify/Customer/") ? common("unnamedCustomer") : common("noCustomer"));
  const isCustomer = customer.customerKey.startsWith("gid://shopify/Customer/");
  const invoices = customer.openDebts.filter((d) => d.kind === "draft_order");
  // A debt under a running installment agreement is settled by its plan: no new terms or second plan for it.
  const notAgreed = customer.openDebts.filter((d) => !d.agreement);
  const subtitle = customer.company ? [customer.company.name, customer.company.location].filter(Boolean).join(" · ") : undefined;
  return (
    <Page title={title} subtitle={subtitle} backAction={{ content: t("backToDebtors"), url: "/app/debtors" }}>
      <TitleBar title={title} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <CustomerSummary customer={customer} />
            <OpenDebts debts={customer.openDebts} today={today} />
            <Timeline entries={timeline} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <CustomerActions customer={customer} previewUrl={`${customerPath(customer.customerKey)}/letter`} />
            {(isCustomer || invoices.length > 0) && customer.openDebts.length > 0 && <OfferDiscount codeAllowed={isCustomer} invoices={invoices} />}
            {notAgreed.length > 0 && <ChangeTerms debts={notAgreed} />}
            {isCustomer && <OfferInstallments debts={notAgreed} />}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
