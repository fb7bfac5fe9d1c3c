import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { findShop } from "../.server/shops.server";
import { now } from "../.server/clock.server";
import { previewTemplate } from "../.server/settings/template-preview.server";
import type { LetterLocale } from "../domain/letter-identity";
import type { StageKind } from "../domain/letters/types";

// The letter a template the merchant is still editing would write, for Settings'
// preview (posted as they type, a moment after they stop).
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  const text = (name: string) => (typeof body?.[name] === "string" ? (body[name] as string) : "");
  return previewTemplate(shop, text("kind") as StageKind, text("locale") as LetterLocale, { subject: text("subject"), body: text("body") }, await now());
};
