import { useCallback } from "react";
import type { FieldProblem } from "../../domain/field-problem";
import type { ToneProblem } from "../../domain/letters/types";
import { useT } from "../../i18n/context";
import { cadenceMessages } from "../../i18n/messages/settings-cadence";
import { settingsMessages } from "../../i18n/messages/settings";
import type { MessageKey } from "../../i18n/translate";

// The server says what is wrong as codes; these say it in the merchant's language.

/** A field's problem as a sentence, or undefined when the field is fine. */
export function useProblemText(): (problem: FieldProblem | undefined) => string | undefined {
  const t = useT(settingsMessages);
  return useCallback((problem) => problem && t(`problem_${problem.code}` as MessageKey<typeof settingsMessages.en>, problem.params), [t]);
}

const quoted = (words: string[]) => words.map((w) => `“${w}”`).join(", ");
/** `{{offer}}` → `offer`, `{{#offer}}` → `offer`. */
const nameOf = (word: string) => word.replace(/^\{\{\s*[#^/]?\s*|\s*\}\}$/g, "");

/** What the tone check found, naming the words. */
export function useToneText(): (problem: ToneProblem) => string {
  const t = useT(cadenceMessages);
  return useCallback(
    (problem) => {
      const name = problem.words[0] && nameOf(problem.words[0]) !== "else" ? nameOf(problem.words[0]) : "several_debts";
      const params = { words: quoted(problem.words), section: `{{#${name}}}…{{/${name}}}`, choice: `{{#${name}}}…{{else}}…{{/${name}}}` };
      const key = problem.kind === "malformed" && problem.code ? `malformed_${problem.code}` : `tone_${problem.kind}`;
      return t(key as MessageKey<typeof cadenceMessages.en>, params);
    },
    [t],
  );
}
