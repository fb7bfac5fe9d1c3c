import type pg from "pg";

// A large shop's collections ledger, written straight into Quita's database for bench/planning.ts
// (and, small, for the test that checks the pass plans from it what it would plan from everything:
// test/server/collection-state.test.ts). Open debts owed by many customers (most owe two or three,
// some one, a few many), orders and invoiced drafts, some customers without an email; paid history
// with late payers among it; letters already sent to most customers, some at the weekly contact
// cap, and the stages those letters settled; pauses and promises; a few debts newly overdue.

export const PLANNING_SHOP = "bench-planning.myshopify.com";

// $1 shop, $2 business time now (UTC), $3 receivables, $4 customers: written into each statement
// before it runs. Customer c owes debt i when c = floor(random() * customers):
// most owe two or three, some one, a few many.
const SEED = [
  `SELECT setseed(0.42)`,
  // Open debts due from 11 days ahead to 120 days ago; every 20th an invoiced draft; every 40th customer without an email.
  `INSERT INTO "Receivable" (id, "shopDomain", "resourceGid", kind, name, status, "customerGid", "customerName", "customerEmail", "customerLocale",
     currency, "totalAmount", "outstandingAmount", "shopCurrency", "shopTotalAmount", "shopOutstandingAmount", "placedAt", "paymentUrl", "dueAt",
     "agingBucket", "sourceUpdatedAt", "updatedAt")
   SELECT 'o' || i, $1, CASE WHEN i % 20 = 0 THEN 'gid://shopify/DraftOrder/' ELSE 'gid://shopify/Order/' END || i,
     CASE WHEN i % 20 = 0 THEN 'draft_order' ELSE 'order' END, '#' || (100000 + i), 'open',
     'gid://shopify/Customer/' || c, 'Customer ' || c, CASE WHEN c % 40 = 0 THEN NULL ELSE 'c' || c || '@example.com' END, 'pt-BR',
     'BRL', amount, amount, 'BRL', amount, amount, due - interval '30 days', 'https://bench.example/pay/' || i, due,
     CASE WHEN due >= now_ THEN 'current' WHEN due > now_ - interval '30 days' THEN '1-30' WHEN due > now_ - interval '60 days' THEN '31-60'
          WHEN due > now_ - interval '90 days' THEN '61-90' ELSE '90+' END,
     now_ - interval '1 day', now()
   FROM (SELECT i, floor(random() * $4)::int AS c, (100 + i % 4900)::numeric AS amount, now_,
                now_ - ((i * 37) % 131 - 11) * interval '1 day' - (i % 24) * interval '1 hour' AS due
         FROM generate_series(1, $3::int) i, (SELECT ($2::timestamptz AT TIME ZONE 'UTC') AS now_) t) s`,
  // Paid history, one debt for every five open: half paid late (which makes a repeat late payer), half early.
  `INSERT INTO "Receivable" (id, "shopDomain", "resourceGid", kind, name, status, "customerGid", "customerName", currency, "totalAmount",
     "outstandingAmount", "shopCurrency", "shopTotalAmount", "shopOutstandingAmount", "dueAt", "sourceUpdatedAt", "updatedAt")
   SELECT 'p' || i, $1, 'gid://shopify/Order/' || (10000000 + i), 'order', '#P' || i, 'paid', 'gid://shopify/Customer/' || floor(random() * $4)::int,
     'Customer', 'BRL', 500, 0, 'BRL', 500, 0, now_ - (30 + i % 300) * interval '1 day', now_, now()
   FROM generate_series(1, $3::int / 5) i, (SELECT ($2::timestamptz AT TIME ZONE 'UTC') AS now_) t`,
  `INSERT INTO "ReceivableEvent" (id, "receivableId", "shopDomain", type, "occurredAt", "outstandingAmount", currency, source)
   SELECT 'pe' || i, 'p' || i, $1, 'paid', now_ - (30 + i % 300) * interval '1 day' + CASE WHEN i % 2 = 0 THEN interval '12 days' ELSE interval '-2 days' END,
     0, 'BRL', 'webhook:orders/paid'
   FROM generate_series(1, $3::int / 5) i, (SELECT ($2::timestamptz AT TIME ZONE 'UTC') AS now_) t`,
  // One open debt in a hundred that has just turned overdue (the aging refresh saw it): its Flow trigger is due.
  `INSERT INTO "ReceivableEvent" (id, "receivableId", "shopDomain", type, "occurredAt", "outstandingAmount", currency, source)
   SELECT 'oe' || r.id, r.id, $1, 'overdue', r."dueAt", r."outstandingAmount", 'BRL', 'aging'
   FROM "Receivable" r WHERE r."shopDomain" = $1 AND r.status = 'open' AND substr(r.id, 2)::int % 100 = 1 AND r."agingBucket" <> 'current'`,
  // 85 % of customers had a letter; 20 % had two in the last seven days (the contact cap holds them now).
  `INSERT INTO "Reminder" (id, "shopDomain", "customerKey", "stageId", kind, channel, status, body, "plannedAt", "sendingAt", "finishedAt", "updatedAt")
   SELECT 'm' || c, $1, 'gid://shopify/Customer/' || c, 'late-3', 'first_late', 'email', 'sent', 'a letter', at, at, at, now()
   FROM generate_series(0, $4::int - 1) c, (SELECT ($2::timestamptz AT TIME ZONE 'UTC') AS now_) t,
        LATERAL (SELECT now_ - CASE WHEN c % 20 < 4 THEN interval '3 days' ELSE (8 + (c * 13) % 20) * interval '1 day' END AS at) a
   WHERE c % 20 < 17
   UNION ALL
   SELECT 'n' || c, $1, 'gid://shopify/Customer/' || c, 'late-7', 'follow_up', 'email', 'sent', 'a letter', at, at, at, now()
   FROM generate_series(0, $4::int - 1) c, (SELECT ($2::timestamptz AT TIME ZONE 'UTC') - interval '1 day' AS at) t
   WHERE c % 20 < 4`,
  // Those letters settled every stage their customers' debts had reached, except the latest one for
  // every fourth debt (reached since): those, and every debt of the customers never written to, are due now.
  // One customer in twenty had the light cadence only: the firmer stages (due date, +7) were never settled.
  `INSERT INTO "ReminderItem" (id, "shopDomain", "receivableId", "stageId", "reminderId")
   SELECT r.id || ' ' || s.id, $1, r.id, s.id, 'm' || split_part(r."customerGid", '/', 5)
   FROM "Receivable" r
   CROSS JOIN (SELECT ($2::timestamptz AT TIME ZONE 'UTC') AS now_) t
   JOIN (VALUES ('before-3', -3), ('due', 0), ('late-3', 3), ('late-7', 7), ('late-15', 15), ('late-30', 30)) s(id, off)
     ON r."dueAt" + s.off * interval '1 day' <= t.now_
   WHERE r."shopDomain" = $1 AND r.status = 'open' AND split_part(r."customerGid", '/', 5)::int % 20 < 17
     AND NOT (split_part(r."customerGid", '/', 5)::int % 20 = 16 AND s.id IN ('due', 'late-7'))
     AND NOT (substr(r.id, 2)::int % 4 = 0 AND s.off = (SELECT max(o) FROM unnest(ARRAY[-3, 0, 3, 7, 15, 30]) o WHERE r."dueAt" + o * interval '1 day' <= t.now_))`,
  // Pauses for one customer in 97, promises to pay on one debt in 101.
  `INSERT INTO "CollectionHold" (id, "shopDomain", "customerKey", kind, until, note)
   SELECT 'h' || c, $1, 'gid://shopify/Customer/' || c, 'pause', ($2::timestamptz AT TIME ZONE 'UTC') + interval '10 days', 'asked for time'
   FROM generate_series(0, $4::int - 1) c WHERE c % 97 = 0`,
  `INSERT INTO "CollectionHold" (id, "shopDomain", "receivableId", kind, until, amount, currency)
   SELECT 'k' || i, $1, 'o' || i, 'promise', ($2::timestamptz AT TIME ZONE 'UTC') + interval '5 days', 100, 'BRL'
   FROM generate_series(1, $3::int) i WHERE i % 101 = 0`,
  `ANALYZE`,
];

export const LEDGER_COUNTS = `SELECT
  (SELECT count(*) FROM "Receivable" WHERE status = 'open') AS open, (SELECT count(*) FROM "Receivable" WHERE status = 'paid') AS paid,
  (SELECT count(DISTINCT "customerGid") FROM "Receivable" WHERE status = 'open') AS customers,
  (SELECT count(*) FROM "ReminderItem") AS items, (SELECT count(*) FROM "Reminder") AS letters,
  (SELECT count(*) FROM "CollectionHold") AS holds, (SELECT count(*) FROM "ReceivableEvent") AS events`;

/** Writes the ledger of `receivables` open debts for PLANNING_SHOP, dated around `now`, through `client`. */
export async function seedPlanningLedger(client: pg.ClientBase, now: Date, receivables: number): Promise<Record<string, number>> {
  const customers = Math.round(receivables / 2.2);
  await client.query(
    `INSERT INTO "Shop" (domain, name, "ianaTimezone", locale, "legalName", "updatedAt") VALUES ($1, 'Bench', 'America/Sao_Paulo', 'pt-BR', 'Bench Ltda', now())`,
    [PLANNING_SHOP],
  );
  const figures: Record<string, string> = { $1: `'${PLANNING_SHOP}'`, $2: `'${now.toISOString()}'`, $3: String(receivables), $4: String(customers) };
  for (const statement of SEED) await client.query(statement.replace(/\$\d/g, (p) => figures[p]!));
  const counts = (await client.query(LEDGER_COUNTS)).rows[0] as Record<string, string>;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
}
