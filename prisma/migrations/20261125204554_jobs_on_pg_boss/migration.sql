-- Background jobs move to pg-boss (docs/decisions/007), which keeps its own tables in the
-- "pgboss" schema, created when the app starts. The hand-written Job table goes: jobs still
-- waiting in it are not carried over (a backfill is queued again on the next install or
-- "Reload unpaid orders now", a reconciliation by the hourly cron).
-- ReconciliationRun becomes SyncRun, which records backfills too. Its rows are kept, so the
-- next reconciliation still starts where the last one did.
DROP TABLE "Job";

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "jobId" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "queuedAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "since" TIMESTAMP(3),
    "checked" INTEGER NOT NULL DEFAULT 0,
    "corrected" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

INSERT INTO "SyncRun" ("id", "shopDomain", "kind", "attempt", "status", "queuedAt", "startedAt", "finishedAt", "since", "checked", "corrected")
SELECT "id", "shopDomain", 'reconcile', 1, CASE WHEN "status" = 'running' THEN 'failed' ELSE "status" END,
       "startedAt", "startedAt", COALESCE("finishedAt", "startedAt"), "since", "checked", "corrected"
FROM "ReconciliationRun";

DROP TABLE "ReconciliationRun";

-- CreateIndex
CREATE UNIQUE INDEX "SyncRun_jobId_key" ON "SyncRun"("jobId");

-- CreateIndex
CREATE INDEX "SyncRun_shopDomain_kind_queuedAt_idx" ON "SyncRun"("shopDomain", "kind", "queuedAt");
