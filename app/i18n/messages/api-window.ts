import { defineCatalog } from "../translate";

// The notice a shop without read_all_orders sees on the overview and in Settings.
export const apiWindowMessages = defineCatalog({
  en: {
    title: "Quita can read only orders placed since {date}",
    body_one:
      "Shopify shows apps the last 60 days of orders unless the store grants access to all orders. Unpaid orders placed before {date} that Quita was not told about are not listed, and the one older unpaid order Quita knows from Shopify's notifications can't be checked against Shopify.",
    body_other:
      "Shopify shows apps the last 60 days of orders unless the store grants access to all orders. Unpaid orders placed before {date} that Quita was not told about are not listed, and the {count} older unpaid orders Quita knows from Shopify's notifications can't be checked against Shopify.",
    nextStep: "To see them all, approve Quita's request for access to all orders when your Shopify admin asks, or contact us.",
  },
  "pt-BR": {
    title: "O Quita só consegue ler pedidos feitos a partir de {date}",
    body_one:
      "A Shopify mostra aos apps apenas os pedidos dos últimos 60 dias, a menos que a loja libere o acesso a todos os pedidos. Pedidos em aberto feitos antes de {date} que o Quita não recebeu não aparecem aqui, e o pedido mais antigo em aberto que o Quita conhece pelas notificações da Shopify não pode ser conferido com a Shopify.",
    body_other:
      "A Shopify mostra aos apps apenas os pedidos dos últimos 60 dias, a menos que a loja libere o acesso a todos os pedidos. Pedidos em aberto feitos antes de {date} que o Quita não recebeu não aparecem aqui, e os {count} pedidos mais antigos em aberto que o Quita conhece pelas notificações da Shopify não podem ser conferidos com a Shopify.",
    nextStep: "Para ver todos, aprove o pedido de acesso a todos os pedidos quando o admin da Shopify solicitar, ou fale com a gente.",
  },
  es: {
    title: "Quita solo puede leer los pedidos realizados desde el {date}",
    body_one:
      "Shopify muestra a las apps solo los pedidos de los últimos 60 días, salvo que la tienda conceda acceso a todos los pedidos. Los pedidos impagos realizados antes del {date} que Quita no recibió no aparecen aquí, y el pedido impago más antiguo que Quita conoce por las notificaciones de Shopify no se puede contrastar con Shopify.",
    body_other:
      "Shopify muestra a las apps solo los pedidos de los últimos 60 días, salvo que la tienda conceda acceso a todos los pedidos. Los pedidos impagos realizados antes del {date} que Quita no recibió no aparecen aquí, y los {count} pedidos impagos más antiguos que Quita conoce por las notificaciones de Shopify no se pueden contrastar con Shopify.",
    nextStep: "Para verlos todos, aprueba la solicitud de acceso a todos los pedidos cuando tu administrador de Shopify lo pida, o escríbenos.",
  },
});
