// The few fixed words the renderer writes itself, in the lists it builds for
// {{debts}}, {{payment_link}} and {{merchant_identity}}. Everything else a letter
// says is in its template, where the merchant can change it.
import type { LetterLocale } from "./types";

export interface Phrases {
  /** "Pedido #1008": what a debt is called in the list. */
  debt: (number: string) => string;
  dueLabel: string;
  /** A due date that waits for fulfillment. */
  dueOnFulfillment: string;
  installment: (n: number, of: number) => string;
  /** {{installment}} on its own, for a sentence: "2 de 5". */
  installmentShort: (n: number, of: number) => string;
  payLabel: string;
  /** A tax id with no letters of its own gets a label. */
  taxIdLabel: (digits: number) => string;
}

export const PHRASES: Record<LetterLocale, Phrases> = {
  "pt-BR": {
    debt: (number) => `Pedido ${number}`,
    dueLabel: "Vencimento",
    dueOnFulfillment: "na entrega do pedido",
    installment: (n, of) => `Parcela ${n} de ${of} do nosso acordo`,
    installmentShort: (n, of) => `${n} de ${of}`,
    payLabel: "Link para pagamento",
    // A Brazilian tax id says by its length whose it is: 14 digits a company's CNPJ, 11 a person's CPF.
    taxIdLabel: (digits) => (digits === 14 ? "CNPJ" : digits === 11 ? "CPF" : "Identificação fiscal"),
  },
  en: {
    debt: (number) => `Order ${number}`,
    dueLabel: "Due",
    dueOnFulfillment: "on fulfillment",
    installment: (n, of) => `Installment ${n} of ${of} of our agreement`,
    installmentShort: (n, of) => `${n} of ${of}`,
    payLabel: "Payment link",
    taxIdLabel: () => "Tax ID",
  },
  es: {
    debt: (number) => `Pedido ${number}`,
    dueLabel: "Vencimiento",
    dueOnFulfillment: "al entregar el pedido",
    installment: (n, of) => `Cuota ${n} de ${of} de nuestro acuerdo`,
    installmentShort: (n, of) => `${n} de ${of}`,
    payLabel: "Enlace de pago",
    taxIdLabel: () => "Identificación fiscal",
  },
};
