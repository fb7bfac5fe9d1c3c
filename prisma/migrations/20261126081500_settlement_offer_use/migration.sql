-- A settlement offer used: the order whose checkout took its code (orders/create) and what the code
-- took off it, in the shop's currency (what the incentive cost).
ALTER TABLE "SettlementOffer" ADD COLUMN "discountAmount" DECIMAL(20,4),
ADD COLUMN "usedAt" TIMESTAMP(3),
ADD COLUMN "usedOrderGid" TEXT,
ADD COLUMN "usedOrderName" TEXT;
