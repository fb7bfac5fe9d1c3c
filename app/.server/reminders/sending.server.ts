import prisma from "../../db.server";
import type { Reminder } from "../../generated/prisma/client";
import { settingsFrom } from "../../domain/cadence/settings";
import { nextAllowed, withinQuietHours } from "../../domain/cadence/local-time";
import type { StageKind } from "../../domain/letters/types";
import { enqueueIn } from "../jobs/enqueue.server";
import { ShopifyUserError, type AdminGraphql } from "../shopify/admin-graphql.server";
import { sendOrderInvoice } from "../shopify/orders.server";
import { sendDraftOrderInvoice } from "../shopify/draft-orders.server";
import { sendPaymentReminder } from "../shopify/payment-terms.server";
import { checkLive } from "./live-check.server";
import { LetterNotWritable, writeLetter } from "./letter.server";
import { offerOfLetter } from "./letter-offer.server";
import { noteOnTimelines } from "./reminder-events.server";
import { queueFlowTrigger } from "./flow-triggers.server";
import { shopifyDidNotProcess } from "./send-errors.server";

// Sending one planned letter, exactly once (docs/decisions/010). The letter is
// claimed (planned → sending) in its own committed statement, so two workers
// never send it; the debts are read again from Shopify; the letter is rendered
// and stored before Shopify is asked to send it; then its outcome is recorded.
// A crash after Shopify's answer and before that record leaves it "sending",
// which the next collections pass turns into "unknown" for the merchant to see:
// it is never sent again by itself.

export type SendOutcome = { status: "sent" | "skipped" | "failed" | "deferred" | "not-planned"; reason?: string };

async function claim(reminderId: string, now: Date): Promise<Reminder | null> {
  const rows = await prisma.$queryRaw<Reminder[]>`
    UPDATE "Reminder" SET status = 'sending', "sendingAt" = ${now}, attempts = attempts + 1, "updatedAt" = now()
    WHERE id = ${reminderId} AND status = 'planned' RETURNING *`;
  return rows[0] ?? null;
}

const release = (id: string) => prisma.reminder.updateMany({ where: { id, status: "sending" }, data: { status: "planned" } });

/** Not now after all: the stages stay unsettled and the next pass plans again from the ledger as it is. */
async function withdraw(reminder: Reminder, receivableIds: string[], reason: string, now: Date): Promise<SendOutcome> {
  await prisma.$transaction(async (tx) => {
    await tx.reminderItem.deleteMany({ where: { reminderId: reminder.id } });
    await tx.reminder.update({ where: { id: reminder.id }, data: { status: "skipped", reason, finishedAt: now } });
    await noteOnTimelines(tx, receivableIds, "reminder_skipped", now, { stage: reminder.stageId, reason }, reminder.id);
  });
  return { status: "skipped", reason };
}

async function finish(
  reminder: Reminder,
  receivableIds: string[],
  status: "sent" | "failed" | "unknown",
  now: Date,
  reason: string | null,
  flowHandle?: "reminder-sent" | "reminder-not-sent",
) {
  await prisma.$transaction(async (tx) => {
    await tx.reminder.update({ where: { id: reminder.id }, data: { status, reason, finishedAt: now } });
    const type = status === "sent" ? "reminder_sent" : status === "failed" ? "reminder_failed" : "reminder_unknown";
    await noteOnTimelines(tx, receivableIds, type, now, { stage: reminder.stageId, ...(reason ? { reason } : {}) }, reminder.id);
    if (flowHandle) await queueFlowTrigger(tx, reminder.shopDomain, flowHandle, reminder.id, now);
  });
}

/** A stage left to Shopify's own payment reminder email: no letter of Quita's, Shopify's wording and link. */
async function sendShopifyReminder(reminder: Reminder, ids: string[], orderGid: string, graphql: AdminGraphql, now: Date): Promise<SendOutcome> {
  await prisma.reminder.update({ where: { id: reminder.id }, data: { resourceGid: orderGid, subject: null, body: null } });
  try {
    await sendPaymentReminder(graphql, orderGid);
  } catch (error) {
    if (error instanceof ShopifyUserError) {
      const reason = error.userErrors.map((e) => e.message).join("; ");
      await finish(reminder, ids, "failed", now, reason, "reminder-not-sent");
      return { status: "failed", reason };
    }
    if (shopifyDidNotProcess(error)) throw error; // put back to planned by the caller, retried by the queue
    await finish(
      reminder,
      ids,
      "unknown",
      now,
      `Shopify's answer was lost (${error instanceof Error ? error.message : String(error)}): check before sending again`,
    );
    return { status: "failed", reason: "unknown" };
  }
  await finish(reminder, ids, "sent", now, null, "reminder-sent");
  return { status: "sent" };
}

export async function sendReminder(shopDomain: string, reminderId: string, graphql: AdminGraphql, now: Date): Promise<SendOutcome> {
  const reminder = await claim(reminderId, now);
  if (!reminder) return { status: "not-planned" };
  const items = await prisma.reminderItem.findMany({ where: { reminderId }, select: { receivableId: true } });
  const ids = items.map((i) => i.receivableId);
  // Set once Shopify may have sent the email: from then on the letter is never put back to planned.
  let mayHaveSent = false;
  try {
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
    if (!shop.installed) return withdraw(reminder, ids, "the app was uninstalled", now);
    const settings = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection);
    if (!withinQuietHours(now, shop.ianaTimezone, settings.quietHours)) {
      // Late out of the queue (a retry, a busy worker): it waits for the shop's daytime. The queue runs on
      // wall time, business time may not (the demo's and the tests' shared clock): it waits the gap.
      const wait = nextAllowed(now, shop.ianaTimezone, settings.quietHours).getTime() - now.getTime();
      await prisma.$transaction(async (tx) => {
        await tx.reminder.update({ where: { id: reminder.id }, data: { status: "planned" } });
        // eslint-disable-next-line no-restricted-syntax -- wall time: pg-boss's startAfter runs on the database's real clock; `wait` is the business-time gap
        await enqueueIn(tx, "send-reminder", { shop: shopDomain, reminderId }, new Date(Date.now() + wait));
      });
      return { status: "deferred", reason: "quiet hours" };
    }
    const live = await checkLive(shopDomain, ids, graphql, now, reminder.id);
    if (!live.ok)
      return withdraw(reminder, ids, live.reason === "changed" ? "what is owed changed before sending" : "Shopify would not show the order to check it", now);

    if (reminder.channel === "shopify_reminder") {
      mayHaveSent = true;
      return await sendShopifyReminder(reminder, ids, live.receivables[0]!.resourceGid, graphql, now);
    }
    // The offer as the letter preview says it (letter-offer.server.ts), a policy's code made now if it comes to that.
    const offer = await offerOfLetter(shop, reminder.customerKey, reminder.stageId, live.receivables, now, { graphql });
    let letter;
    try {
      letter = writeLetter(shop, reminder.kind as StageKind, live.receivables, now, offer.phrasing, offer.through);
    } catch (error) {
      if (!(error instanceof LetterNotWritable)) throw error;
      await finish(reminder, ids, "failed", now, error.message);
      return { status: "failed", reason: error.message };
    }
    // What will be sent is stored first: preview, timeline and a crash all see the same letter.
    await prisma.reminder.update({
      where: { id: reminder.id },
      data: { subject: letter.subject, body: letter.body, recipient: letter.recipient, locale: letter.locale, resourceGid: letter.resourceGid },
    });
    if (reminder.channel === "flow" || !letter.recipient) {
      const reason = "no usable email address: handed to Flow";
      await finish(reminder, ids, "failed", now, reason, "reminder-not-sent");
      return { status: "failed", reason };
    }
    const email = { to: letter.recipient, subject: letter.subject, customMessage: letter.body };
    mayHaveSent = true;
    try {
      if (letter.resourceGid.includes("/DraftOrder/")) await sendDraftOrderInvoice(graphql, letter.resourceGid, email);
      else await sendOrderInvoice(graphql, letter.resourceGid, email);
    } catch (error) {
      if (error instanceof ShopifyUserError) {
        const reason = error.userErrors.map((e) => e.message).join("; ");
        await finish(reminder, ids, "failed", now, reason, "reminder-not-sent");
        return { status: "failed", reason };
      }
      if (shopifyDidNotProcess(error)) throw error; // released below, retried by the queue
      await finish(
        reminder,
        ids,
        "unknown",
        now,
        `Shopify's answer was lost (${error instanceof Error ? error.message : String(error)}): check before sending again`,
      );
      return { status: "failed", reason: "unknown" };
    }
    await finish(reminder, ids, "sent", now, null, "reminder-sent");
    return { status: "sent" };
  } catch (error) {
    // Nothing reached Shopify (or it refused to process it): the letter is planned again for the retry.
    // Otherwise it stays "sending" and the next collections pass records it as unknown.
    if (!mayHaveSent || shopifyDidNotProcess(error)) await release(reminder.id);
    throw error;
  }
}
