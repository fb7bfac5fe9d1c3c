// Default letters in Latin-American neutral Spanish: "usted", the courtesy of
// business mail from Mexico to Argentina, no regionalisms. Each follows the
// policy: the customer's name, which debt and its due date, good faith, how to
// pay, a proposal, a warm close, and who is writing.
import type { LetterTemplate, StageKind } from "../types";

const HELLO = "Hola{{#customer_name}}, {{customer_name}}{{/customer_name}},";
const FOR_COMPANY = "{{#company_name}} (a nombre de {{company_name}}){{/company_name}}";
const LINK = "{{#several_debts}}el enlace de cada pedido{{else}}el enlace de arriba{{/several_debts}}";
const SIGNATURE = "El equipo de {{shop_name}}\n\n{{merchant_identity}}";

export const ES: Record<StageKind, LetterTemplate> = {
  courtesy: {
    subject: "Recordatorio: {{#several_debts}}sus pedidos {{debt_numbers}} vencen{{else}}su pedido {{debt_numbers}} vence{{/several_debts}} pronto",
    body: `${HELLO}

Le escribimos para recordarle, con tiempo, que {{#several_debts}}estos pedidos vencen{{else}}este pedido vence{{/several_debts}} en los próximos días${FOR_COMPANY}:

{{debts}}

Si el pago ya está programado, no necesita hacer nada más. Si prefiere adelantarlo, solo tiene que usar ${LINK}.
{{#offer}}

Además, una buena noticia: {{offer}}.
{{/offer}}

Si tiene dudas sobre el monto o las formas de pago, basta con responder a este correo.

Saludos cordiales,
${SIGNATURE}`,
  },

  due_today: {
    subject: "{{#several_debts}}Sus pedidos {{debt_numbers}} vencen hoy{{else}}Su pedido {{debt_numbers}} vence hoy{{/several_debts}}",
    body: `${HELLO}

Hoy es la fecha de vencimiento de {{#several_debts}}estos pedidos{{else}}este pedido{{/several_debts}}${FOR_COMPANY}:

{{debts}}

Pagar toma solo unos minutos: abra ${LINK}. Si ya realizó el pago, muchas gracias; puede ignorar este mensaje.
{{#offer}}

Y algo más: {{offer}}.
{{/offer}}

Si algo no cuadra con el monto o con el pedido, responda a este correo y lo resolvemos.

Saludos cordiales,
${SIGNATURE}`,
  },

  first_late: {
    subject: "No hemos identificado el pago {{#several_debts}}de los pedidos{{else}}del pedido{{/several_debts}} {{debt_numbers}}",
    body: `${HELLO}

Hasta ahora no hemos identificado el pago {{#several_debts}}de estos pedidos{{else}}de este pedido{{/several_debts}}${FOR_COMPANY}:

{{debts}}

Puede que haya surgido un imprevisto, o que algo haya fallado al momento de pagar. ¿Ocurrió algo? Si ya realizó el pago, responda a este correo con el comprobante y lo revisamos.

Para pagar ahora, solo tiene que abrir ${LINK}.

{{#offer}}Para facilitarle las cosas: {{offer}}.{{else}}Si necesita más plazo o prefiere pagar en cuotas, cuéntenos y buscamos juntos una solución.{{/offer}}

Gracias por su confianza,
${SIGNATURE}`,
  },

  follow_up: {
    subject: "¿Podemos ayudarle con {{#several_debts}}los pedidos{{else}}el pedido{{/several_debts}} {{debt_numbers}}?",
    body: `${HELLO}

Volvemos a escribirle sobre {{#several_debts}}los siguientes pedidos, que siguen pendientes{{else}}el siguiente pedido, que sigue pendiente{{/several_debts}}${FOR_COMPANY}:

{{debts}}

Sabemos que el día a día se complica y que a veces un pago queda para después. Si algo le impide pagar, ya sea el monto, el plazo o el propio pedido, cuéntenos: queremos entender y ayudar.

Cuando quiera pagar, solo tiene que abrir ${LINK}.

{{#offer}}Una propuesta para facilitarle las cosas: {{offer}}.{{else}}Si le resulta mejor dividir el monto o acordar una nueva fecha, responda a este correo y armamos juntos una propuesta.{{/offer}}

Saludos cordiales,
${SIGNATURE}`,
  },

  proposal: {
    subject: "Una propuesta para saldar {{#several_debts}}los pedidos{{else}}el pedido{{/several_debts}} {{debt_numbers}}",
    body: `${HELLO}

{{#several_debts}}Los siguientes pedidos siguen pendientes{{else}}El siguiente pedido sigue pendiente{{/several_debts}}${FOR_COMPANY}, y queremos resolverlo de una manera que le funcione:

{{debts}}

{{#offer}}Nuestra propuesta: {{offer}}. Si no se ajusta a su situación, responda a este correo y la ajustamos juntos.{{else}}Podemos dividir el monto en cuotas o acordar una nueva fecha de pago: responda a este correo y díganos qué le conviene más.{{/offer}}

Si prefiere pagar el monto total, ${LINK} sigue vigente. Y si hay algún problema con el pedido, cuéntenos: también le ayudamos con eso.

Usted es muy importante para nosotros, y queremos seguir atendiéndole en las mismas condiciones de siempre.

Saludos cordiales,
${SIGNATURE}`,
  },

  final_notice: {
    subject: "Nuestra mejor condición para {{#several_debts}}los pedidos{{else}}el pedido{{/several_debts}} {{debt_numbers}}",
    body: `${HELLO}

Hace ya un tiempo que {{#several_debts}}estos pedidos vencieron{{else}}este pedido venció{{/several_debts}}${FOR_COMPANY}, y de verdad queremos resolverlo en buenos términos con usted:

{{debts}}

{{#offer}}Por eso le reservamos la mejor condición que podemos ofrecer: {{offer}}.{{else}}Por eso estamos abiertos a acordar una condición que se ajuste a su presupuesto, en cuotas o con una nueva fecha.{{/offer}}

Si está pasando por un momento difícil, lo entendemos. Responda a este correo, aunque sea solo para contarnos cómo está la situación: juntos vamos a encontrar una salida.

Para pagar, solo tiene que abrir ${LINK}.

Gracias por seguir confiando en nosotros,
${SIGNATURE}`,
  },

  installment_missed: {
    subject:
      "Sobre {{#several_debts}}las cuotas{{else}}la cuota{{#installment}} {{installment}}{{/installment}}{{/several_debts}} de nuestro acuerdo ({{debt_numbers}})",
    body: `${HELLO}

No hemos identificado el pago {{#several_debts}}de estas cuotas{{else}}de esta cuota{{/several_debts}} del acuerdo que hicimos${FOR_COMPANY}:

{{debts}}

Los imprevistos pasan, y puede que haya sido solo eso. Le recordamos que, según el acuerdo, una cuota pendiente puede dejarlo sin efecto, y nosotros queremos mantenerlo con usted. Si esta fecha se le complicó, responda a este correo y ajustamos lo que haga falta.

Para pagar, solo tiene que abrir {{#several_debts}}el enlace de cada cuota{{else}}el enlace de arriba{{/several_debts}}.
{{#offer}}

Para facilitarle las cosas: {{offer}}.
{{/offer}}

Gracias por su confianza,
${SIGNATURE}`,
  },
};
