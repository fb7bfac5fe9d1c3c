import pg from "pg";
import { sqlPool } from "../db.server";

// When web instances leave background work to a separate worker process
// (scripts/worker.ts, QUITA_JOB_RUNNER=off on the web side), PostgreSQL's
// LISTEN/NOTIFY tells the worker there is work at once; its polling remains
// the safety net for a lost notification. Notifications are sent on commit
// and cost the sender one statement (or nothing, folded into the intake INSERT).
// "webhooks": deliveries were accepted (the applier looks); "jobs": pg-boss
// jobs were queued (the job workers fetch; pg-boss's own LISTEN is off, as
// the embedded database can't serve it: jobs/boss.server.ts).

export const WORK_CHANNEL = "quita_work";
export type WorkKind = "webhooks" | "jobs";

export function notifyWorkers(kind: WorkKind): void {
  sqlPool()
    .query("SELECT pg_notify($1, $2)", [WORK_CHANNEL, kind])
    .catch((error: unknown) => console.error(`could not notify workers of ${kind}: ${error instanceof Error ? error.message : String(error)}`));
}

/** Calls the handler of each kind of work announced, on a connection of its own. */
export async function listenForWork(url: string, handlers: Record<WorkKind, () => void>): Promise<{ close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on("notification", (message) => {
    if (message.payload === "webhooks" || message.payload === "jobs") handlers[message.payload]();
  });
  client.on("error", (error) => {
    console.error(`quita worker: lost the notification connection (${error.message}); polling only from now on`);
  });
  await client.query(`LISTEN ${WORK_CHANNEL}`);
  return { close: () => client.end() };
}
