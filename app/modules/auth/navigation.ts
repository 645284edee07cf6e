import { can, hasRole, type Actor } from "./permissions";

export interface NavItem {
  to: string;
  labelKey: string;
}

/** The main navigation a role sees; pages themselves still check permissions on the server. */
export function navigationFor(actor: Actor): NavItem[] {
  const items: NavItem[] = [{ to: "/", labelKey: "nav.home" }];
  if (can(actor, "manage:users", { organisationId: actor.organisationId }) && !hasRole(actor, "admin")) {
    items.push({ to: "/verwaltung/benutzer", labelKey: "nav.ownUsers" });
  }
  if (hasRole(actor, "admin")) items.push({ to: "/verwaltung", labelKey: "nav.admin" });
  return items;
}
