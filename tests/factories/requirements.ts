import type { DB } from "#db/client.server";
import type { Actor } from "#app/modules/auth/permissions";
import { createRequirement } from "#app/modules/requirements/requirements.server";
import type { RequirementInput } from "#app/modules/requirements/schema";

export function requirementInput(overrides: Partial<RequirementInput> = {}): RequirementInput {
  return {
    title: "Online-Anmeldung der Hundesteuer",
    problem: "Bürgerinnen und Bürger müssen Hunde bisher persönlich im Bürgerbüro anmelden.",
    desiredOutcome: "Hunde können online an- und abgemeldet werden.",
    themenfeld: "Steuern & Zoll",
    system: "OK.FIS",
    legalBasis: "Hundesteuersatzung",
    deadline: undefined,
    benefit: "Weniger Publikumsverkehr, schnellere Bearbeitung.",
    urgency: "medium",
    confidential: false,
    ...overrides,
  };
}

export async function fileRequirement(db: DB, actor: Actor, overrides: Partial<RequirementInput> & { submit?: boolean } = {}) {
  const { submit = true, ...rest } = overrides;
  const { id } = await createRequirement(db, actor, { ...requirementInput(rest), submit });
  return id;
}
