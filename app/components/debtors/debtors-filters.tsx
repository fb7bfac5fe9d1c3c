import { useEffect, useRef, useState } from "react";
import { useNavigation, useSearchParams } from "@remix-run/react";
import { ChoiceList, IndexFilters, IndexFiltersMode, useSetIndexFiltersMode, type AppliedFilterInterface, type SortButtonChoice } from "@shopify/polaris";
import { AGING_BUCKETS } from "../../domain/ledger/aging";
import { useT } from "../../i18n/context";
import { commonMessages } from "../../i18n/messages/common";
import { debtorsMessages } from "../../i18n/messages/debtors";
import { DEBTOR_SORT_FIELDS, DEBTOR_STATUSES, isFiltered, type DebtorQuery } from "./debtor-query";

// The Debtors page's filters, search and sort, read from and written to the URL: every change
// navigates (the loader answers from the URL), and starts again from the first page.

type SortLabels = Record<(typeof DEBTOR_SORT_FIELDS)[number], readonly [string, string, string]>;

export function DebtorsFilters({ query, currencies }: { query: DebtorQuery; currencies: string[] }) {
  const t = useT(debtorsMessages);
  const common = useT(commonMessages);
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  const { mode, setMode } = useSetIndexFiltersMode(isFiltered(query) ? IndexFiltersMode.Filtering : IndexFiltersMode.Default);
  const [search, setSearch] = useState(query.search);
  const typing = useRef<ReturnType<typeof setTimeout>>();
  // The list as it was when the merchant opened the filters: Cancel goes back to it, as in the Shopify admin's lists.
  const beforeFiltering = useRef<string | null>(null);
  const changeMode = (next: IndexFiltersMode) => {
    if (next === IndexFiltersMode.Filtering && mode !== IndexFiltersMode.Filtering) beforeFiltering.current = params.toString();
    setMode(next);
  };
  const cancelFiltering = () => {
    const before = beforeFiltering.current;
    beforeFiltering.current = null;
    if (before === null || before === params.toString()) return;
    clearTimeout(typing.current);
    const restored = new URLSearchParams(before);
    setSearch(restored.get("q") ?? "");
    setParams(restored, { preventScrollReset: true });
  };

  /** The URL with `change` applied, back on the first page. */
  const update = (change: (next: URLSearchParams) => void, replace = false) => {
    const next = new URLSearchParams(params);
    change(next);
    next.delete("after");
    next.delete("before");
    setParams(next, { replace, preventScrollReset: true });
  };
  const setList = (name: string) => (values: string[]) =>
    update((next) => {
      next.delete(name);
      for (const value of values) next.append(name, value);
    });

  useEffect(() => setSearch(query.search), [query.search]);
  useEffect(() => () => clearTimeout(typing.current), []);
  const onSearch = (value: string) => {
    setSearch(value);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => update((next) => (value.trim() ? next.set("q", value.trim()) : next.delete("q")), true), 350);
  };

  // Each sort field with its name and the words for its two directions (asc, desc).
  const sortLabels: SortLabels = {
    days: [t("sortDays"), t("sortLeastLate"), t("sortMostLate")],
    amount: [t("sortAmount"), t("sortLowest"), t("sortHighest")],
    name: [t("sortName"), t("sortAtoZ"), t("sortZtoA")],
    last_contact: [t("sortLastContact"), t("sortOldest"), t("sortRecent")],
    next_contact: [t("sortNextContact"), t("sortSoonest"), t("sortLatest")],
  };
  const sortOptions: SortButtonChoice[] = DEBTOR_SORT_FIELDS.flatMap((field) => [
    { label: sortLabels[field][0], value: `${field} asc` as const, directionLabel: sortLabels[field][1] },
    { label: sortLabels[field][0], value: `${field} desc` as const, directionLabel: sortLabels[field][2] },
  ]);

  const bucketName = (b: string) => common(`bucket${b === "undated" ? "Undated" : b === "current" ? "Current" : b}` as Parameters<typeof common>[0]);
  const statusName = (s: (typeof DEBTOR_STATUSES)[number]) => t(`status_${s}`);
  const b2bValue = query.b2b === null ? [] : [query.b2b ? "yes" : "no"];

  const filters = [
    {
      key: "bucket",
      label: t("filterBucket"),
      pinned: true,
      filter: (
        <ChoiceList
          title={t("filterBucket")}
          titleHidden
          allowMultiple
          choices={AGING_BUCKETS.map((b) => ({ label: bucketName(b), value: b }))}
          selected={query.buckets}
          onChange={setList("bucket")}
        />
      ),
    },
    {
      key: "status",
      label: t("filterStatus"),
      pinned: true,
      filter: (
        <ChoiceList
          title={t("filterStatus")}
          titleHidden
          allowMultiple
          choices={DEBTOR_STATUSES.map((s) => ({ label: statusName(s), value: s }))}
          selected={query.statuses}
          onChange={setList("status")}
        />
      ),
    },
    {
      key: "currency",
      label: t("filterCurrency"),
      filter: (
        <ChoiceList
          title={t("filterCurrency")}
          titleHidden
          allowMultiple
          choices={currencies.map((c) => ({ label: c, value: c }))}
          selected={query.currencies}
          onChange={setList("currency")}
        />
      ),
    },
    {
      key: "b2b",
      label: t("filterB2b"),
      filter: (
        <ChoiceList
          title={t("filterB2b")}
          titleHidden
          choices={[
            { label: t("b2bYes"), value: "yes" },
            { label: t("b2bNo"), value: "no" },
          ]}
          selected={b2bValue}
          onChange={(values) => update((next) => (values[0] ? next.set("b2b", values[0]) : next.delete("b2b")))}
        />
      ),
    },
  ];

  const clear = (name: string) => () => update((next) => next.delete(name));
  const applied: AppliedFilterInterface[] = [];
  if (query.buckets.length)
    applied.push({ key: "bucket", label: t("appliedBucket", { list: query.buckets.map(bucketName).join(", ") }), onRemove: clear("bucket") });
  if (query.statuses.length)
    applied.push({ key: "status", label: t("appliedStatus", { list: query.statuses.map(statusName).join(", ") }), onRemove: clear("status") });
  if (query.currencies.length)
    applied.push({ key: "currency", label: t("appliedCurrency", { list: query.currencies.join(", ") }), onRemove: clear("currency") });
  if (query.b2b !== null) applied.push({ key: "b2b", label: query.b2b ? t("b2bYes") : t("b2bNo"), onRemove: clear("b2b") });

  const clearAll = () =>
    update((next) => {
      for (const name of ["bucket", "status", "currency", "b2b", "q"]) next.delete(name);
      setSearch("");
    });

  return (
    <IndexFilters
      tabs={[{ id: "all", content: t("tabAll") }]}
      selected={0}
      onSelect={() => undefined}
      canCreateNewView={false}
      sortOptions={sortOptions}
      sortSelected={[`${query.sort} ${query.direction}`]}
      onSort={([value]) => update((next) => next.set("sort", (value ?? "days desc").replace(" ", "-")))}
      queryValue={search}
      queryPlaceholder={t("searchPlaceholder")}
      onQueryChange={onSearch}
      onQueryClear={() => onSearch("")}
      filters={filters}
      appliedFilters={applied}
      onClearAll={clearAll}
      cancelAction={{ onAction: cancelFiltering }}
      mode={mode}
      setMode={changeMode}
      loading={navigation.state === "loading"}
    />
  );
}
