import prisma from "../../db.server";
import { refreshDebtorSummaries, type SummaryShop } from "../collections/debtor-summaries.server";
import { planReminders, type DeferReason, type Plan, type PlannedLetter, type PlannedSkip } from "../../domain/cadence/plan";
import { enqueueIn, jobsReady, lettersWithASend, releaseHeldSends, wakeJobWorkers } from "../jobs/enqueue.server";
import { settingsFrom } from "../../domain/cadence/settings";
import { withinQuietHours } from "../../domain/cadence/local-time";
import { missingLetterIdentity, type IdentityField } from "../../domain/letter-identity";
import { loadPlanInput } from "./collection-state.server";
import { noteOnTimelines } from "./reminder-events.server";
import { settlePromises } from "./promise-outcomes.server";
import { expireSettlementOffers } from "../incentives/settlement-discounts.server";

// A collections pass for one shop (a job, every few minutes and after
// webhooks): settle sends a crashed sender left hanging, then plan and record
// the letters the cadence says are due, each committed as `planned` with the
// job that will send it, in one transaction (docs/decisions/010).

/** A send still "sending" after this long (wall time) was cut short: its fate is unknown. */
export const SENDING_LEASE_MS = 10 * 60_000;

export interface CollectionPass {
  planned: number;
  skipped: number;
  deferred: Partial<Record<DeferReason, number>>;
  unknown: number;
  /** What the letters must still carry before any is written (missingLetterIdentity); none planned meanwhile. */
  identityMissing?: IdentityField[];
}

class AlreadyPlanned extends Error {}

/** Another planner (another app instance) took one of these stages first: the unique key refuses the whole letter. */
async function recordLetter(shopDomain: string, letter: PlannedLetter, now: Date): Promise<string | null> {
  try {
    return await prisma.$transaction(async (tx) => {
      const reminder = await tx.reminder.create({
        data: { shopDomain, customerKey: letter.customerKey, stageId: letter.stage.id, kind: letter.stage.kind, channel: letter.channel, plannedAt: now },
      });
      const items = letter.items.map((item) => ({ shopDomain, receivableId: item.receivableId, stageId: item.stageId, reminderId: reminder.id }));
      const inserted = await tx.reminderItem.createManyAndReturn({ data: items, skipDuplicates: true, select: { id: true } });
      if (inserted.length !== items.length) throw new AlreadyPlanned();
      await enqueueIn(tx, "send-reminder", { shop: shopDomain, reminderId: reminder.id });
      return reminder.id;
    });
  } catch (error) {
    if (error instanceof AlreadyPlanned) return null;
    throw error;
  }
}

/** A first pass over a large ledger skips thousands of passed stages: recorded a chunk per transaction, each well inside its timeout. */
const SKIP_CHUNK = 2_000;

async function recordSkips(shopDomain: string, skips: PlannedSkip[], now: Date): Promise<number> {
  let recorded = 0;
  for (let start = 0; start < skips.length; start += SKIP_CHUNK) {
    const chunk = skips.slice(start, start + SKIP_CHUNK);
    recorded += await prisma.$transaction(async (tx) => {
      const inserted = await tx.reminderItem.createManyAndReturn({
        data: chunk.map((s) => ({ shopDomain, receivableId: s.receivableId, stageId: s.stageId, skipReason: s.reason })),
        skipDuplicates: true,
        select: { receivableId: true, stageId: true, skipReason: true },
      });
      // One timeline write per stage and reason, not one per debt.
      const groups = new Map<string, { stage: string; reason: string; ids: string[] }>();
      for (const item of inserted) {
        const key = `${item.stageId} ${item.skipReason}`;
        const group = groups.get(key) ?? { stage: item.stageId, reason: item.skipReason!, ids: [] };
        group.ids.push(item.receivableId);
        groups.set(key, group);
      }
      for (const group of groups.values()) await noteOnTimelines(tx, group.ids, "reminder_skipped", now, { stage: group.stage, reason: group.reason }, null);
      return inserted.length;
    });
  }
  return recorded;
}

/** Sends cut short between Shopify's answer and its record: shown as unknown, never sent again by themselves. */
export async function settleInterruptedSends(shopDomain: string, now: Date): Promise<number> {
  // eslint-disable-next-line no-restricted-syntax -- wall time: compared with updatedAt, which Prisma stamps on the real clock (@updatedAt)
  const cutOff = new Date(Date.now() - SENDING_LEASE_MS);
  return prisma.$transaction(async (tx) => {
    const stuck = await tx.reminder.findMany({
      where: { shopDomain, status: "sending", updatedAt: { lt: cutOff } },
      select: { id: true, stageId: true, items: { select: { receivableId: true } } },
    });
    for (const reminder of stuck) {
      const { count } = await tx.reminder.updateMany({
        where: { id: reminder.id, status: "sending" },
        data: {
          status: "unknown",
          finishedAt: now,
          reason: "Quita stopped while Shopify was sending this letter: check the customer's emails before sending it again",
        },
      });
      if (count)
        await noteOnTimelines(
          tx,
          reminder.items.map((i) => i.receivableId),
          "reminder_unknown",
          now,
          { stage: reminder.stageId },
          reminder.id,
        );
    }
    return stuck.length;
  });
}

/** Why a letter whose send gave up was withdrawn, on its debts' timelines. */
export const STRANDED_REASON = "Shopify stayed busy until Quita stopped retrying: written again from the ledger as it is now";

/**
 * Letters still `planned` with no send job standing for them: Shopify answered busy (THROTTLED, 429, 5xx)
 * until the queue gave up retrying, or the job went some other way (cancelled on uninstall, then
 * reinstalled). Nothing else would take them up, and their stages stay settled: the debts would never
 * get those letters. `planned` means Shopify never acted on them, so they are withdrawn like a letter
 * the sender withdraws (stages unsettled, `skipped` with the reason, noted on the timeline), and this
 * very pass plans again from the ledger as it is now. Withdrawn rather than queued again: the cadence
 * then judges afresh what the letter should be (a stage passed meanwhile, a pause or a promise since,
 * the cap, the hours), which a send queued again would not. Only letters untouched for a lease (wall
 * time), as for sends cut short; and only while still `planned`: a sender claims the same row
 * conditionally, so either it sends the letter or this withdraws it, never both.
 */
export async function withdrawStrandedLetters(shopDomain: string, now: Date): Promise<number> {
  // eslint-disable-next-line no-restricted-syntax -- wall time: compared with updatedAt, which Prisma stamps on the real clock (@updatedAt)
  const cutOff = new Date(Date.now() - SENDING_LEASE_MS);
  const planned = await prisma.reminder.findMany({
    where: { shopDomain, status: "planned", updatedAt: { lt: cutOff } },
    select: { id: true, stageId: true, items: { select: { receivableId: true } } },
  });
  if (planned.length === 0) return 0;
  const withSend = await lettersWithASend(
    shopDomain,
    planned.map((r) => r.id),
  );
  let withdrawn = 0;
  for (const reminder of planned.filter((r) => !withSend.has(r.id))) {
    withdrawn += await prisma.$transaction(async (tx) => {
      const { count } = await tx.reminder.updateMany({
        where: { id: reminder.id, status: "planned" },
        data: { status: "skipped", reason: STRANDED_REASON, finishedAt: now },
      });
      if (!count) return 0;
      await tx.reminderItem.deleteMany({ where: { reminderId: reminder.id } });
      const ids = reminder.items.map((i) => i.receivableId);
      await noteOnTimelines(tx, ids, "reminder_skipped", now, { stage: reminder.stageId, reason: STRANDED_REASON }, reminder.id);
      return 1;
    });
  }
  return withdrawn;
}

// Debts that became overdue while Quita watched (not ones already late when the
// backfill found them: a merchant's workflows are not flooded on install), and
// debts settled after Quita had written about them: each fires its Flow trigger once.
// Recorded at business time ($2), as the timeline places a run that could not fire by it.
const LEDGER_TRIGGERS = `
INSERT INTO "FlowTriggerRun" (id, "shopDomain", handle, "subjectKey", "createdAt")
SELECT gen_random_uuid()::text, r."shopDomain", t.handle, r.id, $2
FROM "Receivable" r
CROSS JOIN LATERAL (SELECT CASE
  WHEN r.status = 'open' AND r.kind = 'order' AND r."agingBucket" IN ('1-30', '31-60', '61-90', '90+')
    AND EXISTS (SELECT 1 FROM "ReceivableEvent" e WHERE e."receivableId" = r.id AND e.type = 'overdue' AND e.source <> 'backfill') THEN 'payment-overdue'
  WHEN r.status = 'paid' AND EXISTS (SELECT 1 FROM "ReminderItem" i WHERE i."receivableId" = r.id AND i."reminderId" IS NOT NULL) THEN 'debt-settled'
END AS handle) t
WHERE r."shopDomain" = $1 AND t.handle IS NOT NULL
ON CONFLICT ("shopDomain", handle, "subjectKey") DO NOTHING
RETURNING id`;

async function queueLedgerTriggers(shopDomain: string, now: Date): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const runs = await tx.$queryRawUnsafe<{ id: string }[]>(LEDGER_TRIGGERS, shopDomain, now);
    for (const run of runs) await enqueueIn(tx, "fire-flow-trigger", { shop: shopDomain, runId: run.id });
    return runs.length;
  });
}

/**
 * Before planning: sends a crashed sender left hanging become unknown, letters whose send gave up are
 * withdrawn (to be planned again), promises to pay whose debts were settled or whose date came are
 * recorded kept or broken, settlement offers whose end came expire, and the ledger's Flow triggers are queued.
 */
export async function prepareCollectionPass(shopDomain: string, now: Date): Promise<{ unknown: number; triggers: number }> {
  await jobsReady();
  const unknown = await settleInterruptedSends(shopDomain, now);
  await withdrawStrandedLetters(shopDomain, now);
  await settlePromises(shopDomain, now);
  await expireSettlementOffers(shopDomain, now);
  return { unknown, triggers: await queueLedgerTriggers(shopDomain, now) };
}

/** Writes what the cadence decided: the stages it skipped, then each letter with the job that sends it. */
export async function recordPlan(shopDomain: string, plan: Plan, now: Date): Promise<{ planned: number; skipped: number }> {
  const skipped = await recordSkips(shopDomain, plan.skips, now);
  let planned = 0;
  for (const letter of plan.letters) if (await recordLetter(shopDomain, letter, now)) planned++;
  return { planned, skipped };
}

/**
 * The Debtors page and the overview bring the summaries up to date themselves; doing it here too
 * means the first page of a new day rarely waits for every debt's cadence to be worked out again.
 */
async function keepDebtorSummariesWarm(shop: SummaryShop, now: Date) {
  try {
    await refreshDebtorSummaries(shop, now);
  } catch (error) {
    console.warn(
      `collections pass of ${shop.domain}: debtor summaries not refreshed (${error instanceof Error ? error.message : String(error)}); the next page view does it`,
    );
  }
}

/** The shop's fields missingLetterIdentity reads. */
export const SIGNATORY = { countryCode: true, name: true, legalName: true, legalAddress: true, taxId: true } as const;

export async function runCollectionPass(shopDomain: string, now: Date): Promise<CollectionPass> {
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { ...SIGNATORY, domain: true, installed: true, ianaTimezone: true, settings: true, currencyCode: true },
  });
  if (!shop?.installed) return { planned: 0, skipped: 0, deferred: {}, unknown: 0 };
  const { unknown, triggers } = await prepareCollectionPass(shopDomain, now);
  // No letter is written while it could not be signed as the law asks; the stages stay due, so the
  // first pass after Settings has the identity writes them.
  const identityMissing = missingLetterIdentity(shop);
  if (identityMissing.length > 0) {
    if (triggers) wakeJobWorkers();
    return { planned: 0, skipped: 0, deferred: {}, unknown, identityMissing };
  }
  const hours = settingsFrom((shop.settings as { collection?: unknown } | null)?.collection).quietHours;
  if (withinQuietHours(now, shop.ianaTimezone, hours)) await releaseHeldSends(shopDomain);
  const plan = planReminders(await loadPlanInput(prisma, shop, now));
  const { planned, skipped } = await recordPlan(shopDomain, plan, now);
  if (planned || triggers) wakeJobWorkers();
  await keepDebtorSummariesWarm(shop, now);
  const deferred: Partial<Record<DeferReason, number>> = {};
  for (const d of plan.deferred) deferred[d.reason] = (deferred[d.reason] ?? 0) + 1;
  return { planned, skipped, deferred, unknown };
}
