// The one place that answers "may this actor do that (on this record)". Pure: the server enforces it
// through requirePermission; the UI only uses it to hide what a user cannot do.

export const ROLES = [
  "member_staff",
  "member_lead",
  "requirements_manager",
  "team_member",
  "team_lead",
  "management",
  "board",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_ROLES: Role[] = ["member_staff", "member_lead"];
export const TEAM_ROLES: Role[] = ["team_member", "team_lead"];
export const ASSOCIATION_ROLES: Role[] = ["requirements_manager", "management", "board", "admin"];

/**
 * Roles only the association's own office (Geschäftsstelle) holds: the requirements team, the two managing
 * directors of the four-eyes approval and the administration. Board members and team members come from the
 * member bodies, so `board` and the team roles are not among them.
 */
export const OFFICE_ROLES: Role[] = ["requirements_manager", "management", "admin"];
export const OFFICE_KIND = "geschaeftsstelle";

export function roleNeedsOffice(role: Role): boolean {
  return OFFICE_ROLES.includes(role);
}

export function roleScope(role: Role): "organisation" | "team" | "association" {
  if (ORGANISATION_ROLES.includes(role)) return "organisation";
  if (TEAM_ROLES.includes(role)) return "team";
  return "association";
}

export interface ActorRole {
  role: Role;
  organisationId: number | null;
  teamId: number | null;
}

export interface Actor {
  userId: number;
  organisationId: number;
  roles: ActorRole[];
}

/** What a record tells the permission check about its scope. */
export interface RecordScope {
  organisationId?: number | null;
  teamId?: number | null;
}

export const PERMISSIONS = [
  "view:account",
  "view:notifications",
  "view:portal",
  "admin:organisations",
  "admin:teams",
  "admin:users",
  "admin:feedback",
  "manage:users",
  "create:requirement",
  "edit:requirement",
  "withdraw:requirement",
  "release:requirement",
  "cosign:requirement",
  "comment:requirement",
  "triage:requirement",
  "read:confidential",
  "manage:candidates",
  "schedule:workshop",
  "moderate:workshop",
  "score:workshop",
  "manage:criteria",
  "manage:projects",
  "approve:project",
  "vote:board",
  "view:dashboard",
  "update:rollout",
  "admin:settings",
  "admin:audit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type Rule = "any" | "own_organisation" | "own_team";

/**
 * Granted to every signed-in (and so active) person, whatever roles they hold: „Mein Konto“, where
 * everyone may download their own data and change their password, and their own „Benachrichtigungen“
 * (the bell shows to everyone signed in), even after losing every role.
 */
export const SIGNED_IN_PERMISSIONS: Permission[] = ["view:account", "view:notifications"];

// Role → permission → scope in which the role grants it.
const FILER: Partial<Record<Permission, Rule>> = {
  "create:requirement": "own_organisation",
  "edit:requirement": "own_organisation",
  "withdraw:requirement": "own_organisation",
  "cosign:requirement": "any",
  "comment:requirement": "any",
};

export const MATRIX: Record<Role, Partial<Record<Permission, Rule>>> = {
  member_staff: { "view:portal": "any", ...FILER },
  member_lead: {
    "view:portal": "any",
    ...FILER,
    "manage:users": "own_organisation",
    "release:requirement": "own_organisation",
    "update:rollout": "own_organisation",
  },
  requirements_manager: {
    "view:portal": "any",
    "comment:requirement": "any",
    "triage:requirement": "any",
    "read:confidential": "any",
    "manage:candidates": "any",
    "schedule:workshop": "any",
  },
  team_member: { "view:portal": "any", "comment:requirement": "any", "score:workshop": "own_team" },
  team_lead: {
    "view:portal": "any",
    "comment:requirement": "any",
    "score:workshop": "own_team",
    "moderate:workshop": "own_team",
    "schedule:workshop": "own_team",
    "manage:criteria": "own_team",
  },
  management: {
    "view:portal": "any",
    "comment:requirement": "any",
    "read:confidential": "any",
    "manage:projects": "any",
    "approve:project": "any",
    "view:dashboard": "any",
  },
  board: { "view:portal": "any", "comment:requirement": "any", "vote:board": "any", "view:dashboard": "any" },
  admin: {
    "view:portal": "any",
    "read:confidential": "any",
    "comment:requirement": "any",
    "admin:organisations": "any",
    "admin:teams": "any",
    "admin:users": "any",
    "admin:feedback": "any",
    "manage:users": "any",
    "manage:criteria": "any",
    "schedule:workshop": "any",
    "view:dashboard": "any",
    "admin:settings": "any",
    "admin:audit": "any",
  },
};

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.some((r) => r.role === role);
}

export function can(actor: Actor | null, permission: Permission, record?: RecordScope): boolean {
  if (!actor) return false;
  if (SIGNED_IN_PERMISSIONS.includes(permission)) return true;
  return actor.roles.some((assignment) => {
    const rule = MATRIX[assignment.role]?.[permission];
    if (!rule) return false;
    if (rule === "any") return true;
    if (!record) return false;
    if (rule === "own_organisation") {
      const orgOfRole = assignment.organisationId ?? actor.organisationId;
      return record.organisationId != null && record.organisationId === orgOfRole;
    }
    return record.teamId != null && record.teamId === assignment.teamId;
  });
}

/**
 * The roles that may use a page or step the actor was refused, to name on the refusal; empty when the
 * actor holds one of them already (refused for this record's organisation or team, not for the role).
 */
export function rolesToNameOnRefusal(actor: Actor, permission: Permission): Role[] {
  const roles = ROLES.filter((role) => MATRIX[role][permission] !== undefined);
  return roles.some((role) => hasRole(actor, role)) ? [] : roles;
}

/** Roles a user with `manage:users` may hand out: admins all, organisation leads only their own org's roles. */
export function assignableRoles(actor: Actor): Role[] {
  if (hasRole(actor, "admin")) return [...ROLES];
  if (hasRole(actor, "member_lead")) return ["member_staff", "member_lead"];
  return [];
}

/**
 * May the actor manage this user's account (name, e-mail, roles, activation, setup link)? Admins any;
 * an organisation lead only accounts of the own organisation holding no role beyond those the lead may
 * hand out: a setup link for, say, a board member would let the lead take over that account's vote.
 */
export function mayManageUser(actor: Actor, target: { organisationId: number; roles: Role[] }): boolean {
  if (can(actor, "admin:users")) return true;
  if (!can(actor, "manage:users", { organisationId: target.organisationId })) return false;
  const assignable = assignableRoles(actor);
  return target.roles.every((r) => assignable.includes(r));
}
