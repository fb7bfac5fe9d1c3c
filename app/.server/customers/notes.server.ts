import prisma from "../../db.server";

// The merchant's notes about a customer ("called, will pay after the 10th"),
// shown on the customer page's timeline. They are customer data: erased on
// customers/redact and exported on customers/data_request (ledger/compliance.server.ts).

export const NOTE_MAX_LENGTH = 2_000;

export type NoteProblem = "note_empty" | "note_too_long";

/** What is wrong with a note as typed, or null: a code the page words in the merchant's language. */
export function noteProblem(body: string): NoteProblem | null {
  const text = body.trim();
  if (!text) return "note_empty";
  if (text.length > NOTE_MAX_LENGTH) return "note_too_long";
  return null;
}

export async function addCustomerNote(
  shopDomain: string,
  customerKey: string,
  body: string,
  now: Date,
): Promise<{ ok: true; id: string } | { ok: false; problem: NoteProblem }> {
  const problem = noteProblem(body);
  if (problem) return { ok: false, problem };
  const note = await prisma.customerNote.create({ data: { shopDomain, customerKey, body: body.trim(), createdAt: now } });
  return { ok: true, id: note.id };
}

export function customerNotes(shopDomain: string, customerKey: string) {
  return prisma.customerNote.findMany({
    where: { shopDomain, customerKey },
    orderBy: { createdAt: "desc" },
    select: { id: true, body: true, createdAt: true },
  });
}
