import fs from "node:fs";
import path from "node:path";
import * as ids from "./ids";
import * as mailbox from "./mailbox";
import * as state from "./state";
import * as tokens from "./tokens";
import { classesOf, decodeSnapshot, encodeSnapshot } from "./snapshot-codec";
import type { Delivery } from "./webhooks";
import type { World } from "./world";

// The double's world on disk, so a demo restarted on the same data folder finds the shop, the
// app's access tokens, the mailbox and the clock where it left them (the app's own database
// persists beside it; an app token the double forgot would be refused with a 401).
//
// What is saved: every shop's records (ShopState: customers, orders, drafts, discounts, webhook
// subscriptions, Flow trigger calls, bulk operations and their files, install and scopes), the
// id sequence, the access tokens, the mailbox, the webhook delivery log, and business time.
// What is not: switches a test sets for itself (throttling, held or failing bulk operations,
// dropped webhooks), the app's config (re-read from shopify.app.toml at every start) and query
// cost buckets, which refill within seconds anyway.
//
// Business time resumes from the saved instant plus the wall time the double was stopped: time
// passes for a stopped app as it does for Shopify (see README, "Persistence").

const FORMAT = "quita-shopify-double/1";
/** Modules whose exported classes the saved world may hold; a class added to one of them is restored without edits here. */
const CLASSES = classesOf(state, ids, mailbox, tokens);

export interface SavedWorld {
  /** Business time now (read back: the saved instant plus the wall time since the save). */
  businessTime: Date;
  store: state.Store;
  tokens: tokens.TokenRegistry;
  mailbox: mailbox.Mailbox;
  deliveries: Delivery[];
}

/** What a running double saves of its world. */
export const savedPartsOf = (w: World): SavedWorld => ({
  businessTime: w.clock.now(),
  store: w.store,
  tokens: w.tokens,
  mailbox: w.mailbox,
  deliveries: w.webhooks.log,
});

export class SavedWorldError extends Error {
  override name = "SavedWorldError";
}

interface SavedFile {
  format: string;
  savedAt: string;
  businessTime: string;
  world: unknown;
}

/** The world saved in `file`, or null when there is none. Throws SavedWorldError, naming why, when it cannot be read back. */
export function readSavedWorld(file: string, wallNow = Date.now()): SavedWorld | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new SavedWorldError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const saved = JSON.parse(text) as SavedFile;
    if (saved?.format !== FORMAT) throw new Error(`not a saved double (format ${JSON.stringify(saved?.format)}, expected ${FORMAT})`);
    const world = decodeSnapshot(saved.world, CLASSES) as Omit<SavedWorld, "businessTime">;
    if (
      !(world.store instanceof state.Store) ||
      !(world.tokens instanceof tokens.TokenRegistry) ||
      !(world.mailbox instanceof mailbox.Mailbox) ||
      !Array.isArray(world.deliveries)
    ) {
      throw new Error("the store, tokens, mailbox or webhook log is missing");
    }
    const stoppedMs = Math.max(0, wallNow - Date.parse(saved.savedAt));
    const businessTime = new Date(Date.parse(saved.businessTime) + stoppedMs);
    if (Number.isNaN(businessTime.getTime())) throw new Error("its business time is not a date");
    settleInterruptedWork(world, businessTime);
    return { ...world, businessTime };
  } catch (error) {
    throw new SavedWorldError(`${file} cannot be read back: ${(error as Error).message}`);
  }
}

/**
 * Work the stopped process could not finish: a webhook still being retried is recorded as failed
 * (as Shopify gives up on an endpoint that stopped answering), a bulk operation still running
 * fails as Shopify's do on an internal error, and one being cancelled is cancelled.
 */
function settleInterruptedWork(world: Omit<SavedWorld, "businessTime">, at: Date) {
  for (const d of world.deliveries) if (d.status === "pending") d.status = "failed";
  for (const shop of world.store.shops.values()) {
    for (const op of shop.bulkOperations.values()) {
      if (op.status === "CANCELING") Object.assign(op, { status: "CANCELED", completedAt: at });
      else if (op.status === "CREATED" || op.status === "RUNNING") {
        Object.assign(op, { status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", completedAt: at, failure: "the double stopped while it ran" });
      }
    }
  }
}

/** Writes the world to `file` at once, replacing the previous save only once the new one is complete. */
export function writeSavedWorld(file: string, { businessTime, ...world }: SavedWorld, wallNow = Date.now()): void {
  const saved: SavedFile = {
    format: FORMAT,
    savedAt: new Date(wallNow).toISOString(),
    businessTime: businessTime.toISOString(),
    world: encodeSnapshot(world, CLASSES),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, JSON.stringify(saved));
  fs.renameSync(partial, file);
}

/**
 * Saves the world shortly after it changes: one write per `delayMs` however many requests
 * changed it, and a last one on close. A failed save is reported once per run of failures and
 * retried on the next change, so a full disk does not take the double down.
 */
export class WorldSaver {
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(
    private readonly file: string,
    private readonly world: World,
    private readonly delayMs = 250,
  ) {}

  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.save(), this.delayMs);
    this.timer.unref();
  }

  save(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      writeSavedWorld(this.file, savedPartsOf(this.world));
      this.failing = false;
    } catch (error) {
      if (!this.failing) console.error(`[shopify-double] could not save the shop to ${this.file}: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
