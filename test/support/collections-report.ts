import type { ShopifyDouble } from "../shopify-double/index";
import type { PrismaClient } from "../../app/generated/prisma/client";
import type { ObservedLetter } from "./collections-letter-checks";
import type { Violations } from "./collections-checks";

// The collections simulation's figures, printed as a table: letters by stage
// and channel, stages skipped and letters withdrawn by reason, passes deferred
// by reason, Flow triggers by handle, and the violations found (each listed).

/** The stage Quita recorded for each debt of a letter, by the debt's name. */
export function stagesOf(items: { receivableId: string; stageId: string }[], names: Map<string, string>): Map<string, string> {
  return new Map(items.map((i) => [names.get(i.receivableId) ?? i.receivableId, i.stageId]));
}

function count<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const table: Record<string, number> = {};
  for (const item of items) table[key(item)] = (table[key(item)] ?? 0) + 1;
  return table;
}

export async function printFigures(input: {
  prisma: PrismaClient;
  double: ShopifyDouble;
  letters: ObservedLetter[];
  deferred: Record<string, number>;
  violations: Violations;
  steps: number;
  seconds: number;
}): Promise<void> {
  const { prisma, double, letters, violations } = input;
  const shopDomain = double.shopDomain;
  const reminders = await prisma.reminder.findMany({ where: { shopDomain }, select: { status: true, stageId: true, channel: true, reason: true } });
  const skippedStages = await prisma.reminderItem.findMany({ where: { shopDomain, reminderId: null }, select: { skipReason: true } });
  const triggers = double.store.shop(shopDomain)!.flowTriggers;
  const rows: [string, string, number][] = [];
  const add = (group: string, table: Record<string, number>) => {
    for (const [key, n] of Object.entries(table).sort()) rows.push([group, key, n]);
  };
  add(
    "letters emailed, by stage",
    count(
      reminders.filter((r) => r.status === "sent"),
      (r) => r.stageId,
    ),
  );
  add(
    "letters handed to Flow (no email), by stage",
    count(
      reminders.filter((r) => r.channel === "flow"),
      (r) => r.stageId,
    ),
  );
  add(
    "letters by language",
    count(
      letters.filter((l) => l.channel === "email"),
      (l) => double.store.shop(shopDomain)!.customers.get(l.customerId)?.locale ?? "?",
    ),
  );
  add("letters listing several debts", { "2 or more debts": letters.filter((l) => l.stages.size > 1).length });
  add(
    "stages skipped, by reason",
    count(skippedStages, (s) => s.skipReason ?? "?"),
  );
  add(
    "letters withdrawn or failed, by reason",
    count(
      reminders.filter((r) => r.status === "skipped" || (r.status === "failed" && r.channel === "email") || r.status === "unknown"),
      (r) => `${r.status}: ${r.reason}`,
    ),
  );
  add("customers deferred in a pass, by reason", input.deferred);
  add(
    "Flow triggers received by the double, by handle",
    count(triggers, (t) => t.handle),
  );
  add("violations", Object.fromEntries([...violations].map(([rule, list]) => [rule, list.length])));
  add("total", { violations: [...violations.values()].reduce((n, list) => n + list.length, 0) });
  const width = Math.max(...rows.map(([group, key]) => group.length + key.length + 3));
  const lines = rows.map(([group, key, n]) => `${`${group} · ${key}`.padEnd(width)} ${String(n).padStart(6)}`);
  const header = `collections simulation: ${input.steps} passes over 120 days of shop time in ${input.seconds.toFixed(1)} s`;
  const details = [...violations].flatMap(([rule, list]) => [
    `${rule}:`,
    ...list.slice(0, 20).map((v) => `  ${v}`),
    ...(list.length > 20 ? [`  … and ${list.length - 20} more`] : []),
  ]);
  console.log([header, ...lines, ...details].join("\n"));
}
