import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { ConfirmedIntentForm } from "#app/components/forms";
import { focusAfterStep } from "#app/components/stepFocus";

/**
 * „Workshop starten“, on the overview and on the live view alike: it asks first, and names the planned
 * date when starting now would be out of schedule (`may.startOffSchedule`, decided on the server).
 * Posts to the live view's action, which answers a missing confirmation without JavaScript; after the
 * start the focus goes to `focusId`.
 */
export function StartWorkshopForm({
  action,
  lastResult,
  offSchedule,
  scheduledAt,
  focusId,
}: {
  action: string;
  lastResult: SubmissionResult<string[]> | undefined;
  offSchedule: boolean;
  scheduledAt: string;
  focusId: string;
}) {
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  return (
    <div onSubmit={() => focusAfterStep(focusId)}>
      <ConfirmedIntentForm
        id="workshop-start"
        intent="start"
        action={action}
        lastResult={lastResult}
        label={t("live.start")}
        question={offSchedule ? t("moderation.startQuestionOffSchedule", { date: fmt.dateTime(scheduledAt) }) : t("moderation.startQuestion")}
        confirmLabel={t("moderation.startConfirm")}
      />
    </div>
  );
}
