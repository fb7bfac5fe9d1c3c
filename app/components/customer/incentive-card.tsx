import type { ReactNode } from "react";
import type { FetcherWithComponents } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, FormLayout, Text } from "@shopify/polaris";
import type { FieldProblem } from "../../domain/field-problem";
import type { Params } from "../../i18n/translate";

/** What the page's action answers one card's intent: what was made, or the problems it found, by field (or "form"). */
export type IntentAnswer = { intent: string; ok: true } | { intent: string; ok: false; errors: Partial<Record<string, FieldProblem>> };
/** The names of the fields a card's answer can find a problem in. */
type FieldOf<A> = A extends { ok: false; errors: infer E } ? keyof E & string : never;
type Problems<A> = { [F in FieldOf<A>]?: FieldProblem };

export interface IntentForm<A extends IntentAnswer> {
  fetcher: FetcherWithComponents<A>;
  intent: A["intent"];
  /** The answer to the last post, once it has come (none while a post is on its way, so an old one is not shown). */
  answer: A | undefined;
  /** Each field's problem, by the field's name, and "form" for one that is no field's. */
  errors: Problems<A>;
  formProblem: FieldProblem | undefined;
  busy: boolean;
  /** A problem in the merchant's words, from the card's own catalog. */
  say: (problem: FieldProblem | undefined) => string | undefined;
}

/**
 * One card's form posting its `intent` to the customer page's action. The fetcher is the card's
 * (`useFetcher<ItsActionResult>()`), so its answer keeps the type Remix gives what the server sent.
 * `t` is the card's translator; `params` rewrites a problem's values first (days written as dates).
 */
export function useIntentForm<A extends IntentAnswer, K extends string>(
  fetcher: FetcherWithComponents<A>,
  intent: A["intent"],
  t: (key: K, params?: Params) => string,
  params: (values: Params) => Params = (values) => values,
): IntentForm<A> {
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;
  const say = (problem: FieldProblem | undefined) => (problem ? t(problem.code as K, params({ ...problem.params })) : undefined);
  const errors: Problems<A> = answer && !answer.ok ? answer.errors : {};
  const formProblem = answer && !answer.ok ? answer.errors.form : undefined;
  return { fetcher, intent, answer, errors, formProblem, busy: fetcher.state !== "idle", say };
}

/**
 * The card around an incentive's form: heading, help, the fields with the submit button, then the
 * form's problem, one more problem with no field to stand beside (`loose`), the success and what follows it.
 */
export function IncentiveCard<A extends IntentAnswer>(props: {
  form: IntentForm<A>;
  title: string;
  help: string;
  submit: string;
  loose?: FieldProblem;
  success?: ReactNode;
  after?: ReactNode;
  children: ReactNode;
}) {
  const { form, loose, success } = props;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {props.title}
        </Text>
        <Text as="p" tone="subdued">
          {props.help}
        </Text>
        <form.fetcher.Form method="post">
          <input type="hidden" name="intent" value={form.intent} />
          <FormLayout>
            {props.children}
            <Button submit loading={form.busy}>
              {props.submit}
            </Button>
          </FormLayout>
        </form.fetcher.Form>
        {form.formProblem && <Banner tone="warning">{form.say(form.formProblem)}</Banner>}
        {loose && <Banner tone="warning">{form.say(loose)}</Banner>}
        {success && <Banner tone="success">{success}</Banner>}
        {props.after}
      </BlockStack>
    </Card>
  );
}
