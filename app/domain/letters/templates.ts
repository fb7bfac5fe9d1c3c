// The template a stage's letter starts from in each language, until the merchant
// saves their own in Settings.
export { DEFAULT_TEMPLATES, defaultTemplate, defaultTemplate as letterTemplate } from "./defaults";
