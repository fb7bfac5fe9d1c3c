import { BlockStack, Box, Button, ButtonGroup, Card, Checkbox, InlineError, InlineGrid, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { CADENCE_KINDS, OFFSET_BOUNDS } from "../../domain/cadence/settings";
import type { RemindersForm, StageForm } from "../../domain/cadence/settings-form";
import type { FieldProblem } from "../../domain/field-problem";
import { useT } from "../../i18n/context";
import { cadenceMessages } from "../../i18n/messages/settings-cadence";
import { useProblemText } from "./problem-text";

// The cadence's stages, in the order a late debt meets them: each stage's day,
// letter, audience, offer and delivery; stages added, removed, or moved (a stage
// moved earlier takes the day of the one before it, which takes its day).

type T = ReturnType<typeof useT<typeof cadenceMessages.en>>;

export function stageWhen(offsetText: string, t: T): string {
  const offset = Number(offsetText.trim());
  if (!/^-?\d+$/.test(offsetText.trim())) return t("whenUnreadable");
  if (offset === 0) return t("whenDue");
  return offset < 0 ? t("whenBefore", { count: -offset }) : t("whenAfter", { count: offset });
}

const newStageId = () => `stage-${Math.random().toString(36).slice(2, 10)}`;

function StageFields({ stage, n, onChange, problem }: { stage: StageForm; n: number; onChange: (stage: StageForm) => void; problem?: string }) {
  const t = useT(cadenceMessages);
  const set =
    <K extends keyof StageForm>(name: K) =>
    (value: StageForm[K]) =>
      onChange({ ...stage, [name]: value });
  return (
    <BlockStack gap="200">
      <InlineGrid columns={{ xs: 1, md: ["oneThird", "twoThirds"] }} gap="300">
        <TextField
          label={t("offsetDays")}
          type="number"
          min={OFFSET_BOUNDS.earliest}
          max={OFFSET_BOUNDS.latest}
          value={stage.offsetDays}
          onChange={set("offsetDays")}
          error={problem}
          helpText={t("offsetDaysHelp")}
          autoComplete="off"
          id={`stage-${n}-offset`}
        />
        <Select
          label={t("kind")}
          options={CADENCE_KINDS.map((kind) => ({ label: t(`kind_${kind}`), value: kind }))}
          value={stage.kind}
          onChange={(kind) => onChange({ ...stage, kind: kind as StageForm["kind"] })}
        />
      </InlineGrid>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
        <Select
          label={t("audience")}
          options={(["everyone", "repeat_late_payers"] as const).map((a) => ({ label: t(`audience_${a}`), value: a }))}
          value={stage.audience}
          onChange={(audience) => onChange({ ...stage, audience: audience as StageForm["audience"] })}
        />
        <Select
          label={t("delivery")}
          options={(["letter", "shopify_reminder"] as const).map((d) => ({ label: t(`delivery_${d}`), value: d }))}
          value={stage.delivery}
          onChange={(delivery) => onChange({ ...stage, delivery: delivery as StageForm["delivery"] })}
        />
      </InlineGrid>
      <Checkbox label={t("offer")} checked={stage.offer} onChange={set("offer")} />
    </BlockStack>
  );
}

export function CadenceCard({ value, onChange, error }: { value: RemindersForm; onChange: (value: RemindersForm) => void; error?: FieldProblem }) {
  const t = useT(cadenceMessages);
  const say = useProblemText();
  const stages = value.stages;
  const setStages = (next: StageForm[]) => onChange({ ...value, stages: next });
  const atFault = typeof error?.params?.stage === "number" ? error.params.stage : null;
  const move = (i: number, to: number) => {
    const next = [...stages];
    // The two letters trade days, and places: the list stays in the order of the days.
    [next[i], next[to]] = [
      { ...stages[to], offsetDays: stages[i].offsetDays },
      { ...stages[i], offsetDays: stages[to].offsetDays },
    ];
    setStages(next);
  };
  const add = () => {
    const last = Math.max(0, ...stages.map((s) => Number(s.offsetDays)).filter(Number.isFinite));
    const offsetDays = String(Math.min(OFFSET_BOUNDS.latest, last + 7));
    setStages([...stages, { id: newStageId(), offsetDays, kind: "follow_up", audience: "everyone", offer: false, delivery: "letter" }]);
  };
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("cadenceHeading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("cadenceIntro")}
          </Text>
        </BlockStack>
        {stages.map((stage, i) => (
          <Box key={stage.id} borderColor="border" borderWidth="025" borderRadius="200" padding="300">
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="h3" variant="headingSm">
                  {t("stageTitle", { n: i + 1, when: stageWhen(stage.offsetDays, t) })}
                </Text>
                <ButtonGroup variant="segmented">
                  <Button accessibilityLabel={t("moveUp", { n: i + 1 })} disabled={i === 0} onClick={() => move(i, i - 1)}>
                    {t("earlier")}
                  </Button>
                  <Button accessibilityLabel={t("moveDown", { n: i + 1 })} disabled={i === stages.length - 1} onClick={() => move(i, i + 1)}>
                    {t("later")}
                  </Button>
                  <Button tone="critical" accessibilityLabel={t("remove", { n: i + 1 })} onClick={() => setStages(stages.filter((_, k) => k !== i))}>
                    {t("removeShort")}
                  </Button>
                </ButtonGroup>
              </InlineStack>
              <StageFields
                stage={stage}
                n={i + 1}
                onChange={(s) => setStages(stages.map((old, k) => (k === i ? s : old)))}
                problem={atFault === i ? say(error) : undefined}
              />
            </BlockStack>
          </Box>
        ))}
        {error && atFault === null && <InlineError message={say(error)!} fieldID="add-stage" />}
        <InlineStack>
          <Button id="add-stage" onClick={add}>
            {t("addStage")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
