import { getFormProps, useForm } from "@conform-to/react";
import { Button, Group, Radio, Stack, Text } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fetcherResult, FormErrors, useFieldError } from "#app/components/forms";
import { submitThen } from "#app/components/stepFocus";

interface Props {
  action: string;
  itemId: number;
  round: number;
  candidateTitle: string;
  criteria: { id: number; name: string; description: string; inverse: boolean }[];
  myScores: Record<number, number>;
  scored: boolean;
}

/** One participant's scores for one item: every criterion 1–5; sending again replaces the earlier scores. */
export function ScoreForm({ action, itemId, round, candidateTitle, criteria, myScores, scored }: Props) {
  const { t } = useTranslation("workshops");
  const fieldError = useFieldError();
  const fetcher = useFetcher<{ ok?: boolean; intent?: string; status?: string }>();
  // A successful save clears the errors of an earlier attempt.
  const [form] = useForm({ id: `score-${itemId}-${round}`, lastResult: fetcherResult(fetcher.data), shouldValidate: "onSubmit" });
  const saved = fetcher.state === "idle" && fetcher.data?.ok === true;
  // The server's refusal (a criterion left out): the status says nothing was saved, the messages say why.
  const refused = fetcher.state === "idle" && fetcher.data !== undefined && fetcher.data.ok !== true;
  const headingId = `score-${itemId}-heading`;
  return (
    // Once saved, the focus goes to the form's heading and the status next to the button says so;
    // refused, the focus goes to the first criterion in error (stepFocus) and the status says it was not saved.
    <fetcher.Form method="post" action={action} {...getFormProps(form)} onSubmit={submitThen(form.onSubmit, headingId)} aria-labelledby={headingId}>
      <Stack gap="sm">
        <Text fw={600} id={headingId}>
          {t("score.heading", { title: candidateTitle })}
        </Text>
        <Text size="sm">{t("score.scale")}</Text>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="score" />
        <input type="hidden" name="itemId" value={itemId} />
        {criteria.map((c, i) => {
          const errors = form.allErrors[`scores[${i}].value`];
          return (
            <div key={c.id}>
              <input type="hidden" name={`scores[${i}].criterionId`} value={c.id} />
              <Radio.Group
                name={`scores[${i}].value`}
                label={c.name}
                description={c.description || undefined}
                defaultValue={myScores[c.id] ? String(myScores[c.id]) : undefined}
                error={fieldError(errors)}
                // Marks the group for stepFocus, which focuses the first field in error after a refusal.
                data-invalid={errors?.length ? "true" : undefined}
                withAsterisk
              >
                <Group gap="md" mt={4}>
                  {[1, 2, 3, 4, 5].map((v) => (
                    <Radio key={v} value={String(v)} label={String(v)} />
                  ))}
                </Group>
              </Radio.Group>
            </div>
          );
        })}
        <Group>
          <Button type="submit" loading={fetcher.state !== "idle"}>
            {scored ? t("score.update") : t("score.submit")}
          </Button>
          <Text size="sm" role="status" aria-live="polite">
            {saved ? t("score.saved") : refused ? t("score.notSaved") : scored ? t("score.alreadyScored") : ""}
          </Text>
        </Group>
      </Stack>
    </fetcher.Form>
  );
}
