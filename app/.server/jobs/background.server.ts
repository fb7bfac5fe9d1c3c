import { startWebhookApplier, wakeWebhookApplierForOthers } from "../webhooks/applier.server";
import { listenForWork } from "../work-notifications.server";
import { wakeJobWorkers } from "./enqueue.server";
import { startJobWorkers } from "./workers.server";
import type { JobDeps } from "./handlers.server";

// Everything Quita does in the background, started on purpose by the process
// that should do it, never by importing a module: scripts/serve.ts when
// QUITA_JOB_RUNNER=on (the default, and the only way on the embedded
// database), scripts/worker.ts in the scaled deployment.

export interface BackgroundWork {
  stop(): Promise<void>;
}

/**
 * Starts the job workers and the reconciliation cron (pg-boss), and the
 * webhook applier, which first applies whatever a restart left pending.
 * `listenOn`: a PostgreSQL URL whose notifications wake this process when
 * another one (a web instance) accepted webhooks or queued jobs.
 */
export async function startBackgroundWork(options: { listenOn?: string; jobs?: JobDeps } = {}): Promise<BackgroundWork> {
  const jobs = await startJobWorkers(options.jobs);
  const applier = startWebhookApplier();
  const listener = options.listenOn ? await listenForWork(options.listenOn, { webhooks: wakeWebhookApplierForOthers, jobs: wakeJobWorkers }) : null;
  return {
    stop: async () => {
      await listener?.close();
      await applier.stop();
      await jobs.stop();
    },
  };
}
