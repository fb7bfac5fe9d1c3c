import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv, TEST_APP } from "../support/app-env";
import { installIntoDouble } from "../support/installed-double";
import { startAppWebhookServer } from "../support/app-webhook-server";
import { applyWebhooks } from "../support/webhooks";
import { queueSync, runDueJobs } from "../support/jobs";
import { END, SCRIPT, START, STEP_MINUTES, ScenarioMemory, shopInstant, DAYS, type ScenarioActions } from "../support/collections-scenario";
import { ShopTruth, shopClock } from "../support/collections-truth";
import { letterProblems, type ObservedLetter } from "../support/collections-letter-checks";
import { checkContactBounds, checkNothingForgotten, checkQuietHours, checkStages, note, type Violations } from "../support/collections-checks";
import { printFigures, stagesOf } from "../support/collections-report";
import { startShopifyDouble, type ShopifyDouble } from "../shopify-double/index";
import type { AdminGraphql } from "../../app/.server/shopify/admin-graphql.server";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { JobName } from "../../app/.server/jobs/queue-config.server";

// Issue #8's simulation: the wholesale shop lives 120 days of the double's
// clock (payments in full and in part, a cancellation, a card authorized then
// captured, promises kept and broken, a pause and its resumption, a repeat
// late payer, customers in pt-BR, en and es, one without email) with a
// collections pass every 2 h 30 min of shop time and after each event, as the
// cron and the webhook applier run them. Then every letter in the double's
// mailbox is judged against the shop's own records and the policy, written
// again in test/support/collections-checks.ts: nothing is taken from Quita's
// planner. Runs on the embedded PGlite, Quita's default database, which every
// machine has; the server tests cover PostgreSQL.

describe("120 days of friendly collections on the Shopify double (PGlite)", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let double: ShopifyDouble;
  let app: { url: string; close(): Promise<void> };
  let graphql: AdminGraphql;
  let truth: ShopTruth;
  const memory = new ScenarioMemory();
  const mailSteps = new Map<number, number>();
  const deferred: Record<string, number> = {};
  let letters: ObservedLetter[] = [];
  const violations: Violations = new Map();

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    app = await startAppWebhookServer();
    double = await startShopifyDouble({
      apiKey: TEST_APP.apiKey,
      apiSecret: TEST_APP.apiSecret,
      appUrl: app.url,
      seed: "wholesale",
      now: START,
      webhookRetryDelayScale: 0.0001,
    });
    setAppEnv({ SHOPIFY_DOUBLE_URL: double.url, QUITA_JOB_RUNNER: "off" });
    prisma = await useAppDatabase(database);
    ({ graphql } = await installIntoDouble(double));
    const { backfillShop } = await import("../../app/.server/ledger/sync.server");
    await backfillShop(double.shopDomain, graphql, double.clock.now());
    truth = new ShopTruth(double);
    truth.track();
  });
  afterAll(async () => {
    await double?.close();
    await app?.close();
    await releaseAppDatabase();
    await database?.close();
  });

  /** Business time to `at` exactly (the double's clock also runs with the wall clock between calls). */
  const advanceTo = (at: Date) => double.controls.advanceClock({ minutes: (at.getTime() - double.clock.now().getTime()) / 60_000 });

  /** The queues a pass can fill (runDueJobs looks only at those holding a job due, a thousand times over). */
  const QUEUES: JobName[] = ["refresh-order", "refresh-draft-order", "refresh-terms", "collect", "send-reminder", "fire-flow-trigger"];

  async function collect(step: number, reconcile: boolean): Promise<void> {
    const { queueCollectionPass } = await import("../../app/.server/reminders/jobs.server");
    if (reconcile) await queueSync("reconcile", double.shopDomain);
    await double.webhooks.drain();
    await applyWebhooks();
    await queueCollectionPass(double.shopDomain);
    for (const job of await runDueJobs({ graphqlFor: async () => graphql }, reconcile ? ["reconcile", ...QUEUES] : QUEUES)) {
      if (job.name !== "collect" || job.state !== "completed") continue;
      for (const [reason, n] of Object.entries((job.output as { deferred?: Record<string, number> }).deferred ?? {}))
        deferred[reason] = (deferred[reason] ?? 0) + n;
    }
    for (const mail of double.mailbox.list()) if (!mailSteps.has(mail.id)) mailSteps.set(mail.id, step);
  }

  const actions = (): ScenarioActions => ({
    controls: double.controls,
    now: () => double.clock.now(),
    customer: (index) => [...truth.shop.customers.values()][index]!,
    placeHold: async ({ kind, customerId, debt, until }) => {
      const { placeHold } = await import("../../app/.server/reminders/holds.server");
      const receivable = debt ? await prisma.receivable.findFirstOrThrow({ where: { shopDomain: double.shopDomain, name: debt } }) : null;
      const customerKey = customerId ? `gid://shopify/Customer/${customerId}` : null;
      return placeHold({ shopDomain: double.shopDomain, kind, until, customerKey, receivableId: receivable?.id ?? null }, double.clock.now());
    },
    endHold: async (id) => {
      const { endHold } = await import("../../app/.server/reminders/holds.server");
      await endHold(double.shopDomain, id, double.clock.now(), "resumed");
    },
  });

  /** Quita's record of every letter that went out (emailed, or handed to Flow for want of an email), matched with the double's mailbox. */
  async function observedLetters(): Promise<ObservedLetter[]> {
    const reminders = await prisma.reminder.findMany({
      where: { shopDomain: double.shopDomain, status: { in: ["sent", "failed", "unknown"] } },
      include: { items: { select: { stageId: true, receivableId: true } } },
    });
    const names = new Map((await prisma.receivable.findMany({ select: { id: true, name: true } })).map((r) => [r.id, r.name]));
    const customerOf = (key: string) => Number(key.split("/").pop());
    const mails = double.mailbox.list().filter((m) => m.kind !== "payment_reminder");
    const unmatched = new Set(reminders.filter((r) => r.channel === "email"));
    const observed = mails.map((mail): ObservedLetter => {
      const reminder = [...unmatched].find((r) => r.body === mail.customMessage && r.recipient === mail.to);
      if (reminder) unmatched.delete(reminder);
      else note(violations, "a letter Quita has no record of", `mail ${mail.id} to ${mail.to}`);
      const customer = [...truth.shop.customers.values()].find((c) => c.email === mail.to);
      return {
        at: new Date(mail.sentAt),
        step: mailSteps.get(mail.id)!,
        channel: "email",
        customerId: customer?.id ?? -1,
        to: mail.to,
        subject: mail.subject,
        body: mail.customMessage ?? "",
        stages: stagesOf(reminder?.items ?? [], names),
      };
    });
    for (const r of unmatched)
      if (r.status !== "failed") note(violations, "recorded as sent (or maybe sent), not in the mailbox", `reminder ${r.id} (${r.status})`);
    const flow = reminders.filter((r) => r.channel === "flow");
    return [
      ...observed,
      ...flow.map((r) => ({
        at: r.sendingAt!,
        step: -1,
        channel: "flow" as const,
        customerId: customerOf(r.customerKey),
        to: null,
        subject: r.subject ?? "",
        body: r.body ?? "",
        stages: stagesOf(r.items, names),
      })),
    ];
  }

  it("lives 120 days: stages in order, never after payment, cancellation or authorization, never at night, the cap held, one letter per customer and pass, each letter right", async () => {
    const started = Date.now();
    const steps = Array.from({ length: Math.floor((END.getTime() - START.getTime()) / (STEP_MINUTES * 60_000)) }, (_, k) => ({
      at: new Date(START.getTime() + (k + 1) * STEP_MINUTES * 60_000),
      event: null as (typeof SCRIPT)[number] | null,
      reconcile: false,
    }));
    // The hourly reconciliation (and with it the aging refresh), here once a week, on Sunday night, to keep the run short.
    const weekly = Array.from({ length: Math.floor(DAYS / 7) }, (_, w) => ({ at: shopInstant(7 * w + 6, "03:10"), event: null, reconcile: true }));
    const timeline = [...steps, ...SCRIPT.map((event) => ({ at: event.at, event, reconcile: false })), ...weekly].sort(
      (a, b) => a.at.getTime() - b.at.getTime(),
    );
    let step = 0;
    for (const moment of timeline) {
      advanceTo(moment.at);
      if (moment.event) {
        await moment.event.run(actions(), memory);
        truth.track();
      }
      await collect(++step, moment.reconcile);
    }
    const simulated = Date.now() - started;

    letters = await observedLetters();
    for (const letter of letters) {
      for (const problem of letterProblems(letter, truth, { legalName: truth.shop.info.name, address1: truth.shop.info.address.address1 })) {
        note(violations, "letter text", problem);
      }
    }
    checkQuietHours(letters, violations);
    checkContactBounds(letters, violations);
    const written = checkStages(letters, truth, memory.holds, violations);
    checkNothingForgotten(truth, memory.holds, written, { start: START, end: double.clock.now() }, violations);

    await printFigures({ prisma, double, letters, deferred, violations, steps: step, seconds: simulated / 1000 });
    expect(Object.fromEntries(violations)).toEqual({});

    // The script did what it says: each of these went through the cadence as the policy has it.
    const lettersFor = (label: string) => letters.filter((l) => l.stages.has(memory.name(label))).sort((a, b) => a.at.getTime() - b.at.getTime());
    const stagesWritten = (label: string) => lettersFor(label).map((l) => l.stages.get(memory.name(label)));
    expect(stagesWritten("late-payer-1")).toEqual(["before-3", "late-3"]);
    expect(stagesWritten("late-payer-2")).toEqual(["before-3", "due", "late-3", "late-7", "late-15", "late-30"]);
    expect(stagesWritten("en-unpaid")).toEqual(["before-3", "late-3", "late-15", "late-30"]);
    expect(stagesWritten("en-authorized")).toEqual(["before-3"]);
    expect(stagesWritten("es-cancelled")).toEqual(["before-3", "late-3"]);
    expect(stagesWritten("promise-kept")).toEqual(["before-3", "late-3"]);
    expect(stagesWritten("promise-broken")).toEqual(["before-3", "late-3", "late-15", "late-30"]);
    expect(stagesWritten("es-partial")).toEqual(["before-3", "late-3", "late-15"]);
    expect(lettersFor("promise-broken").find((l) => l.stages.get(memory.name("promise-broken")) === "late-15")!.at >= shopInstant(40, "12:00")).toBe(true);
    expect(lettersFor("two-brl").every((l) => l.stages.has(memory.name("two-usd")))).toBe(true); // one letter for both, each time
    const resumed = lettersFor("paused-a").find((l) => l.at >= shopInstant(30, "11:00"))!;
    expect(shopClock(resumed.at).date).toBe(shopClock(shopInstant(45, "10:00")).date);
    expect(resumed.stages.has(memory.name("paused-b"))).toBe(true);
    expect(new Set(letters.filter((l) => l.channel === "email").map((l) => truth.shop.customers.get(l.customerId)!.locale))).toEqual(
      new Set(["pt-BR", "en", "es"]),
    );
    expect(letters.some((l) => l.channel === "flow")).toBe(true);
  }, 300_000);
});
