import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { sortGerman } from "#app/modules/organisations/order";
import type { ProjectDetail } from "#app/modules/projects/queries.server";

/** A project as its page shows it (what the loader gives the project page's sections). */
export type Project = ProjectDetail;

/**
 * People for a native select, one optgroup per organisation in German order (people by name inside):
 * a longer list stays scannable, and type-ahead still works.
 */
export function byOrganisation(users: { id: number; name: string; organisationName: string }[]) {
  const sorted = sortGerman(users, (u) => u.organisationName, (u) => u.name);
  return [...new Set(sorted.map((u) => u.organisationName))].map((group) => ({
    group,
    items: sorted.filter((u) => u.organisationName === group).map((u) => ({ value: String(u.id), label: `${u.name} (${group})` })),
  }));
}

/** All messages of a refused submission (form and fields alike), for the one-button forms that have no field to show them at. */
export function errorsOf(result: SubmissionResult<string[]> | undefined): string[] {
  return Object.values(result?.error ?? {})
    .flat()
    .filter((e): e is string => typeof e === "string");
}

type DateDetails = { period?: { start: string; end: string }; milestones?: { title: string; startDate: string; endDate: string }[] };

/**
 * Translates a date field's first error with what the server named along with it: the planned period
 * a milestone must lie in, or the open milestones a new period would leave outside („Titel“ with its dates).
 */
export function useDateFieldError(result: SubmissionResult<string[]> | undefined) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const details = (result as { details?: DateDetails } | undefined)?.details;
  const range = (start: string, end: string) => `${fmt.date(start)} – ${fmt.date(end)}`;
  const params = {
    ...(details?.period ? { start: fmt.date(details.period.start), end: fmt.date(details.period.end) } : {}),
    ...(details?.milestones
      ? { count: details.milestones.length, milestones: details.milestones.map((m) => `„${m.title}“ (${range(m.startDate, m.endDate)})`).join(", ") }
      : {}),
  };
  return (errors: string[] | undefined) => (errors && errors.length > 0 ? t(errors[0], params) : undefined);
}
