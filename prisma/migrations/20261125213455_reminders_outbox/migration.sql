-- AlterTable
ALTER TABLE "Receivable" ADD COLUMN     "paymentUrl" TEXT;

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "resourceGid" TEXT,
    "locale" TEXT,
    "recipient" TEXT,
    "subject" TEXT,
    "body" TEXT,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "plannedAt" TIMESTAMP(3) NOT NULL,
    "sendingAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderItem" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "receivableId" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "reminderId" TEXT,
    "skipReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionHold" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerKey" TEXT,
    "receivableId" TEXT,
    "kind" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "amount" DECIMAL(20,4),
    "currency" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "CollectionHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowTriggerRun" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firedAt" TIMESTAMP(3),

    CONSTRAINT "FlowTriggerRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reminder_shopDomain_customerKey_status_idx" ON "Reminder"("shopDomain", "customerKey", "status");

-- CreateIndex
CREATE INDEX "Reminder_status_sendingAt_idx" ON "Reminder"("status", "sendingAt");

-- CreateIndex
CREATE INDEX "ReminderItem_shopDomain_idx" ON "ReminderItem"("shopDomain");

-- CreateIndex
CREATE INDEX "ReminderItem_reminderId_idx" ON "ReminderItem"("reminderId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderItem_receivableId_stageId_key" ON "ReminderItem"("receivableId", "stageId");

-- CreateIndex
CREATE INDEX "CollectionHold_shopDomain_until_idx" ON "CollectionHold"("shopDomain", "until");

-- CreateIndex
CREATE UNIQUE INDEX "FlowTriggerRun_shopDomain_handle_subjectKey_key" ON "FlowTriggerRun"("shopDomain", "handle", "subjectKey");

-- AddForeignKey
ALTER TABLE "ReminderItem" ADD CONSTRAINT "ReminderItem_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
