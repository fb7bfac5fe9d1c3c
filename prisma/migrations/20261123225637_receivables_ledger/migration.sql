-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "webhookId" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT,
    "triggeredAt" TIMESTAMP(3),
    "outcome" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("webhookId")
);

-- CreateTable
CREATE TABLE "Receivable" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "resourceGid" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "customerGid" TEXT,
    "customerName" TEXT,
    "customerEmail" TEXT,
    "customerPhone" TEXT,
    "customerLocale" TEXT,
    "companyGid" TEXT,
    "companyName" TEXT,
    "companyLocationGid" TEXT,
    "companyLocationName" TEXT,
    "currency" TEXT NOT NULL,
    "totalAmount" DECIMAL(20,4) NOT NULL,
    "outstandingAmount" DECIMAL(20,4) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "paymentTermsId" TEXT,
    "termsName" TEXT,
    "termsType" TEXT,
    "dueInDays" INTEGER,
    "termsUpdatedAt" TIMESTAMP(3),
    "agingBucket" TEXT NOT NULL DEFAULT 'current',
    "sourceUpdatedAt" TIMESTAMP(3) NOT NULL,
    "redactedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Receivable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceivableEvent" (
    "id" TEXT NOT NULL,
    "receivableId" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "outstandingAmount" DECIMAL(20,4) NOT NULL,
    "currency" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReceivableEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "payload" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "jobId" TEXT,
    "since" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "checked" INTEGER NOT NULL DEFAULT 0,
    "corrected" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceRequest" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "webhookId" TEXT,
    "customerGid" TEXT,
    "result" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplianceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_shopDomain_receivedAt_idx" ON "WebhookDelivery"("shopDomain", "receivedAt");

-- CreateIndex
CREATE INDEX "Receivable_shopDomain_status_dueAt_idx" ON "Receivable"("shopDomain", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Receivable_shopDomain_customerGid_idx" ON "Receivable"("shopDomain", "customerGid");

-- CreateIndex
CREATE INDEX "Receivable_shopDomain_paymentTermsId_idx" ON "Receivable"("shopDomain", "paymentTermsId");

-- CreateIndex
CREATE UNIQUE INDEX "Receivable_shopDomain_resourceGid_key" ON "Receivable"("shopDomain", "resourceGid");

-- CreateIndex
CREATE INDEX "ReceivableEvent_receivableId_occurredAt_idx" ON "ReceivableEvent"("receivableId", "occurredAt");

-- CreateIndex
CREATE INDEX "ReceivableEvent_shopDomain_occurredAt_idx" ON "ReceivableEvent"("shopDomain", "occurredAt");

-- CreateIndex
CREATE INDEX "Job_status_runAfter_idx" ON "Job"("status", "runAfter");

-- CreateIndex
CREATE INDEX "Job_shopDomain_type_status_idx" ON "Job"("shopDomain", "type", "status");

-- CreateIndex
CREATE INDEX "ReconciliationRun_shopDomain_startedAt_idx" ON "ReconciliationRun"("shopDomain", "startedAt");

-- CreateIndex
CREATE INDEX "ComplianceRequest_shopDomain_createdAt_idx" ON "ComplianceRequest"("shopDomain", "createdAt");

-- AddForeignKey
ALTER TABLE "ReceivableEvent" ADD CONSTRAINT "ReceivableEvent_receivableId_fkey" FOREIGN KEY ("receivableId") REFERENCES "Receivable"("id") ON DELETE CASCADE ON UPDATE CASCADE;
