import type { SubmissionResult } from "@conform-to/react";
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
