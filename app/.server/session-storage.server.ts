import { Session } from "@shopify/shopify-api";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { PrismaClient, Session as SessionRow } from "../generated/prisma/client";

/**
 * Shopify sessions in the Session table, through Quita's Prisma 7 client.
 * Shopify's @shopify/shopify-app-session-storage-prisma 11 imports the legacy
 * `@prisma/client` entry, which a Prisma 7 `prisma-client` generator does not
 * produce (docs/decisions/004-own-session-storage.md).
 */
export class PrismaSessionStorage implements SessionStorage {
  constructor(private readonly prisma: PrismaClient) {}

  async storeSession(session: Session): Promise<boolean> {
    const row = toRow(session);
    await this.prisma.session.upsert({ where: { id: session.id }, update: row, create: row });
    return true;
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const row = await this.prisma.session.findUnique({ where: { id } });
    return row ? toSession(row) : undefined;
  }

  async deleteSession(id: string): Promise<boolean> {
    await this.prisma.session.deleteMany({ where: { id } });
    return true;
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    await this.prisma.session.deleteMany({ where: { id: { in: ids } } });
    return true;
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const rows = await this.prisma.session.findMany({ where: { shop }, orderBy: { expires: "desc" }, take: 25 });
    return rows.map(toSession);
  }
}

function toRow(session: Session): SessionRow {
  const user = session.onlineAccessInfo?.associated_user;
  return {
    id: session.id,
    shop: session.shop,
    state: session.state,
    isOnline: session.isOnline,
    scope: session.scope ?? null,
    expires: session.expires ?? null,
    accessToken: session.accessToken ?? "",
    userId: user ? BigInt(user.id) : null,
    firstName: user?.first_name ?? null,
    lastName: user?.last_name ?? null,
    email: user?.email ?? null,
    accountOwner: user?.account_owner ?? null,
    locale: user?.locale ?? null,
    collaborator: user?.collaborator ?? null,
    emailVerified: user?.email_verified ?? null,
    refreshToken: session.refreshToken ?? null,
    refreshTokenExpires: session.refreshTokenExpires ?? null,
  };
}

function toSession(row: SessionRow): Session {
  const session = new Session({
    id: row.id,
    shop: row.shop,
    state: row.state,
    isOnline: row.isOnline,
    scope: row.scope ?? undefined,
    expires: row.expires ?? undefined,
    accessToken: row.accessToken || undefined,
    refreshToken: row.refreshToken ?? undefined,
    refreshTokenExpires: row.refreshTokenExpires ?? undefined,
  });
  if (row.userId !== null) {
    session.onlineAccessInfo = {
      // eslint-disable-next-line no-restricted-syntax -- wall time: Shopify's token expiry is a real instant
      expires_in: row.expires ? Math.max(0, Math.round((row.expires.getTime() - Date.now()) / 1000)) : 0,
      associated_user_scope: row.scope ?? "",
      associated_user: {
        id: Number(row.userId),
        first_name: row.firstName ?? "",
        last_name: row.lastName ?? "",
        email: row.email ?? "",
        email_verified: row.emailVerified ?? false,
        account_owner: row.accountOwner ?? false,
        locale: row.locale ?? "",
        collaborator: row.collaborator ?? false,
      },
    };
  }
  return session;
}
