// Quita's background worker, for the scaled deployment: web instances run with
// QUITA_JOB_RUNNER=off and only accept webhooks and serve pages; one or more of
// these apply the accepted webhooks and run the jobs (pg-boss: backfill,
// reconciliation and its hourly cron), woken at once by PostgreSQL
// notifications and polling as a safety net. Several workers share the work
// safely (webhook deliveries are claimed with SKIP LOCKED, pg-boss jobs the
// same way, and a worker that dies loses its jobs to the others within a
// minute). It needs a PostgreSQL server: the embedded database belongs to the
// one app process, which then does this work itself.
import { bootOrExit } from "./boot";

if (!process.env.DATABASE_URL) {
  console.error(
    "quita worker: cannot start: DATABASE_URL must name the PostgreSQL server the web instances use (with the embedded database the app does its background work itself)",
  );
  process.exit(1);
}
const { database } = await bootOrExit();
const { startBackgroundWork } = await import("../app/.server/jobs/background.server");
const background = await startBackgroundWork({ listenOn: database.url });
console.log("quita worker: applying webhooks and running jobs");

const stop = async () => {
  // Jobs still running get up to 10 s; what is left is retried by another worker.
  await background.stop();
  await database.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
