-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "appliedAt" TIMESTAMP(3),
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "error" TEXT,
ADD COLUMN     "rawBody" TEXT,
ADD COLUMN     "retryAt" TIMESTAMP(3),
ADD COLUMN     "seq" BIGSERIAL NOT NULL,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'applied',
ALTER COLUMN "outcome" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_seq_idx" ON "WebhookDelivery"("status", "seq");
