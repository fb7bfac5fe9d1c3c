import prisma from "../../db.server";
import { decideSendNow, type SendNowRefusal } from "../../domain/cadence/send-now";
import { wakeJobWorkers } from "../jobs/enqueue.server";
import { loadPlanInput } from "./collection-state.server";
import { missingLetterIdentity } from "../../domain/letter-identity";
import { prepareCollectionPass, recordPlan, SIGNATORY } from "./planning.server";

// "Send the next reminder now", from a customer's page or the Debtors list's
// bulk action. The cadence writes each customer's next stage now rather than
// on its date (domain/cadence/send-now.ts), and the letter is recorded exactly
// as a collections pass records one: `planned` with its items and its send
// job, in one transaction (docs/decisions/010). So the same sender claims it,
// waits for the shop's hours, reads every debt again from Shopify (a debt paid
// or cancelled since withdraws it) and sends it once.

export type SendNowResult =
  | { customerKey: string; outcome: "queued"; letters: number }
  /** Recorded, and the shop's hours hold it until then. */
  | { customerKey: string; outcome: "waits"; until: Date }
  /** A letter for them is already planned or being sent: a second one would reach them twice. */
  | { customerKey: string; outcome: "already_queued" }
  | { customerKey: string; outcome: "refused"; reason: SendNowRefusal | "not_installed" | "identity_missing"; until: Date | null };

export async function sendNextReminderNow(shopDomain: string, customerKeys: string[], at: Date): Promise<SendNowResult[]> {
  const keys = [...new Set(customerKeys)];
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { ...SIGNATORY, domain: true, installed: true, ianaTimezone: true, settings: true },
  });
  if (!shop?.installed) return keys.map((customerKey) => ({ customerKey, outcome: "refused", reason: "not_installed", until: null }));
  // As a collections pass: no letter until it can carry the identity the law asks for.
  if (missingLetterIdentity(shop).length > 0) return keys.map((customerKey) => ({ customerKey, outcome: "refused", reason: "identity_missing", until: null }));
  // Sends a crashed sender left hanging count as contacts (unknown) before the cap is judged.
  await prepareCollectionPass(shopDomain, at);
  const input = await loadPlanInput(prisma, shop, at, { customerKeys: keys });
  const pending = await prisma.reminder.findMany({
    where: { shopDomain, customerKey: { in: keys }, status: { in: ["planned", "sending"] } },
    select: { customerKey: true },
  });
  const busy = new Set(pending.map((p) => p.customerKey));

  const results: SendNowResult[] = [];
  let queuedAny = false;
  for (const customerKey of keys) {
    if (busy.has(customerKey)) {
      results.push({ customerKey, outcome: "already_queued" });
      continue;
    }
    const decision = decideSendNow(input, customerKey);
    if (decision.kind === "refused") {
      results.push({ customerKey, outcome: "refused", reason: decision.reason, until: decision.until });
      continue;
    }
    const { planned } = await recordPlan(shopDomain, { letters: decision.letters, skips: decision.skips, deferred: [] }, at);
    // Zero: a collections pass planned one of these stages a moment before, and that letter goes instead.
    if (planned === 0) results.push({ customerKey, outcome: "already_queued" });
    else if (decision.waitsUntil) results.push({ customerKey, outcome: "waits", until: decision.waitsUntil });
    else results.push({ customerKey, outcome: "queued", letters: planned });
    queuedAny ||= planned > 0;
  }
  if (queuedAny) wakeJobWorkers();
  return results;
}
