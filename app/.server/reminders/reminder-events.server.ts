import type { Prisma } from "../../generated/prisma/client";
import type { CollectionEventType } from "../../domain/cadence/events";
import { eventRows } from "../ledger/receivable-events.server";

type Db = Prisma.TransactionClient;

/**
 * Notes `type` on the timeline of each debt, with the letter's facts (stage,
 * reason, the reminder's id): every send, skip, failure and trigger is there.
 */
export async function noteOnTimelines(
  db: Db,
  receivableIds: string[],
  type: CollectionEventType,
  now: Date,
  facts: Record<string, string>,
  sourceId: string | null,
): Promise<void> {
  if (receivableIds.length === 0) return;
  const subjects = await db.receivable.findMany({
    where: { id: { in: receivableIds } },
    select: { id: true, shopDomain: true, outstandingAmount: true, currency: true, dueAt: true, agingBucket: true, status: true },
  });
  const rows = subjects.flatMap((subject) => eventRows(subject, [type], now, now, { source: "collections", sourceId }, facts));
  await db.receivableEvent.createMany({ data: rows });
}
