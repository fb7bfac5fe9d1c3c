// Letters to customers who owe: default templates per stage and language, one
// renderer for preview and send, and the tone check a template passes before it
// is saved. Pure: the caller brings the context (README.md has the syntax).
export { STAGE_KINDS } from "./types";
export type { LetterContext, LetterDebt, LetterLocale, LetterMerchant, LetterTemplate, RenderedLetter, StageKind, ToneProblem, ToneResult } from "./types";
export { DEFAULT_TEMPLATES, defaultTemplate, letterTemplate } from "./templates";
export { renderLetter, LetterTemplateError, LINE_WIDTH } from "./render";
export { LetterContextError, formatAmount } from "./values";
export { checkTone } from "./tone";
export { chooseLocale, formatLocaleFor } from "./locale";
export { PLACEHOLDERS } from "./syntax";
