// What is wrong with a field the merchant filled in, as a code and its values,
// never as a sentence: the page says it in the merchant's language
// (app/i18n/messages), the server stays the same whatever language the admin speaks.
export interface FieldProblem {
  code: string;
  params?: Record<string, string | number>;
}
