// Threatening and shaming wording in Brazilian Portuguese letters (why each family is
// here: see index.ts and each family's note).
import type { WordFamily } from "../types";

export const PT_BR_FAMILIES: readonly WordFamily[] = [
  {
    id: "legal-pt",
    kind: "threat",
    languages: ["pt-BR"],
    why: "Mentioning courts, lawyers or legal measures reads as a threat of legal action",
    // Not "processar" (a payment is "processado") nor "jurídico" alone ("pessoa jurídica").
    entries: [
      "(acao|acoes) (judicia(l|is)|de cobranca|de execucao)",
      "process(o|os) judicia(l|is)",
      "cobranca judicial",
      "(via|esfera|medidas?|providencias?|instancia) (judicia(l|is)|legal|legais|cabive(l|is))",
      "justica",
      "tribuna(l|is)",
      "juiz",
      "advogad(o|a|os|as)",
      "(departamento|setor|nosso) juridico",
      "execucao judicial",
      "penhor(a|ar|aremos|ado|ada|ados|adas)",
      "notificacao extrajudicial",
      "extrajudicia(l|is|lmente)",
      "intima(r|cao|remos|do|da)",
      "(empresa|assessoria|escritorio|agencia) de cobranca",
    ],
  },
  {
    id: "credit-listing-pt",
    kind: "threat",
    languages: ["pt-BR"],
    why: "Announcing a negative credit listing or a protest at a notary is a threat",
    // Not "negativo" nor "negative": only the verb of listing someone and its forms.
    entries: [
      "negativ(ar|aremos|ara|ado|ada|ados|adas|acao|acoes|ando|amos|em)",
      "nome (sujo|negativado)",
      "sujar (o )?(seu )?nome",
      "protest(o|os|ar|aremos|ado|ada|ados|adas)",
      "cartorio(s)?",
      "(orgaos?|servicos?) de protecao ao credito",
      "cadastro(s)? de (inadimplentes|devedores|maus pagadores)",
      "restricao (no|em seu|ao) (seu )?(nome|cpf|cnpj)",
    ],
  },
  {
    id: "police-pt",
    kind: "threat",
    languages: ["pt-BR"],
    why: "Police and crime have no place in a letter about a debt: it is a threat",
    // Not "preso" (a payment "ficou preso" in the bank) nor "cadeia" ("cadeia de suprimentos").
    entries: [
      "policia",
      "policial",
      "delegacia",
      "boletim de ocorrencia",
      "queixa crime",
      "crime(s)?",
      "criminal(mente)?",
      "estelionat(o|ario|aria)",
      "prisao",
    ],
  },
  {
    id: "ultimatum-pt",
    kind: "threat",
    languages: ["pt-BR"],
    why: "An ultimatum pressures instead of helping; a last friendly letter still brings a way out",
    // Not "caso contrário": "se já pagou, desconsidere; caso contrário, use o link" is kind.
    entries: [
      "ultimo aviso",
      "ultima (advertencia|notificacao|chance)",
      "(aviso|notificacao) final",
      "ultimato",
      "sob pena de",
      "consequencias",
      "improrrogave(l|is)",
    ],
  },
  {
    id: "exposure-pt",
    kind: "shame",
    languages: ["pt-BR"],
    why: "Exposing the debt, or bringing in the customer's employer, neighbours or colleagues, embarrasses them",
    // Not "exposto": "conforme exposto acima" only means "as said above".
    entries: [
      "expo(r|remos|sicao)",
      "tornar publico",
      "publicamente",
      "divulga(r|remos|cao) (o seu nome|seu nome|sua divida|a divida|o debito)",
      "redes sociais",
      "lista (de devedores|negra)",
      "seu (empregador|chefe)",
      "seus vizinhos",
      "colegas de trabalho",
    ],
  },
  {
    id: "labels-pt",
    kind: "shame",
    languages: ["pt-BR"],
    why: "Labelling the customer shames them; the policy assumes a good customer in a bad moment",
    // Not "vergonha" alone: "não tenha vergonha de nos procurar" is kind.
    entries: [
      "calote(iro|ira|iros|iras)?",
      "ma(u|us) pagador(es)?",
      "ma(s)? pagadora(s)?",
      "inadimplente(s)?",
      "vergonhos(o|a|os|as)",
      "sem vergonha",
      "irresponsave(l|is)",
      "desonest(o|a|os|as|idade)",
      "ma fe",
      "golpista(s)?",
      "picaret(a|as|agem)",
    ],
  },
];
