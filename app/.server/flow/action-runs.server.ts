import prisma from "../../db.server";
import type { Prisma } from "../../generated/prisma/client";

// Flow delivers an action run at least once: a timeout or a 5xx makes it send the same
// action_run_id again. The first delivery claims the run (a unique row per shop and run id); the
// answer is kept on the row, and every later delivery gets it back without doing anything.

export interface FlowAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** A run still "running" after this long was left by a crashed process: the next delivery takes it. Wall time: a lease. */
const ABANDONED_AFTER_MS = 60_000;

export type Claim = { kind: "claimed"; runId: string } | { kind: "answered"; answer: FlowAnswer; repeated: boolean };

export async function claimActionRun(shopDomain: string, actionRunId: string, handle: string, at: Date): Promise<Claim> {
  try {
    const run = await prisma.flowActionRun.create({ data: { shopDomain, actionRunId, handle, createdAt: at }, select: { id: true } });
    return { kind: "claimed", runId: run.id };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  const run = await prisma.flowActionRun.findUniqueOrThrow({ where: { shopDomain_actionRunId: { shopDomain, actionRunId } } });
  if (run.status !== "running") {
    return { kind: "answered", repeated: true, answer: { status: run.responseStatus ?? 200, body: (run.responseBody ?? {}) as Record<string, unknown> } };
  }
  const taken = await prisma.flowActionRun.updateMany({
    // eslint-disable-next-line no-restricted-syntax -- wall time: a run's lease against crashed processes, not business time
    where: { id: run.id, status: "running", claimedAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) } },
    // eslint-disable-next-line no-restricted-syntax -- wall time: the lease's claim stamp, compared with wall time above
    data: { claimedAt: new Date() },
  });
  if (taken.count === 1) return { kind: "claimed", runId: run.id };
  // Another delivery of this run is being carried out right now: a 5xx makes Flow ask again later,
  // and by then the answer is kept.
  return { kind: "answered", repeated: false, answer: { status: 503, body: { message: "This action run is already being carried out; Flow will ask again" } } };
}

export async function recordAnswer(runId: string, customerKey: string | null, answer: FlowAnswer): Promise<void> {
  await prisma.flowActionRun.update({
    where: { id: runId },
    data: {
      status: answer.status < 400 ? "done" : "failed",
      customerKey,
      responseStatus: answer.status,
      responseBody: answer.body as Prisma.InputJsonObject,
    },
  });
}

/** The run failed before it had an answer (the database, a bug): forget the claim so Flow's retry runs it. */
export async function releaseActionRun(runId: string): Promise<void> {
  await prisma.flowActionRun.deleteMany({ where: { id: runId, status: "running" } });
}
