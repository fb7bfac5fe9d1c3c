// Default letters in Brazilian Portuguese: "você", warm and direct, as a
// wholesaler writes to a customer it wants to keep. Each follows the policy:
// the customer's name, which debt and its due date, good faith, how to pay,
// a proposal, a warm close, and who is writing.
import type { LetterTemplate, StageKind } from "../types";

const HELLO = "Olá{{#customer_name}}, {{customer_name}}{{/customer_name}},";
const FOR_COMPANY = "{{#company_name}} (em nome de {{company_name}}){{/company_name}}";
const LINK = "{{#several_debts}}o link de cada pedido{{else}}o link acima{{/several_debts}}";
const SIGNATURE = "Equipe {{shop_name}}\n\n{{merchant_identity}}";

export const PT_BR: Record<StageKind, LetterTemplate> = {
  courtesy: {
    subject: "Lembrete: {{#several_debts}}seus pedidos {{debt_numbers}} vencem{{else}}seu pedido {{debt_numbers}} vence{{/several_debts}} em breve",
    body: `${HELLO}

Tudo bem? Passando só para lembrar que {{#several_debts}}estes pedidos vencem{{else}}este pedido vence{{/several_debts}} nos próximos dias${FOR_COMPANY}:

{{debts}}

Se o pagamento já estiver programado, não precisa fazer mais nada. Se preferir adiantar, é só usar ${LINK}.
{{#offer}}

E uma boa notícia: {{offer}}.
{{/offer}}

Qualquer dúvida sobre valores ou formas de pagamento, é só responder a este e-mail.

Um abraço,
${SIGNATURE}`,
  },

  due_today: {
    subject: "{{#several_debts}}Seus pedidos {{debt_numbers}} vencem hoje{{else}}Seu pedido {{debt_numbers}} vence hoje{{/several_debts}}",
    body: `${HELLO}

Hoje é o dia do vencimento {{#several_debts}}destes pedidos{{else}}deste pedido{{/several_debts}}${FOR_COMPANY}:

{{debts}}

Para pagar, basta abrir ${LINK}: leva só alguns minutos. Se você já pagou, agradecemos, e pode desconsiderar esta mensagem.
{{#offer}}

Aproveitando: {{offer}}.
{{/offer}}

Se algo não estiver certo no valor ou no pedido, responda a este e-mail e a gente resolve.

Um abraço,
${SIGNATURE}`,
  },

  first_late: {
    subject: "Não identificamos o pagamento {{#several_debts}}dos pedidos{{else}}do pedido{{/several_debts}} {{debt_numbers}}",
    body: `${HELLO}

Até agora não identificamos o pagamento {{#several_debts}}destes pedidos{{else}}deste pedido{{/several_debts}}${FOR_COMPANY}:

{{debts}}

Pode ter surgido um imprevisto, ou algo pode ter dado errado na hora de pagar. Aconteceu alguma coisa? Se você já fez o pagamento, responda a este e-mail com o comprovante e a gente confere.

Para pagar agora, é só abrir ${LINK}.

{{#offer}}Para facilitar: {{offer}}.{{else}}Se precisar de mais prazo ou preferir parcelar, é só nos contar: encontramos uma saída junto com você.{{/offer}}

Agradecemos a parceria,
${SIGNATURE}`,
  },

  follow_up: {
    subject: "Podemos ajudar com {{#several_debts}}os pedidos{{else}}o pedido{{/several_debts}} {{debt_numbers}}?",
    body: `${HELLO}

Voltamos a escrever sobre {{#several_debts}}os pedidos abaixo, que continuam{{else}}o pedido abaixo, que continua{{/several_debts}} em aberto${FOR_COMPANY}:

{{debts}}

Sabemos que a rotina aperta e que às vezes um pagamento fica para depois. Se algo estiver atrapalhando, seja o valor, o prazo ou o próprio pedido, conte para a gente: queremos entender e ajudar.

Quando quiser pagar, é só abrir ${LINK}.

{{#offer}}Uma proposta para facilitar: {{offer}}.{{else}}Se for melhor dividir o valor ou combinar uma nova data, responda a este e-mail e montamos uma proposta juntos.{{/offer}}

Um abraço,
${SIGNATURE}`,
  },

  proposal: {
    subject: "Uma proposta para acertar {{#several_debts}}os pedidos{{else}}o pedido{{/several_debts}} {{debt_numbers}}",
    body: `${HELLO}

{{#several_debts}}Os pedidos abaixo continuam{{else}}O pedido abaixo continua{{/several_debts}} em aberto${FOR_COMPANY}, e queremos resolver isso de um jeito que funcione para você:

{{debts}}

{{#offer}}Nossa proposta: {{offer}}. Se ela não couber no seu momento, responda a este e-mail e ajustamos juntos.{{else}}Podemos dividir o valor em parcelas ou combinar uma nova data de pagamento: responda a este e-mail dizendo o que fica melhor para você.{{/offer}}

Se preferir pagar o valor integral, ${LINK} continua valendo. E se houver algum problema com o pedido, conte para a gente: também ajudamos com isso.

Você é muito importante para nós, e queremos continuar atendendo você nas mesmas condições de sempre.

Um abraço,
${SIGNATURE}`,
  },

  final_notice: {
    subject: "Nossa melhor condição para {{#several_debts}}os pedidos{{else}}o pedido{{/several_debts}} {{debt_numbers}}",
    body: `${HELLO}

Já faz algum tempo que {{#several_debts}}estes pedidos venceram{{else}}este pedido venceu{{/several_debts}}${FOR_COMPANY}, e queremos muito resolver isso em bons termos com você:

{{debts}}

{{#offer}}Por isso, separamos a melhor condição que podemos oferecer: {{offer}}.{{else}}Por isso, estamos abertos a combinar uma condição que caiba no seu orçamento, em parcelas ou com uma nova data.{{/offer}}

Se o momento está difícil, a gente entende. Responda a este e-mail, nem que seja só para contar como está a situação: vamos encontrar juntos uma saída.

Para pagar, é só abrir ${LINK}.

Agradecemos a parceria de sempre,
${SIGNATURE}`,
  },

  installment_missed: {
    subject:
      "Sobre {{#several_debts}}as parcelas{{else}}a parcela{{#installment}} {{installment}}{{/installment}}{{/several_debts}} do nosso acordo ({{debt_numbers}})",
    body: `${HELLO}

Não identificamos o pagamento {{#several_debts}}destas parcelas{{else}}desta parcela{{/several_debts}} do acordo que fizemos${FOR_COMPANY}:

{{debts}}

Imprevistos acontecem, e pode ter sido só isso. Vale lembrar que, pelo acordo, uma parcela em aberto pode desfazer o que combinamos, e a gente quer manter o acordo de pé com você. Se esta data ficou difícil, responda a este e-mail e ajustamos o que for preciso.

Para pagar, é só abrir {{#several_debts}}o link de cada parcela{{else}}o link acima{{/several_debts}}.
{{#offer}}

Para facilitar: {{offer}}.
{{/offer}}

Agradecemos a confiança,
${SIGNATURE}`,
  },
};
