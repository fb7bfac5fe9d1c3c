import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, releaseAppDatabase, useAppDatabase, type TestDatabase } from "../support/database";
import { setAppEnv } from "../support/app-env";
import { installShop, settingsClient } from "../support/settings-client";
import { letterTemplate } from "../../app/domain/letters/templates";
import type { PrismaClient } from "../../app/generated/prisma/client";

const WITH_DEBT = "letters-debt.myshopify.com";
const NO_DEBT = "letters-new.myshopify.com";

// The merchant's own letters through Settings: saved with the rest of the form
// only when they pass the tone check (the words at fault named), back to Quita's
// letter, and previewed as they are written by the sending's own writer.
describe("Settings: the merchant's letters", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const client = settingsClient(WITH_DEBT);
  const templates = async () => ((await prisma.shop.findUniqueOrThrow({ where: { domain: WITH_DEBT } })).settings as { templates?: unknown }).templates;
  const base = letterTemplate("first_late", "pt-BR");

  beforeAll(async () => {
    setAppEnv({ QUITA_JOB_RUNNER: "off" });
    database = await createTestDatabase("pglite");
    prisma = await useAppDatabase(database);
    const shop = { name: "Loja", legalName: "Loja Ltda", taxId: "12.345.678/0001-90", ianaTimezone: "America/Sao_Paulo", locale: "pt-BR" };
    await installShop(prisma, { domain: WITH_DEBT, ...shop });
    await installShop(prisma, { domain: NO_DEBT, ...shop });
    const debt = (name: string, amount: string, dueAt: Date) => ({
      shopDomain: WITH_DEBT,
      resourceGid: `gid://shopify/Order/${name.slice(1)}`,
      kind: "order",
      name,
      status: "open",
      customerName: "Ana Lima",
      customerLocale: "pt-BR",
      currency: "BRL",
      totalAmount: amount,
      outstandingAmount: amount,
      shopCurrency: "BRL",
      shopTotalAmount: amount,
      shopOutstandingAmount: amount,
      dueAt,
      agingBucket: "1-30",
      sourceUpdatedAt: new Date("2026-03-01T00:00:00Z"),
      paymentUrl: `https://letters-debt.myshopify.com/orders/${name.slice(1)}`,
    });
    // One long overdue, one still to fall due (the route's business time is this machine's clock in tests).
    await prisma.receivable.create({ data: debt("#1007", "1350.5", new Date("2026-03-07T15:00:00Z")) });
    await prisma.receivable.create({ data: debt("#1008", "80", new Date(Date.now() + 5 * 86_400_000)) });
  });
  afterAll(async () => {
    await releaseAppDatabase();
    await database?.close();
  });

  it("refuses a threatening letter naming the words, and a letter without the way to pay, saving nothing of the form", async () => {
    const before = await templates();
    const result = await client.save((draft) => {
      draft.identity.legalName = "Loja Atacado Ltda";
      draft.templates = [
        { kind: "first_late", locale: "pt-BR", subject: base.subject, body: `${base.body}\n\nSe não pagar, seu nome vai para o Serasa e haverá protesto.` },
        { kind: "proposal", locale: "en", subject: "A proposal", body: "Hello, please settle soon.\n\n{{merchant_identity}}" },
      ];
    });
    expect(result).toMatchObject({ saved: false });
    const errors = (result as { errors: { templates: Record<string, { kind: string; words: string[] }[]> } }).errors.templates;
    expect(errors["first_late/pt-BR"].flatMap((p) => p.words.map((w) => w.toLowerCase()))).toEqual(expect.arrayContaining(["serasa", "protesto"]));
    expect(errors["first_late/pt-BR"].every((p) => p.kind === "threat" || p.kind === "shame")).toBe(true);
    expect(errors["proposal/en"]).toEqual([expect.objectContaining({ kind: "missing_payment_link", words: ["{{payment_link}}"] })]);
    expect(await templates()).toEqual(before);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: WITH_DEBT } })).legalName).toBe("Loja Ltda");
  });

  it("saves a friendly letter with the form, shows it as the shop's own, and goes back to Quita's when the default text is saved", async () => {
    const ours = {
      kind: "first_late" as const,
      locale: "pt-BR" as const,
      subject: "Um lembrete amigável da Loja",
      body: `Aqui é a Marina, do financeiro.\n\n${base.body}`,
    };
    expect(await client.save((draft) => void (draft.templates = [ours]))).toEqual({ saved: true });
    expect((await client.load()).templates.first_late["pt-BR"]).toEqual({ subject: ours.subject, body: ours.body, custom: true });
    expect((await client.load()).templates.first_late.en).toMatchObject({ custom: false });
    expect(await client.save((draft) => void (draft.templates = [{ ...ours, ...base }]))).toEqual({ saved: true });
    expect((await client.load()).templates.first_late["pt-BR"]).toEqual({ ...base, custom: false });
  });

  it("previews the letter being written with one of the shop's debts fitting it, through the sending's writer", async () => {
    const preview = await client.preview({ kind: "first_late", locale: "pt-BR", subject: "Sobre o pedido {{debt_numbers}}", body: `Oi!\n\n${base.body}` });
    expect(preview).toMatchObject({ ok: true, subject: "Sobre o pedido #1007", sample: { debt: "#1007", example: false } });
    const body = (preview as { body: string }).body;
    expect(body.startsWith("Oi!")).toBe(true);
    expect(body).toMatch(/Pedido #1007 — R\$\s1\.350,50/);
    expect(body).toContain("https://letters-debt.myshopify.com/orders/1007");
    expect(body).toContain("Loja Ltda");
    // The same debt in Spanish: the letter in the language being edited.
    const es = letterTemplate("first_late", "es");
    expect(await client.preview({ kind: "first_late", locale: "es", ...es })).toMatchObject({ ok: true, sample: { debt: "#1007" } });
    // A letter before the due date is shown with a debt still to fall due.
    const courtesy = letterTemplate("courtesy", "pt-BR");
    expect(await client.preview({ kind: "courtesy", locale: "pt-BR", ...courtesy })).toMatchObject({ ok: true, sample: { debt: "#1008", example: false } });
  });

  it("previews with an example debt when the shop has none yet, and asks to mend a letter it cannot read", async () => {
    const en = letterTemplate("courtesy", "en");
    const example = await settingsClient(NO_DEBT).preview({ kind: "courtesy", locale: "en", ...en });
    expect(example).toMatchObject({ ok: true, sample: { debt: "#1001", example: true } });
    expect((example as { body: string }).body).toMatch(/#1001\D+1,234\.50/);
    const broken = await client.preview({ kind: "courtesy", locale: "en", subject: en.subject, body: `{{#offer}}${en.body}` });
    expect(broken).toMatchObject({ ok: false, problems: [expect.objectContaining({ kind: "malformed", code: "never_closed", words: ["{{#offer}}"] })] });
  });
});
