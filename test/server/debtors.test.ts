import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { instantAt, addDays } from "../../app/domain/cadence/local-time";
import { agingBucket, localDate } from "../../app/domain/ledger/aging";
import { DEBTOR_SORT_FIELDS, parseDebtorQuery, type DebtorQuery } from "../../app/components/debtors/debtor-query";
import type { DebtorPage, DebtorRow } from "../../app/.server/collections/debtors.server";
import type { PrismaClient } from "../../app/generated/prisma/client";

// The Debtors page's query (debtors.server.ts) over a small ledger whose every debtor is known:
// one row per customer (a debt without one is its own), statuses in their precedence, buckets at
// their edges, filters, search by name, email and order number, and paging every sort both ways
// without a row lost or shown twice.

const SHOP = "debtors-test.myshopify.com";
const ZONE = "America/Sao_Paulo";
const AT = new Date("2026-11-23T13:00:00Z"); // Monday 10:00 in São Paulo
const DAY = 86_400_000;
const TODAY = localDate(AT, ZONE);
const daysAgo = (n: number) => new Date(AT.getTime() - n * DAY);

interface Debt {
  id: string;
  key?: string;
  name: string;
  customer?: string;
  email?: string | null;
  company?: string;
  location?: string;
  currency?: string;
  amount: string;
  shopAmount?: string;
  dueAt: Date | null;
  status?: string;
}

const DEBTS: Debt[] = [
  { id: "a1", key: "1", name: "#1001", customer: "Ana Souza", company: "Padaria Central", location: "Centro", amount: "100", dueAt: daysAgo(40) },
  { id: "a2", key: "1", name: "#1002", customer: "Ana Souza", company: "Padaria Central", location: "Centro", amount: "50.5", dueAt: daysAgo(5) },
  { id: "b1", key: "2", name: "#1003", customer: "Bruno Lima", currency: "USD", amount: "20", shopAmount: "100", dueAt: new Date(AT.getTime() + 10 * DAY) },
  { id: "b2", key: "2", name: "#1010", customer: "Bruno Lima", amount: "10", dueAt: new Date(AT.getTime() + 12 * DAY) },
  { id: "c1", key: "3", name: "#1004", customer: "Carla Dias", email: null, amount: "300", dueAt: daysAgo(70) },
  { id: "d1", key: "4", name: "#1005", customer: "Diego Ruiz", amount: "100", dueAt: daysAgo(35) },
  { id: "e1", key: "5", name: "#1006", customer: "Eva Prado", amount: "100", dueAt: daysAgo(95) },
  { id: "f1", name: "#D7", customer: undefined, email: "guest@example.com", amount: "40", dueAt: null },
  { id: "g1", key: "7", name: "#1008", customer: "Gil Reis", amount: "60", dueAt: daysAgo(20), status: "authorized" },
  { id: "g2", key: "7", name: "#1009", customer: "Gil Reis", amount: "0", dueAt: daysAgo(20), status: "paid" },
  // The edges of 1–30 and 31–60: exactly 30 days late from the shop's midnight, and a millisecond more.
  { id: "h1", key: "8", name: "#1011", customer: "Hugo Alves", amount: "100", dueAt: instantAt(addDays(TODAY, -30), 0, ZONE) },
  { id: "i1", key: "9", name: "#1012", customer: "Iris Melo", amount: "100", dueAt: new Date(instantAt(addDays(TODAY, -30), 0, ZONE).getTime() - 1) },
  { id: "j1", key: "10", name: "#1013", customer: "Ana Souza", amount: "100", dueAt: daysAgo(3) },
  { id: "k1", key: "11", name: "#1014", customer: "Carla Dias", email: "carla_d%@example.com", amount: "100", dueAt: daysAgo(3) },
];
const keyOf = (d: Debt) => (d.key ? `gid://shopify/Customer/${d.key}` : `gid://shopify/DraftOrder/${d.id}`);

describe.each(databaseKinds())("the Debtors page's query (%s)", (kind) => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let find: (query: Partial<DebtorQuery>) => Promise<DebtorPage>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    const shop = await prisma.shop.create({ data: { domain: SHOP, name: "Test", ianaTimezone: ZONE, currencyCode: "BRL" } });
    await prisma.receivable.createMany({
      data: DEBTS.map((d) => ({
        id: d.id,
        shopDomain: SHOP,
        resourceGid: d.key ? `gid://shopify/Order/${d.id}` : keyOf(d),
        kind: d.key ? "order" : "draft_order",
        name: d.name,
        status: d.status ?? "open",
        customerGid: d.key ? keyOf(d) : null,
        customerName: d.customer ?? null,
        customerEmail: d.email === undefined ? `${d.id}@example.com` : d.email,
        companyGid: d.company ? "gid://shopify/Company/1" : null,
        companyName: d.company ?? null,
        companyLocationName: d.location ?? null,
        currency: d.currency ?? "BRL",
        totalAmount: d.amount,
        outstandingAmount: d.amount,
        shopCurrency: "BRL",
        shopTotalAmount: d.shopAmount ?? d.amount,
        shopOutstandingAmount: d.shopAmount ?? d.amount,
        dueAt: d.dueAt,
        sourceUpdatedAt: AT,
      })),
    });
    await prisma.collectionHold.createMany({
      data: [
        { shopDomain: SHOP, customerKey: "gid://shopify/Customer/4", kind: "pause", until: new Date(AT.getTime() + 5 * DAY) },
        { shopDomain: SHOP, receivableId: "e1", kind: "promise", until: new Date(AT.getTime() + 3 * DAY), amount: "100", currency: "BRL" },
        // Over, or ended early: no longer a status.
        { shopDomain: SHOP, customerKey: "gid://shopify/Customer/1", kind: "pause", until: new Date(AT.getTime() + 5 * DAY), endedAt: daysAgo(1) },
        { shopDomain: SHOP, customerKey: "gid://shopify/Customer/3", kind: "pause", until: daysAgo(1) },
      ],
    });
    const letter = { shopDomain: SHOP, stageId: "late-3", kind: "first_late", channel: "email" };
    await prisma.reminder.createMany({
      data: [
        { ...letter, customerKey: "gid://shopify/Customer/1", status: "sent", plannedAt: daysAgo(2), sendingAt: daysAgo(2), finishedAt: daysAgo(2) },
        { ...letter, customerKey: "gid://shopify/Customer/1", status: "sent", plannedAt: daysAgo(9), sendingAt: daysAgo(9), finishedAt: daysAgo(9) },
        { ...letter, customerKey: "gid://shopify/Customer/2", status: "failed", plannedAt: daysAgo(1), sendingAt: daysAgo(1), finishedAt: daysAgo(1) },
      ],
    });
    const { findDebtors } = await import("../../app/.server/collections/debtors.server");
    find = (query) => findDebtors(shop, AT, { ...parseDebtorQuery(new URLSearchParams()), ...query });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  const names = (page: DebtorPage) => page.rows.map((r) => r.companyName ?? r.customerName ?? r.customerKey);
  const row = async (key: string) => (await find({ limit: 100 })).rows.find((r) => r.customerKey === `gid://shopify/Customer/${key}`)!;

  it("GIVEN open, authorized and paid debts THEN one row per customer owing, most overdue first, a debt without customer on its own", async () => {
    const page = await find({});
    expect(names(page)).toEqual([
      "Eva Prado",
      "Carla Dias",
      "Padaria Central",
      "Diego Ruiz",
      "Iris Melo",
      "Hugo Alves",
      "Ana Souza",
      "Carla Dias",
      "Bruno Lima",
      "gid://shopify/DraftOrder/f1",
    ]);
    expect(page.total).toBe(10);
    expect(page.previousCursor).toBeNull();
    expect(page.nextCursor).toBeNull();
  });

  it("THEN statuses follow their precedence: paused, promised, no email, overdue, on track", async () => {
    const statuses = Object.fromEntries((await find({ limit: 100 })).rows.map((r) => [r.customerKey.split("/").pop(), r.status]));
    expect(statuses).toEqual({
      "1": "overdue",
      "2": "on_track",
      "3": "no_email",
      "4": "paused",
      "5": "promised",
      f1: "on_track",
      "8": "overdue",
      "9": "overdue",
      "10": "overdue",
      "11": "overdue",
    });
  });

  it("THEN amounts are exact per currency billed, with the shop-currency value, and the last letter sent is the last contact", async () => {
    const ana = await row("1");
    expect(ana.owed).toEqual([{ currency: "BRL", amount: "150.5", shopCurrency: "BRL", shopAmount: "150.5" }]);
    expect(ana.receivables).toBe(2);
    expect(ana.b2b).toBe(true);
    expect(ana.companyLocationName).toBe("Centro");
    expect(ana.lastContactAt?.toISOString()).toBe(daysAgo(2).toISOString());
    const bruno = await row("2");
    expect(bruno.owed).toEqual([
      { currency: "BRL", amount: "10", shopCurrency: "BRL", shopAmount: "10" },
      { currency: "USD", amount: "20", shopCurrency: "BRL", shopAmount: "100" },
    ]);
    expect(bruno.lastContactAt).toBeNull(); // a failed letter is no contact
    expect(bruno.nextContactOn).toBe(addDays(localDate(bruno.oldestDueAt!, ZONE), -3)); // the courtesy letter three days before
  });

  it("THEN each row's bucket is the aging bucket of its oldest due date, at the edges too", async () => {
    for (const r of (await find({ limit: 100 })).rows) expect(r.bucket, r.customerKey).toBe(agingBucket(r.oldestDueAt, AT, ZONE));
    expect((await row("8")).bucket).toBe("1-30");
    expect((await row("9")).bucket).toBe("31-60");
  });

  it("WHEN filtered by bucket, status, currency, B2B or not THEN only those debtors", async () => {
    expect(names(await find({ buckets: ["31-60"] }))).toEqual(["Padaria Central", "Diego Ruiz", "Iris Melo"]);
    expect(names(await find({ buckets: ["90+", "undated"] }))).toEqual(["Eva Prado", "gid://shopify/DraftOrder/f1"]);
    expect(names(await find({ statuses: ["paused", "promised"] }))).toEqual(["Eva Prado", "Diego Ruiz"]);
    expect(names(await find({ statuses: ["no_email"] }))).toEqual(["Carla Dias"]);
    expect(names(await find({ currencies: ["USD"] }))).toEqual(["Bruno Lima"]);
    expect(names(await find({ b2b: true }))).toEqual(["Padaria Central"]);
    expect((await find({ b2b: false })).total).toBe(9);
    expect((await find({ buckets: ["31-60"], statuses: ["paused"] })).total).toBe(1);
    expect((await find({ buckets: ["61-90"], b2b: true })).rows).toEqual([]);
  });

  it("WHEN searched by name, company, email or order number THEN the customers with such a debt, their whole debt counted", async () => {
    expect(names(await find({ search: "#1002" }))).toEqual(["Padaria Central"]);
    expect((await find({ search: "#1002" })).rows[0]!.owed[0]!.amount).toBe("150.5");
    expect(names(await find({ search: "1006" }))).toEqual(["Eva Prado"]);
    expect(names(await find({ search: "ana souza" }))).toEqual(["Padaria Central", "Ana Souza"]);
    expect(names(await find({ search: "padaria" }))).toEqual(["Padaria Central"]);
    expect(names(await find({ search: "guest@example" }))).toEqual(["gid://shopify/DraftOrder/f1"]);
    // Wildcards are letters like any other.
    expect(names(await find({ search: "_d%" }))).toEqual(["Carla Dias"]);
    expect((await find({ search: "%" })).total).toBe(1);
    expect((await find({ search: "nobody" })).total).toBe(0);
  });

  const walk = async (query: Partial<DebtorQuery>, limit: number) => {
    const pages: DebtorRow[][] = [];
    let page = await find({ ...query, limit });
    pages.push(page.rows);
    while (page.nextCursor) {
      page = await find({ ...query, limit, after: page.nextCursor });
      pages.push(page.rows);
    }
    const forward = pages.flat().map((r) => r.customerKey);
    const backward: string[][] = [];
    while (page.previousCursor) {
      page = await find({ ...query, limit, before: page.previousCursor });
      backward.unshift(page.rows.map((r) => r.customerKey));
    }
    return { forward, backward: [...backward.flat(), ...pages.at(-1)!.map((r) => r.customerKey)], sizes: pages.map((p) => p.length) };
  };

  it.each(DEBTOR_SORT_FIELDS.flatMap((sort) => (["asc", "desc"] as const).map((direction) => [sort, direction] as const)))(
    "WHEN sorted by %s %s and paged three at a time THEN every debtor once, in the order of the whole list, forwards and back",
    async (sort, direction) => {
      const whole = (await find({ sort, direction, limit: 100 })).rows.map((r) => r.customerKey);
      expect(whole).toHaveLength(10);
      const { forward, backward, sizes } = await walk({ sort, direction }, 3);
      expect(forward).toEqual(whole);
      expect(backward).toEqual(whole);
      expect(sizes).toEqual([3, 3, 3, 1]);
    },
  );

  it("THEN sorts order what they say", async () => {
    const amounts = (await find({ sort: "amount", direction: "desc", limit: 100 })).rows.map((r) =>
      Number(r.owed.reduce((s, o) => s + Number(o.shopAmount), 0)),
    );
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const byName = (await find({ sort: "name", direction: "asc", limit: 100 })).rows.map((r) => (r.companyName ?? r.customerName ?? "").toLowerCase());
    expect(byName).toEqual([...byName].sort());
    const next = (await find({ sort: "next_contact", direction: "asc", limit: 100 })).rows.map((r) => r.nextContactOn ?? "9999");
    expect(next).toEqual([...next].sort());
    expect((await find({ sort: "last_contact", direction: "desc" })).rows[0]!.customerName).toBe("Ana Souza");
  });

  it("WHEN a cursor is mangled THEN the first page, and past the end an empty page still counts the matches", async () => {
    expect(names(await find({ after: "not-a-cursor", limit: 2 }))).toEqual(["Eva Prado", "Carla Dias"]);
    const last = await find({ sort: "name", direction: "asc", limit: 100 });
    const cursor = Buffer.from(JSON.stringify(["zzzz", "zzzz"])).toString("base64url");
    const beyond = await find({ sort: "name", direction: "asc", after: cursor });
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(last.total);
  });
});
