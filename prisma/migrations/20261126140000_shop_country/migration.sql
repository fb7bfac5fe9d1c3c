-- The shop's country, from its billing address (issue #8): in Brazil every collection letter must
-- carry the merchant's name, address and CNPJ/CPF, and letters wait until Settings has them.
-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "countryCode" TEXT;
