-- CreateTable
CREATE TABLE "CustomerNote" (
    "id" TEXT NOT NULL,
    "shopDomain" TEXT NOT NULL,
    "customerKey" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerNote_shopDomain_customerKey_createdAt_idx" ON "CustomerNote"("shopDomain", "customerKey", "createdAt");
