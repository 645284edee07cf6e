import { can, hasRole, type Actor } from "./permissions";

export interface NavItem {
  to: string;
  labelKey: string;
  /** Pages outside the item's address that belong to its section (marked as part of it). */
  also?: string[];
}

/** The main navigation a role sees; pages themselves still check permissions on the server. */
export function navigationFor(actor: Actor): NavItem[] {
  const items: NavItem[] = [{ to: "/", labelKey: "nav.home" }];
  const own = { organisationId: actor.organisationId };
  if (can(actor, "create:requirement", own)) {
    items.push({ to: "/anforderungen/neu", labelKey: "requirements:nav.new" });
    items.push({ to: "/anforderungen/unsere", labelKey: "requirements:nav.own" });
  }
  items.push({ to: "/anforderungen", labelKey: "requirements:nav.all" });
  if (can(actor, "release:requirement", own)) items.push({ to: "/freigaben", labelKey: "requirements:nav.releases" });
  if (can(actor, "triage:requirement")) items.push({ to: "/eingang", labelKey: "requirements:nav.triage" });
  if (can(actor, "manage:candidates")) items.push({ to: "/buendelung", labelKey: "nav.bundling" });
  items.push({ to: "/kandidaten", labelKey: "nav.candidates" });
  items.push({ to: "/projekte", labelKey: "nav.projects" });
  if (can(actor, "vote:board") || can(actor, "approve:project")) items.push({ to: "/umlaufverfahren", labelKey: "nav.resolutions" });
  if (can(actor, "view:dashboard")) items.push({ to: "/cockpit", labelKey: "nav.dashboard" });
  if (actor.roles.some((r) => r.teamId !== null) || can(actor, "schedule:workshop")) items.push({ to: "/workshops", labelKey: "nav.workshops", also: ["/kompetenzteams/"] });
  if (can(actor, "manage:users", { organisationId: actor.organisationId }) && !hasRole(actor, "admin")) {
    items.push({ to: "/verwaltung/benutzer", labelKey: "nav.ownUsers" });
  }
  if (hasRole(actor, "admin")) items.push({ to: "/verwaltung", labelKey: "nav.admin" });
  return items;
}
