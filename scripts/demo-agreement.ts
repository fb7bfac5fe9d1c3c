// The demo shows an installment agreement running, as a merchant would have made it on a customer's
// page: a B2B order a week or more overdue split in 3 installments every 30 days from today, the first one's
// invoice sent and paid by the buyer at Shopify's checkout (through the local Shopify double). Once
// per demo: a restarted demo finds the agreement it made. The next installments' invoices go out on
// their days as the demo's clock moves (`advance-clock --days 30`); paying one is
// `complete-draft-order --draft-order "#D…"`.

export async function seedDemoAgreement(shopDomain: string, payDraftOrder: (draftOrderGid: string) => unknown): Promise<void> {
  const { default: prisma } = await import("../app/db.server");
  if (await prisma.installmentAgreement.count({ where: { shopDomain } })) return;
  const { offerInstallmentPlan } = await import("../app/.server/incentives/installment-agreements.server");
  const { runInstallmentPass } = await import("../app/.server/incentives/installment-progress.server");
  const { sendInstallmentEmail } = await import("../app/.server/incentives/installment-sends.server");
  const { adminGraphqlFor } = await import("../app/.server/jobs/job-deps.server");
  const { now } = await import("../app/.server/clock.server");
  const { localDate } = await import("../app/domain/ledger/aging");
  const at = await now();
  const offered = await prisma.settlementOffer.findMany({ where: { shopDomain }, select: { customerKey: true } });
  const debt = await prisma.receivable.findFirst({
    where: {
      shopDomain,
      status: "open",
      kind: "order",
      companyGid: { not: null },
      customerEmail: { not: null },
      dueAt: { lt: new Date(at.getTime() - 7 * 86_400_000) },
      customerGid: { notIn: offered.map((o) => o.customerKey) },
    },
    orderBy: { dueAt: "desc" },
  });
  if (!debt) return;
  const shop = await prisma.shop.findUniqueOrThrow({ where: { domain: shopDomain } });
  const graphql = await adminGraphqlFor(shopDomain);
  const request = { count: "3", firstDate: localDate(at, shop.ianaTimezone), intervalDays: "30" };
  const result = await offerInstallmentPlan(shop, debt.customerGid!, debt.id, request, graphql, at, "merchant");
  if (!result.ok) {
    console.warn(`quita demo: no installment agreement for ${debt.customerName ?? debt.name} (${result.problem.code})`);
    return;
  }
  const agreement = await prisma.installmentAgreement.findUniqueOrThrow({ where: { id: result.agreementId } });
  const first = await prisma.installment.findFirstOrThrow({ where: { agreementId: agreement.id, number: 1 } });
  // Its day is today: sent now rather than at 09:00, so the demo opens on an agreement already under way.
  await sendInstallmentEmail("invoice", shop, agreement, first, debt, graphql, at);
  payDraftOrder(first.draftOrderGid);
  await runInstallmentPass(shopDomain, async () => graphql, await now());
}

/** The next installment still unpaid of the demo's running agreement, by its draft order's name (#D14), for the demo to say how to pay it. */
export async function nextDemoInstallment(shopDomain: string): Promise<string | null> {
  const { default: prisma } = await import("../app/db.server");
  const next = await prisma.installment.findFirst({
    where: { shopDomain, paidAt: null, agreement: { status: "active" } },
    orderBy: [{ agreement: { createdAt: "asc" } }, { number: "asc" }],
  });
  return next?.draftOrderName ?? null;
}
