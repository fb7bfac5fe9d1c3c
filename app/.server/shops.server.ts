import prisma from "../db.server";
import type { Prisma, Shop } from "../generated/prisma/client";
import { fetchShopIdentity } from "./shopify/shop.server";
import type { AdminGraphql } from "./shopify/admin-graphql.server";
import { formatAddress } from "../domain/address";
import { defaultLetterLocale } from "../domain/letter-locale";
import type { CollectionSettings } from "../domain/cadence/settings";

/**
 * Called after Shopify authenticates an install (or a reinstall): the shop is
 * (re)marked installed and its identity refreshed from the Admin API, while
 * what the merchant chose for letters (legal name, address, tax id) is kept.
 * `installedAt` is business time (`await now()`), as every date the ledger shows.
 */
export async function recordInstall(domain: string, scopes: string | null, graphql: AdminGraphql, installedAt: Date): Promise<Shop> {
  const identity = await fetchShopIdentity(graphql);
  const address = identity.billingAddress;
  const refreshed = {
    installed: true,
    uninstalledAt: null,
    scopes,
    name: identity.name,
    currencyCode: identity.currencyCode,
    ianaTimezone: identity.ianaTimezone,
    countryCode: address.countryCodeV2 ?? null,
  };
  return prisma.shop.upsert({
    where: { domain },
    update: refreshed,
    create: {
      domain,
      ...refreshed,
      installedAt,
      legalName: address.company || identity.name,
      legalAddress: formatAddress(address),
      locale: defaultLetterLocale(address.countryCodeV2),
    },
  });
}

/** Whether the granted scopes let Quita read orders older than 60 days. */
export function grantsAllOrders(scopes: string | null | undefined): boolean {
  return (scopes ?? "").split(",").some((scope) => scope.trim() === "read_all_orders");
}

/** The shop's collection policy (cadence, quiet hours, cap, Shopify's own reminders), kept beside its other settings. */
export async function saveCollectionSettings(domain: string, collection: CollectionSettings): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { domain }, select: { settings: true } });
    const settings = { ...((shop.settings as Record<string, unknown> | null) ?? {}), collection } as unknown as Prisma.InputJsonValue;
    await tx.shop.update({ where: { domain }, data: { settings } });
  });
}

export function findShop(domain: string): Promise<Shop | null> {
  return prisma.shop.findUnique({ where: { domain } });
}

export interface LetterIdentity {
  legalName: string | null;
  legalAddress: string | null;
  taxId: string | null;
  locale: string;
}

export function updateLetterIdentity(domain: string, identity: LetterIdentity): Promise<Shop> {
  return prisma.shop.update({ where: { domain }, data: identity });
}

type Db = Prisma.TransactionClient;

/** Uninstall stops everything at once: the shop is flagged and its tokens are gone. Pass `db` to run inside a transaction. */
export async function recordUninstall(domain: string, at: Date, db?: Db): Promise<void> {
  if (!db) return prisma.$transaction((tx) => recordUninstall(domain, at, tx));
  await db.shop.updateMany({ where: { domain }, data: { installed: false, uninstalledAt: at } });
  await db.session.deleteMany({ where: { shop: domain } });
}

export async function recordScopes(domain: string, scopes: string[], db?: Db): Promise<void> {
  if (!db) return prisma.$transaction((tx) => recordScopes(domain, scopes, tx));
  const scope = scopes.join(",");
  await db.shop.updateMany({ where: { domain }, data: { scopes: scope } });
  await db.session.updateMany({ where: { shop: domain }, data: { scope } });
}
