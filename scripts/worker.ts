// Quita's background worker, for the scaled deployment: web instances run with
// QUITA_JOB_RUNNER=off and only accept webhooks and serve pages; one or more of
// these apply the accepted webhooks and run the jobs (backfill,
// reconciliation), woken at once by PostgreSQL notifications and polling as a
// safety net. Several workers share the work safely (rows are claimed with
// SKIP LOCKED). It needs a PostgreSQL server: the embedded database belongs to
// the one app process, which then does this work itself.
import { bootOrExit } from "./boot";

if (!process.env.DATABASE_URL) {
  console.error("quita worker: cannot start: DATABASE_URL must name the PostgreSQL server the web instances use (with the embedded database the app does its background work itself)");
  process.exit(1);
}
const { database } = await bootOrExit();
process.env.QUITA_JOB_RUNNER = "on"; // shopify.server starts the job runner and the webhook applier
await import("../app/shopify.server");
const { kickJobs } = await import("../app/.server/jobs/runner.server");
const { wakeWebhookApplierForOthers } = await import("../app/.server/webhooks/applier.server");
const { listenForWork } = await import("../app/.server/work-notifications.server");
const listener = await listenForWork(database.url, { webhooks: wakeWebhookApplierForOthers, jobs: kickJobs });
console.log("quita worker: applying webhooks and running jobs");

const stop = async () => {
  await listener.close();
  await database.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
