// Words a friendly letter never uses, by family. Brazil's consumer code forbids
// exposing a debtor to ridicule, embarrassment or threats (art. 42) and makes
// collecting with threats, coercion or false statements a crime (art. 71); the
// collection policy adds that escalation is the merchant's own decision, never a
// letter's threat. Spanish- and English-speaking customers deserve the same.
//
// Each entry is matched on lower-case text with accents removed ("ação" → "acao",
// "buró" → "buro"), as whole words or phrases; a space stands for any run of
// spaces, and the entries are small regular expressions so one line covers a
// word's usual inflections. Words with an everyday meaning a friendly letter may
// need are left out or pinned to their threatening phrase, each time with a note.
import type { WordFamily } from "../types";
import { EN_FAMILIES } from "./en";
import { ES_FAMILIES } from "./es";
import { PT_BR_FAMILIES } from "./pt-br";

export const WORD_FAMILIES: readonly WordFamily[] = [
  {
    id: "credit-bureaus",
    kind: "threat",
    languages: "all",
    why: "Naming a credit bureau announces a negative credit listing, which is a threat",
    // The bureaus by name (Brazil, the Americas). "Boa Vista" alone is a city, so only with "SCPC".
    entries: ["serasa", "spc", "scpc", "boa vista scpc", "equifax", "experian", "transunion", "infocorp", "datacredito", "dicom"],
  },
  ...PT_BR_FAMILIES,
  ...EN_FAMILIES,
  ...ES_FAMILIES,
];
