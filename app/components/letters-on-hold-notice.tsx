import { Banner, BlockStack, Text } from "@shopify/polaris";
import type { IdentityField } from "../domain/letter-identity";
import { useT } from "../i18n/context";
import { lettersOnHoldMessages } from "../i18n/messages/letters-on-hold";

export interface LettersOnHold {
  missing: IdentityField[];
  /** Brazil asks for address and CNPJ/CPF too: the notice says why. */
  brazil: boolean;
}

/**
 * No letter is written while it could not be signed as the shop's country asks (domain/letter-identity.ts):
 * said on the overview, with the way to Settings, and in Settings above the fields to fill.
 */
export function LettersOnHoldNotice({ hold, linkToSettings }: { hold: LettersOnHold | null; linkToSettings?: boolean }) {
  const t = useT(lettersOnHoldMessages);
  if (!hold || hold.missing.length === 0) return null;
  const fields = hold.missing.map((field) => t(`field_${field}`)).join(", ");
  return (
    <Banner tone="critical" title={t("title")} action={linkToSettings ? { content: t("action"), url: "/app/settings" } : undefined}>
      <BlockStack gap="200">
        <Text as="p">{t(hold.brazil ? "bodyBrazil" : "body")}</Text>
        <Text as="p">{t("missing", { fields })}</Text>
      </BlockStack>
    </Banner>
  );
}
