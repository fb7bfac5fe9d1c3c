import { useState } from "react";
import { Form } from "@remix-run/react";
import { Button, Card, FormLayout, Select } from "@shopify/polaris";
import { useT } from "../../i18n/context";
import { letterPreviewMessages } from "../../i18n/messages/letter-preview";
import { customerTimelineMessages } from "../../i18n/messages/customer-timeline";
import { stageName } from "../customer/timeline";
import type { Stage } from "../../domain/cadence/settings";
import type { LetterChoice } from "../../.server/customers/letter-preview.server";

/** Which letter to show: the stage of the shop's cadence (the customer's next letter's by default), the language. A GET form, so the URL names the letter. */
export function LetterChoiceForm({ choice, stages }: { choice: LetterChoice; stages: Stage[] }) {
  const t = useT(letterPreviewMessages);
  const c = useT(customerTimelineMessages);
  const [stage, setStage] = useState(choice.stageId);
  const [lang, setLang] = useState<string>(choice.locale);
  const when = (s: Stage) =>
    s.offsetDays < 0 ? t("daysBefore", { count: -s.offsetDays }) : s.offsetDays === 0 ? t("onDueDate") : t("daysAfter", { count: s.offsetDays });
  return (
    <Card>
      <Form method="get">
        <FormLayout>
          <FormLayout.Group>
            <Select
              label={t("stage")}
              name="stage"
              value={stage}
              onChange={setStage}
              options={stages.map((s) => ({ value: s.id, label: `${stageName(c, s.kind)} (${when(s)})` }))}
            />
            <Select
              label={t("language")}
              name="lang"
              value={lang}
              onChange={setLang}
              options={(["pt-BR", "en", "es"] as const).map((l) => ({ value: l, label: t(`lang.${l}`) }))}
            />
          </FormLayout.Group>
          <Button submit variant="primary">
            {t("show")}
          </Button>
        </FormLayout>
      </Form>
    </Card>
  );
}
