-- CreateTable
CREATE TABLE "DebtorSummary" (
    "shopDomain" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "oldestDueAt" TIMESTAMP(3),
    "receivables" INTEGER NOT NULL,
    "emailable" BOOLEAN NOT NULL,
    "b2b" BOOLEAN NOT NULL,
    "shopAmount" DECIMAL(20,4),
    "currencies" TEXT[],
    "nameKey" TEXT NOT NULL,
    "pausedUntil" TIMESTAMP(3),
    "promisedUntil" TIMESTAMP(3),
    "nextContactOn" DATE,

    CONSTRAINT "DebtorSummary_pkey" PRIMARY KEY ("shopDomain","customerKey")
);

-- CreateTable
CREATE TABLE "DebtorSummaryStale" (
    "shopDomain" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,

    CONSTRAINT "DebtorSummaryStale_pkey" PRIMARY KEY ("shopDomain","customerKey")
);

-- CreateTable
CREATE TABLE "DebtorSummaryPlan" (
    "shopDomain" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DebtorSummaryPlan_pkey" PRIMARY KEY ("shopDomain")
);

-- CreateIndex
CREATE INDEX "DebtorSummary_shopDomain_oldestDueAt_idx" ON "DebtorSummary"("shopDomain", "oldestDueAt");

-- CreateIndex
CREATE INDEX "DebtorSummary_shopDomain_nextContactOn_idx" ON "DebtorSummary"("shopDomain", "nextContactOn");

-- Triggers that mark a customer's summary stale when what it is worked out from changes: their
-- debts (the columns a summary reads), their holds, their letters and the stages settled, and the
-- payments that make them a repeat late payer. Statement-level, over transition tables: one
-- insert per statement however many rows it wrote (a backfill writes thousands).
CREATE FUNCTION quita_mark_receivables_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT "shopDomain", COALESCE("customerGid", "resourceGid") FROM quita_new ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT "shopDomain", COALESCE("customerGid", "resourceGid") FROM quita_old ON CONFLICT DO NOTHING;
  ELSE
    -- Only changes a summary reads: the hourly aging refresh rewrites every open debt's bucket and marks nobody.
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT k."shopDomain", k.key
    FROM quita_new n JOIN quita_old o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n."shopDomain", COALESCE(n."customerGid", n."resourceGid")),
                               (o."shopDomain", COALESCE(o."customerGid", o."resourceGid"))) AS k("shopDomain", key)
    WHERE (n.status, n."dueAt", n."customerGid", n."resourceGid", n.kind, n."customerEmail", n."customerName", n."companyGid",
           n."companyName", n.currency, n."shopCurrency", n."shopOutstandingAmount")
          IS DISTINCT FROM
          (o.status, o."dueAt", o."customerGid", o."resourceGid", o.kind, o."customerEmail", o."customerName", o."companyGid",
           o."companyName", o.currency, o."shopCurrency", o."shopOutstandingAmount")
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Receivable_marks_debtor_stale_on_insert" AFTER INSERT ON "Receivable"
  REFERENCING NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_receivables_stale();
CREATE TRIGGER "Receivable_marks_debtor_stale_on_update" AFTER UPDATE ON "Receivable"
  REFERENCING OLD TABLE AS quita_old NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_receivables_stale();
CREATE TRIGGER "Receivable_marks_debtor_stale_on_delete" AFTER DELETE ON "Receivable"
  REFERENCING OLD TABLE AS quita_old FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_receivables_stale();

-- A hold names its customer, or a debt whose customer it holds.
CREATE FUNCTION quita_mark_holds_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT h."shopDomain", COALESCE(h."customerKey", r."customerGid", r."resourceGid")
    FROM quita_new h LEFT JOIN "Receivable" r ON r.id = h."receivableId"
    WHERE COALESCE(h."customerKey", r."customerGid", r."resourceGid") IS NOT NULL ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT h."shopDomain", COALESCE(h."customerKey", r."customerGid", r."resourceGid")
    FROM quita_old h LEFT JOIN "Receivable" r ON r.id = h."receivableId"
    WHERE COALESCE(h."customerKey", r."customerGid", r."resourceGid") IS NOT NULL ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "CollectionHold_marks_debtor_stale_on_insert" AFTER INSERT ON "CollectionHold"
  REFERENCING NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_holds_stale();
CREATE TRIGGER "CollectionHold_marks_debtor_stale_on_update" AFTER UPDATE ON "CollectionHold"
  REFERENCING OLD TABLE AS quita_old NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_holds_stale();
CREATE TRIGGER "CollectionHold_marks_debtor_stale_on_delete" AFTER DELETE ON "CollectionHold"
  REFERENCING OLD TABLE AS quita_old FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_holds_stale();

-- A letter counts against its customer's contact cap and settles its debts' stages.
CREATE FUNCTION quita_mark_reminders_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT "shopDomain", "customerKey" FROM quita_new ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT "shopDomain", "customerKey" FROM quita_old ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Reminder_marks_debtor_stale_on_insert" AFTER INSERT ON "Reminder"
  REFERENCING NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_reminders_stale();
CREATE TRIGGER "Reminder_marks_debtor_stale_on_update" AFTER UPDATE ON "Reminder"
  REFERENCING OLD TABLE AS quita_old NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_reminders_stale();
CREATE TRIGGER "Reminder_marks_debtor_stale_on_delete" AFTER DELETE ON "Reminder"
  REFERENCING OLD TABLE AS quita_old FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_reminders_stale();

-- A stage settled (or unsettled) for a debt.
CREATE FUNCTION quita_mark_debt_rows_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT r."shopDomain", COALESCE(r."customerGid", r."resourceGid")
    FROM quita_new x JOIN "Receivable" r ON r.id = x."receivableId" ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
    SELECT DISTINCT r."shopDomain", COALESCE(r."customerGid", r."resourceGid")
    FROM quita_old x JOIN "Receivable" r ON r.id = x."receivableId" ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ReminderItem_marks_debtor_stale_on_insert" AFTER INSERT ON "ReminderItem"
  REFERENCING NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_debt_rows_stale();
CREATE TRIGGER "ReminderItem_marks_debtor_stale_on_delete" AFTER DELETE ON "ReminderItem"
  REFERENCING OLD TABLE AS quita_old FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_debt_rows_stale();

-- Of a debt's events only a payment changes a summary (a debt paid late makes a repeat late payer);
-- the daily "due" and "overdue" events mark nobody.
CREATE FUNCTION quita_mark_payments_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DebtorSummaryStale" ("shopDomain", "customerKey")
  SELECT DISTINCT r."shopDomain", COALESCE(r."customerGid", r."resourceGid")
  FROM quita_new e JOIN "Receivable" r ON r.id = e."receivableId" WHERE e.type = 'paid' ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "ReceivableEvent_marks_debtor_stale_on_insert" AFTER INSERT ON "ReceivableEvent"
  REFERENCING NEW TABLE AS quita_new FOR EACH STATEMENT EXECUTE FUNCTION quita_mark_payments_stale();
