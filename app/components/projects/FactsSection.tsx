import { getFormProps, useForm } from "@conform-to/react";
import { SimpleGrid, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { Fact } from "#app/components/Fact";
import { ConfirmStep, formHasErrors, useFreshAfterSuccess, useIntentResult } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { useMoney } from "./ProjectBits";
import { useDateFieldError, type Project } from "./shared";

export function FactsSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const money = useMoney();
  return (
    <PageSection layout="card-stack" id="steckbrief" title={t("detail.facts")}>
      <div>
        <Text fw={600}>{t("fields.goal")}</Text>
        <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{p.goal}</Text>
      </div>
      <div>
        <Text fw={600}>{t("fields.scope")}</Text>
        <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{p.scope}</Text>
      </div>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} m={0}>
        <Fact label={t("fields.budget")} value={money(p.budget)} />
        <Fact label={t("detail.period")} value={`${fmt.date(p.plannedStart)} – ${fmt.date(p.plannedEnd)}`} />
        <Fact label={t("fields.lead")} value={p.lead?.name ?? "–"} />
        <Fact label={t("detail.proposedBy")} value={`${p.creatorName ?? "–"} · ${fmt.dateTime(p.createdAt)}`} />
      </SimpleGrid>
      {p.may.run && <PeriodForm p={p} />}
    </PageSection>
  );
}

/** Re-planning the period while the project runs (management or its lead); the server checks the dates. */
function PeriodForm({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const result = useIntentResult("period");
  const generation = useFreshAfterSuccess("period", result);
  const [form, fields] = useForm({ id: `project-period-${generation}`, lastResult: result, shouldValidate: "onSubmit" });
  const dateError = useDateFieldError(result);
  return (
    <div className="no-print" key={generation}>
      <ConfirmStep
        label={t("detail.periodChange")}
        intent="period"
        confirmLabel={t("detail.periodSubmit")}
        open={formHasErrors(form)}
        formProps={getFormProps(form)}
        errors={form.errors}
        hint={t("detail.periodHint")}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t("fields.plannedStart")}
            name={fields.plannedStart.name}
            id={fields.plannedStart.id}
            defaultValue={(fields.plannedStart.initialValue as string | undefined) ?? p.plannedStart}
            required
            error={dateError(fields.plannedStart.errors)}
          />
          <TextInput
            type="date"
            label={t("fields.plannedEnd")}
            name={fields.plannedEnd.name}
            id={fields.plannedEnd.id}
            defaultValue={(fields.plannedEnd.initialValue as string | undefined) ?? p.plannedEnd}
            required
            error={dateError(fields.plannedEnd.errors)}
          />
        </SimpleGrid>
      </ConfirmStep>
    </div>
  );
}
