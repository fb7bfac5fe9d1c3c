import { defineCatalog } from "../translate";

// The notice a shop sees on the overview and in Settings while its letters wait for the legal
// details its country asks every collection letter to carry (domain/letter-identity.ts).
export const lettersOnHoldMessages = defineCatalog({
  en: {
    title: "Reminders are waiting for your business details",
    bodyBrazil:
      "In Brazil every collection letter must carry the business's legal name, address and CNPJ or CPF. Quita writes no letter until Settings has them; nothing is lost meanwhile, and the letters due go out once they are filled in.",
    body: "Every letter says who is writing. Quita writes no letter until Settings has your business's legal name; the letters due go out once it is filled in.",
    missing: "Still missing: {fields}.",
    field_legalName: "legal name",
    field_legalAddress: "address",
    field_taxId: "CNPJ or CPF",
    action: "Complete them in Settings",
  },
  "pt-BR": {
    title: "Os lembretes aguardam os dados da sua empresa",
    bodyBrazil:
      "No Brasil, toda carta de cobrança precisa trazer a razão social, o endereço e o CNPJ ou CPF de quem cobra. O Quita não escreve nenhuma carta até que esses dados estejam nas Configurações; nada se perde enquanto isso, e as cartas previstas saem assim que eles forem preenchidos.",
    body: "Toda carta diz quem está escrevendo. O Quita não escreve nenhuma carta até que a razão social da empresa esteja nas Configurações; as cartas previstas saem assim que ela for preenchida.",
    missing: "Falta: {fields}.",
    field_legalName: "razão social",
    field_legalAddress: "endereço",
    field_taxId: "CNPJ ou CPF",
    action: "Completar nas Configurações",
  },
  es: {
    title: "Los recordatorios esperan los datos de tu empresa",
    bodyBrazil:
      "En Brasil, toda carta de cobro debe llevar la razón social, la dirección y el CNPJ o CPF de quien cobra. Quita no escribe ninguna carta hasta que Configuración los tenga; no se pierde nada mientras tanto, y las cartas pendientes salen en cuanto se completen.",
    body: "Toda carta dice quién escribe. Quita no escribe ninguna carta hasta que Configuración tenga la razón social de tu empresa; las cartas pendientes salen en cuanto se complete.",
    missing: "Falta: {fields}.",
    field_legalName: "razón social",
    field_legalAddress: "dirección",
    field_taxId: "CNPJ o CPF",
    action: "Completarlos en Configuración",
  },
});
