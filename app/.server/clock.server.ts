// The one source of business time: how late a debt is, when a job's window
// starts, when a reminder may go out. In production it is the machine's clock.
// In the demo and tests it is the local Shopify double's clock, so advancing
// the double's time moves the app's ages, cadence and jobs with it; that seam
// follows SHOPIFY_DOUBLE_URL, read through env.server.ts, which accepts it only
// on loopback and never in production.
//
// Domain code never reads a clock: it is handed `now`. Infrastructure timers
// (retry back-off, lease expiry, request deadlines) run on wall time.

import { readDoubleUrl } from "../env.server";

export type Clock = () => Promise<Date>;

const systemClock: Clock = async () => new Date();

let override: Clock | null = null;

function doubleClock(doubleUrl: string): Clock {
  const url = `${doubleUrl.replace(/\/$/, "")}/_double/clock`;
  return async () => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the Shopify double's clock answered HTTP ${response.status}`);
    const { now } = (await response.json()) as { now: string };
    return new Date(now);
  };
}

/** Business time now. */
export async function now(): Promise<Date> {
  if (override) return override();
  const doubleUrl = readDoubleUrl(process.env);
  return doubleUrl ? doubleClock(doubleUrl)() : systemClock();
}

/** Tests only: a clock of their own (null restores the default). */
export function setClockForTests(clock: Clock | null): void {
  override = clock;
}
