import type { Prisma, Receivable } from "../../generated/prisma/client";
import type { EventFacts, ReceivableEventType } from "../../domain/ledger/transitions";
import type { CollectionEventType } from "../../domain/cadence/events";

/** Everything a debt's timeline records: the ledger's changes and what collecting did. */
export type TimelineEventType = ReceivableEventType | CollectionEventType;

type Db = Prisma.TransactionClient;

/** Where a change came from, for the event log: a webhook (topic + id), backfill, reconcile, aging. */
export interface ChangeSource {
  source: string;
  sourceId?: string | null;
}

export type EventSubject = Pick<Receivable, "id" | "shopDomain" | "outstandingAmount" | "currency" | "dueAt" | "agingBucket" | "status">;

/** The timeline rows for `types`, each carrying the receivable's state after the change and the decision's facts. */
export function eventRows(
  receivable: EventSubject,
  types: TimelineEventType[],
  happenedAt: Date,
  now: Date,
  change: ChangeSource,
  facts: EventFacts = {},
  createdAt?: Date,
): Prisma.ReceivableEventCreateManyInput[] {
  return types.map((type) => ({
    receivableId: receivable.id,
    shopDomain: receivable.shopDomain,
    type,
    // Overdue is a fact of the calendar, noticed now; the rest happened when Shopify says.
    occurredAt: type === "overdue" ? now : happenedAt,
    outstandingAmount: receivable.outstandingAmount,
    currency: receivable.currency,
    source: change.source,
    sourceId: change.sourceId ?? null,
    details: { status: receivable.status, dueAt: receivable.dueAt?.toISOString() ?? null, agingBucket: receivable.agingBucket, ...facts },
    ...(createdAt ? { createdAt } : {}),
  }));
}

export async function appendEvents(
  db: Db,
  receivable: EventSubject,
  types: TimelineEventType[],
  happenedAt: Date,
  now: Date,
  change: ChangeSource,
  facts: EventFacts = {},
): Promise<void> {
  if (types.length === 0) return;
  await db.receivableEvent.createMany({ data: eventRows(receivable, types, happenedAt, now, change, facts) });
}
