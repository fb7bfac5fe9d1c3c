import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { findShop } from "../.server/shops.server";
import { now } from "../.server/clock.server";
import { findDebtors, openCurrencies } from "../.server/collections/debtors.server";
import { runDebtorsBulkAction, type BulkOutcome } from "../.server/collections/debtor-actions.server";
import { daysOverdue, localDate, zoneOrUtc } from "../domain/ledger/aging";
import { isFiltered, parseDebtorQuery } from "../components/debtors/debtor-query";
import { DebtorsFilters } from "../components/debtors/debtors-filters";
import { DebtorsTable } from "../components/debtors/debtors-table";
import { PauseModal } from "../components/debtors/pause-modal";
import { useBulkOutcomeText } from "../components/debtors/bulk-outcome";
import { useT } from "../i18n/context";
import { debtorsMessages } from "../i18n/messages/debtors";
import { translate } from "../i18n/translate";
import { resolveUiLocale } from "../i18n/locales";

// Everyone who owes the shop, filtered, sorted and paged as the URL says (server/collections/debtors.server.ts).

async function shopContext(request: Request) {
  const { session } = await authenticate.admin(request);
  const [shop, at] = await Promise.all([findShop(session.shop), now()]);
  const facts = {
    domain: session.shop,
    ianaTimezone: zoneOrUtc(shop?.ianaTimezone ?? "UTC"),
    settings: shop?.settings ?? {},
    currencyCode: shop?.currencyCode ?? null,
  };
  return { facts, at };
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { facts, at } = await shopContext(request);
  const query = parseDebtorQuery(new URL(request.url).searchParams);
  const [page, currencies] = await Promise.all([findDebtors(facts, at, query), openCurrencies(facts.domain)]);
  return {
    query,
    currencies,
    today: localDate(at, facts.ianaTimezone),
    page: { ...page, rows: page.rows.map((r) => ({ ...r, daysOverdue: r.oldestDueAt ? daysOverdue(r.oldestDueAt, at, facts.ianaTimezone) : null })) },
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { facts, at } = await shopContext(request);
  return runDebtorsBulkAction(await request.formData(), facts, at);
};

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/app")?.data as { ui?: { locale?: string } } | undefined;
  return [{ title: `${translate(debtorsMessages, resolveUiLocale(layout?.ui?.locale), "pageTitle")} · Quita` }];
};

export default function DebtorsPage() {
  const { query, currencies, today, page } = useLoaderData<typeof loader>();
  const t = useT(debtorsMessages);
  const shopify = useAppBridge();
  const navigation = useNavigation();
  const [params, setParams] = useSearchParams();
  const fetcher = useFetcher<BulkOutcome>();
  const outcomeText = useBulkOutcomeText();
  const [pausing, setPausing] = useState<string[] | null>(null);

  const submit = (intent: string, keys: string[], until?: string) => {
    const form = new FormData();
    form.set("intent", intent);
    for (const key of keys) form.append("customerKey", key);
    if (until) form.set("until", until);
    fetcher.submit(form, { method: "post" });
  };
  const outcome = fetcher.state === "idle" ? fetcher.data : undefined;
  const dateError = outcome?.intent === "error" && outcome.error.startsWith("date") ? outcomeText(outcome) : null;
  useEffect(() => {
    if (!outcome || (outcome.intent === "error" && pausing)) return;
    setPausing(null);
    shopify.toast.show(outcomeText(outcome), { isError: outcome.intent === "error" });
    // Once per answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outcome]);

  const goTo = (cursor: "after" | "before", value: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    if (value) next.set(cursor, value);
    setParams(next, { preventScrollReset: true });
  };
  const clearFilters = () => {
    const next = new URLSearchParams(params);
    for (const name of ["bucket", "status", "currency", "b2b", "q", "after", "before"]) next.delete(name);
    setParams(next);
  };

  const nobodyOwes = page.total === 0 && !isFiltered(query) && !query.after && !query.before;
  return (
    <Page
      title={t("pageTitle")}
      // Filtered, the count is of those that match: "0 customers owe you money" under a filter read as nobody owing.
      subtitle={nobodyOwes ? undefined : t(isFiltered(query) ? "subtitleFiltered" : "subtitle", { count: page.total })}
      fullWidth
    >
      <TitleBar title={t("pageTitle")} />
      <Layout>
        <Layout.Section>
          {nobodyOwes ? (
            <Card>
              <EmptyState heading={t("emptyHeading")} image="">
                <p>{t("emptyText")}</p>
              </EmptyState>
            </Card>
          ) : (
            <Card padding="0">
              <DebtorsFilters query={query} currencies={currencies} />
              {page.rows.length === 0 ? (
                <EmptyState heading={t("noMatchHeading")} image="" action={{ content: t("clearFilters"), onAction: clearFilters }}>
                  <p>{t("noMatchText")}</p>
                </EmptyState>
              ) : (
                <DebtorsTable
                  debtors={page.rows}
                  loading={navigation.state === "loading" || fetcher.state !== "idle"}
                  bulk={{ onPause: setPausing, onResume: (keys) => submit("resume", keys), onSend: (keys) => submit("send", keys) }}
                  pagination={{
                    hasPrevious: Boolean(page.previousCursor),
                    onPrevious: () => goTo("before", page.previousCursor),
                    hasNext: Boolean(page.nextCursor),
                    onNext: () => goTo("after", page.nextCursor),
                    label: t("pageLabel", { shown: page.rows.length, total: page.total }),
                  }}
                />
              )}
            </Card>
          )}
        </Layout.Section>
      </Layout>
      <PauseModal
        open={pausing !== null}
        count={pausing?.length ?? 0}
        today={today}
        error={dateError}
        busy={fetcher.state !== "idle"}
        onClose={() => setPausing(null)}
        onPause={(until) => submit("pause", pausing ?? [], until)}
      />
    </Page>
  );
}
