// The double's own time: payment schedules come due and emails are stamped against it, so a
// test can live through 90 days of collection in milliseconds. Session-token JWTs do NOT use
// it: the app verifies them against real time (jose), so they are minted from Date.now().
export class Clock {
  private offsetMs: number;
  constructor(start: Date = new Date()) {
    this.offsetMs = start.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
