-- A settlement discount taken off an open invoiced draft order (issue #10): no code of its own, the
-- draft it is on, and what it takes off in the shop's currency.
-- AlterTable
ALTER TABLE "SettlementOffer" ADD COLUMN     "draftOrderGid" TEXT,
ADD COLUMN     "draftOrderName" TEXT,
ADD COLUMN     "invoiceDiscount" DECIMAL(20,4),
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'code',
ALTER COLUMN "code" DROP NOT NULL,
ALTER COLUMN "discountGid" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "SettlementOffer_shopDomain_draftOrderGid_idx" ON "SettlementOffer"("shopDomain", "draftOrderGid");

