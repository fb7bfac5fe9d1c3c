-- A promise to pay ends kept or broken (a broken one fires the promise-broken Flow trigger); a pause
-- or promise the merchant ended early was resumed (or recorded as kept: the timeline's event says).
ALTER TABLE "CollectionHold" ADD COLUMN "outcome" TEXT;
UPDATE "CollectionHold" h SET "outcome" = COALESCE(
  (SELECT e.details ->> 'why' FROM "ReceivableEvent" e WHERE e."sourceId" = h.id AND e.type = 'hold_ended' LIMIT 1),
  'resumed')
WHERE h."endedAt" IS NOT NULL;
