-- CreateTable
CREATE TABLE "InstallmentAgreement" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "receivableId" TEXT NOT NULL,
    "orderGid" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "totalAmount" DECIMAL(20,4) NOT NULL,
    "count" INTEGER NOT NULL,
    "intervalDays" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "holdId" TEXT,
    "settlement" TEXT,
    "source" TEXT NOT NULL DEFAULT 'merchant',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "InstallmentAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Installment" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "amount" DECIMAL(20,4) NOT NULL,
    "dueOn" TEXT NOT NULL,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "missedAt" TIMESTAMP(3) NOT NULL,
    "draftOrderGid" TEXT NOT NULL,
    "draftOrderName" TEXT NOT NULL,
    "invoiceUrl" TEXT,
    "invoiceStatus" TEXT NOT NULL DEFAULT 'pending',
    "invoicedAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "noticeStatus" TEXT,
    "missedOn" TIMESTAMP(3),
    "reason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Installment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InstallmentAgreement_shopDomain_status_idx" ON "InstallmentAgreement"("shopDomain", "status");

-- CreateIndex
CREATE INDEX "InstallmentAgreement_shopDomain_customerKey_idx" ON "InstallmentAgreement"("shopDomain", "customerKey");

-- CreateIndex
CREATE UNIQUE INDEX "Installment_agreementId_number_key" ON "Installment"("agreementId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Installment_shopDomain_draftOrderGid_key" ON "Installment"("shopDomain", "draftOrderGid");

-- AddForeignKey
ALTER TABLE "Installment" ADD CONSTRAINT "Installment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "InstallmentAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

