-- Shop-currency amounts beside the presentment ones (docs/decisions/008), and when the order
-- was placed. Rows from before carry their presentment amounts as a stand-in until the next
-- backfill or reconciliation re-reads them from the Admin API, which gives both.
ALTER TABLE "Receivable" ADD COLUMN     "placedAt" TIMESTAMP(3),
ADD COLUMN     "shopCurrency" TEXT,
ADD COLUMN     "shopOutstandingAmount" DECIMAL(20,4),
ADD COLUMN     "shopTotalAmount" DECIMAL(20,4);

UPDATE "Receivable" SET "shopCurrency" = "currency", "shopOutstandingAmount" = "outstandingAmount", "shopTotalAmount" = "totalAmount";

ALTER TABLE "Receivable" ALTER COLUMN "shopCurrency" SET NOT NULL,
ALTER COLUMN "shopOutstandingAmount" SET NOT NULL,
ALTER COLUMN "shopTotalAmount" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Receivable_shopDomain_status_kind_idx" ON "Receivable"("shopDomain", "status", "kind");
