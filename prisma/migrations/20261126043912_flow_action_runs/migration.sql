-- AlterTable
ALTER TABLE "CollectionHold" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'merchant';

-- CreateTable
CREATE TABLE "FlowActionRun" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "actionRunId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "customerKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "responseStatus" INTEGER,
    "responseBody" JSONB,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowActionRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FlowActionRun_shopDomain_customerKey_idx" ON "FlowActionRun"("shopDomain", "customerKey");

-- CreateIndex
CREATE UNIQUE INDEX "FlowActionRun_shopDomain_actionRunId_key" ON "FlowActionRun"("shopDomain", "actionRunId");
