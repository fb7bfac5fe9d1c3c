import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { findShop, saveCollectionSettings } from "../.server/shops.server";
import { settingsFrom } from "../domain/cadence/settings";
import { readRemindersForm } from "../domain/cadence/settings-form";

// Saves the reminders card of Settings: when letters may go out, how many a
// week, and whether Shopify's own payment reminders already email customers.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await findShop(session.shop);
  if (!shop) throw new Response("Shop not installed", { status: 404 });
  const form = await request.formData();
  const result = readRemindersForm(settingsFrom((shop.settings as { collection?: unknown } | null)?.collection), {
    shopifyPaymentReminders: form.get("shopifyPaymentReminders") === "on",
    quietStart: String(form.get("quietStart") ?? ""),
    quietEnd: String(form.get("quietEnd") ?? ""),
    days: form.getAll("days").map(Number),
    contactsPerWeek: String(form.get("contactsPerWeek") ?? ""),
  });
  if (!result.ok) return { saved: false as const, errors: result.errors };
  await saveCollectionSettings(session.shop, result.value);
  return { saved: true as const, errors: {} };
};
