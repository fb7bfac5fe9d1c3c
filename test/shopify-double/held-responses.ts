import { getOperationAST, parse } from "graphql";
import type { World } from "./world";

// Held answers: Shopify does the work (the mutation runs, its email lands in the mailbox) and its
// answer does not come back until the test releases it, or never, when the caller hangs up first.
// A sender killed in that window is the crash an exactly-once outbox has to survive: Shopify acted,
// the app never heard. Only the Admin GraphQL endpoint is held, and only requests a rule names.

interface Rule {
  /** Operation names or root fields it matches (SendOrderInvoice, orderInvoiceSend); null: any request. */
  operations: Set<string> | null;
  remaining: number;
}

interface Waiting {
  operation: string;
  release: () => void;
}

export class ResponseHolds {
  private rules: Rule[] = [];
  private waiting = new Set<Waiting>();
  /** Held answers whose caller hung up before they were released: Shopify acted, nobody heard. */
  dropped: string[] = [];

  /** Holds the answers to the next `count` requests running one of `operations` (any request when empty). */
  hold(operations: string[], count: number) {
    this.rules.push({ operations: operations.length ? new Set(operations) : null, remaining: count });
  }

  /** Whether a rule is set: only then does the server read a request's operation names. */
  get active() {
    return this.rules.length > 0;
  }

  /** Takes one from the first rule naming one of `names` (the operation's name and its root fields); true: hold this answer. */
  take(names: string[]): boolean {
    const rule = this.rules.find((r) => !r.operations || names.some((n) => r.operations!.has(n)));
    if (!rule) return false;
    if (--rule.remaining === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return true;
  }

  /** Waits until released ("released") or until `hungUp` settles first ("dropped"). */
  async wait(operation: string, hungUp: Promise<void>): Promise<"released" | "dropped"> {
    let entry!: Waiting;
    const released = new Promise<"released">((resolve) => {
      entry = { operation, release: () => resolve("released") };
      this.waiting.add(entry);
    });
    const outcome = await Promise.race([released, hungUp.then(() => "dropped" as const)]);
    this.waiting.delete(entry);
    if (outcome === "dropped") this.dropped.push(operation);
    return outcome;
  }

  /** Lets every held answer go, and forgets the rules not used up; returns how many were waiting. */
  release(): number {
    const count = this.waiting.size;
    for (const w of [...this.waiting]) w.release();
    this.waiting.clear();
    this.rules = [];
    return count;
  }

  /** The operations whose answers are held now. */
  held(): string[] {
    return [...this.waiting].map((w) => w.operation);
  }
}

// Kept beside the world rather than in it: a test's switch, never saved with the shop.
const holds = new WeakMap<World, ResponseHolds>();

export function responseHoldsOf(w: World): ResponseHolds {
  let found = holds.get(w);
  if (!found) holds.set(w, (found = new ResponseHolds()));
  return found;
}

/** The request's operation name and root fields, which a hold may name; none when it does not parse. */
export function operationNames(query: unknown, operationName: unknown): string[] {
  if (typeof query !== "string") return [];
  try {
    const op = getOperationAST(parse(query), typeof operationName === "string" ? operationName : undefined);
    if (!op) return [];
    const fields = op.selectionSet.selections.flatMap((s) => (s.kind === "Field" ? [s.name.value] : []));
    return [...(op.name ? [op.name.value] : []), ...fields];
  } catch {
    return [];
  }
}
