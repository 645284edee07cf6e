// Every code the app writes to the audit log. `recordAudit` accepts only these, and each has a label
// under admin:audit.actions in both languages (tests/unit/audit-actions.test.ts keeps them in step).
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "access.denied",
  "user.first_admin_created",
  "user.created",
  "user.updated",
  "user.deactivated",
  "user.reactivated",
  "user.setup_link_issued",
  "user.password_set",
  "user.password_changed",
  "user.data_exported",
  "user.data_exported_by_admin",
  "user.anonymised",
  "role.assigned",
  "role.removed",
  "organisation.created",
  "organisation.updated",
  "team.created",
  "team.updated",
  "feedback.done",
  "feedback.reopened",
  "settings.projects",
  "requirement.release",
  "requirement.return",
  "requirement.clarify",
  "requirement.withdraw",
  "requirement.review",
  "requirement.reject",
  "requirement.attachment_removed",
  "requirement.draft_deleted",
  "requirement.classified",
  "requirement.merge",
  "candidate.accepted",
  "candidate.edited",
  "candidate.requirement_added",
  "candidate.requirement_removed",
  "candidate.merged",
  "candidate.split",
  "candidate.team_assigned",
  "proposal.dismissed",
  "proposal.restored",
  "criterion.added",
  "criterion.updated",
  "criterion.activated",
  "criterion.deactivated",
  "workshop.scheduled",
  "workshop.reschedule",
  "workshop.agenda",
  "workshop.order",
  "workshop.cancel",
  "workshop.start",
  "workshop.item.open",
  "workshop.item.reveal",
  "workshop.item.reopen",
  "workshop.item.notes",
  "workshop.item.decide",
  "workshop.end",
  "workshop.publish",
  "project.proposed",
  "project.approval",
  "project.declined",
  "project.vote",
  "project.board_adopted",
  "project.board_rejected",
  "project.board_noted",
  "project.phase",
  "project.period",
  "project.lead",
  "project.rollout",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

type Suffix<A, P extends string> = A extends `${P}.${infer Rest}` ? Rest : never;
/** The codes under one prefix, without it: `AuditActionsOf<"workshop.item">` is "open" | "reveal" | … */
export type AuditActionsOf<P extends string> = Suffix<AuditAction, P>;

const KNOWN: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

/** The label's key in the admin namespace; null for a code no longer written (old rows show the code itself). */
export function auditActionLabelKey(code: string): string | null {
  return KNOWN.has(code) ? `audit.actions.${code}` : null;
}

// The kinds of object an audit entry is about, each with a label under admin:audit.entities.
export const AUDIT_ENTITY_TYPES = ["requirement", "candidate", "proposal", "workshop", "project", "team", "organisation", "user", "feedback", "settings", "route"] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

const KNOWN_ENTITIES: ReadonlySet<string> = new Set(AUDIT_ENTITY_TYPES);

/** The label's key in the admin namespace; null for a type no longer written (shown as it is). */
export function auditEntityLabelKey(type: string): string | null {
  return KNOWN_ENTITIES.has(type) ? `audit.entities.${type}` : null;
}

/**
 * The page of the object: the administration page for those administered there, the portal page of a
 * requirement, candidate or project the log could name (it exists and the admin may see it); null for all others.
 */
export function auditEntityHref(type: string, id: string | null, named = false): string | null {
  if (type === "settings") return "/verwaltung/einstellungen";
  if (type === "feedback") return "/verwaltung/rueckmeldungen?status=all";
  if (!id || !/^\d+$/.test(id)) return null;
  if (type === "user") return `/verwaltung/benutzer/${id}`;
  if (type === "organisation") return `/verwaltung/organisationen/${id}`;
  if (type === "team") return `/verwaltung/teams/${id}`;
  if (!named) return null;
  if (type === "requirement") return `/anforderungen/${id}`;
  if (type === "candidate") return `/kandidaten/${id}`;
  if (type === "project") return `/projekte/${id}`;
  return null;
}

/**
 * Who to name for an entry without a user. Only sign-in events are written before anyone is signed in
 * (a failed sign-in stores no actor, even when the e-mail belongs to a known user: that visitor has not
 * proven to be them), so an actorless `auth.*` entry comes from an anonymous visitor. Every other
 * entry without a user was written by the application itself, e.g. the result of a board vote once
 * the last vote is in: that is "automatic", as the project history says.
 */
export function auditActorKind(action: string, actorUserId: number | null): "user" | "visitor" | "system" {
  if (actorUserId !== null) return "user";
  return action === "auth" || action.startsWith("auth.") ? "visitor" : "system";
}
