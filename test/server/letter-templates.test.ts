import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { letterTemplate } from "../../app/domain/letters/templates";
import type { PrismaClient } from "../../app/generated/prisma/client";

const SHOP = "templates.myshopify.com";
const NOW = new Date("2026-03-10T13:00:00Z");

// A merchant's own letter is saved only if it passes the tone check, and from
// then on every letter (and preview, the same renderer) is written with it.
describe("the merchant's own letters", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    await prisma.shop.create({ data: { domain: SHOP, name: "Loja", legalName: "Loja Ltda", ianaTimezone: "America/Sao_Paulo", locale: "pt-BR" } });
    await prisma.receivable.create({
      data: {
        shopDomain: SHOP,
        resourceGid: "gid://shopify/Order/7",
        kind: "order",
        name: "#1007",
        status: "open",
        customerName: "Ana Lima",
        customerEmail: "ana@exemplo.com.br",
        customerLocale: "pt-BR",
        currency: "BRL",
        totalAmount: "350",
        outstandingAmount: "350",
        shopCurrency: "BRL",
        shopTotalAmount: "350",
        shopOutstandingAmount: "350",
        dueAt: new Date("2026-03-07T15:00:00Z"),
        agingBucket: "1-30",
        sourceUpdatedAt: NOW,
        paymentUrl: "https://templates.myshopify.com/orders/7",
      },
    });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  // The shop's saved letters, whatever another test saved before this one.
  const savedTemplates = async () => ((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).settings as { templates?: unknown }).templates;

  it("refuses a threatening letter, naming the words, and saves nothing", async () => {
    const { saveLetterTemplate } = await import("../../app/.server/reminders/templates.server");
    const before = await savedTemplates();
    const base = letterTemplate("first_late", "pt-BR");
    const threat = { subject: base.subject, body: `${base.body}\n\nCaso não pague, seu nome será enviado ao Serasa e haverá protesto.` };
    const result = await saveLetterTemplate(SHOP, "first_late", "pt-BR", threat);
    expect(result.ok).toBe(false);
    const words = (result as { problems: { words: string[] }[] }).problems.flatMap((p) => p.words.map((w) => w.toLowerCase()));
    expect(words).toEqual(expect.arrayContaining(["serasa", "protesto"]));
    expect(await savedTemplates()).toEqual(before);
  });

  it("saves a friendly one, and the next letter is written with it", async () => {
    const { saveLetterTemplate } = await import("../../app/.server/reminders/templates.server");
    const { writeLetter } = await import("../../app/.server/reminders/letter.server");
    const base = letterTemplate("first_late", "pt-BR");
    const ours = { subject: "Um lembrete amigável da Loja", body: base.body.replace(/^.*$/m, (first) => `${first}\n\nAqui é a Marina, do financeiro.`) };
    expect(await saveLetterTemplate(SHOP, "first_late", "pt-BR", ours)).toEqual({ ok: true });
    const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
    const letter = writeLetter(shop, "first_late", await prisma.receivable.findMany({ where: { shopDomain: SHOP } }), NOW);
    expect(letter.subject).toBe("Um lembrete amigável da Loja");
    expect(letter.body).toContain("Aqui é a Marina, do financeiro.");
    expect(letter.body).toContain("https://templates.myshopify.com/orders/7");
  });
});
