-- CreateTable
CREATE TABLE "SettlementOffer" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "discountGid" TEXT NOT NULL,
    "percentage" DECIMAL(5,4),
    "amount" DECIMAL(20,4),
    "currency" TEXT NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'offered',
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SettlementOffer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SettlementOffer_shopDomain_customerKey_createdAt_idx" ON "SettlementOffer"("shopDomain", "customerKey", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SettlementOffer_shopDomain_code_key" ON "SettlementOffer"("shopDomain", "code");
