import { describe, expect, it } from "vitest";
import { assignableRoles, can, MATRIX, mayManageUser, PERMISSIONS, ROLES, rolesToNameOnRefusal, type Actor, type Role } from "#app/modules/auth/permissions";
import { navigationFor } from "#app/modules/auth/navigation";

const actor = (role: Role, organisationId = 1, teamId: number | null = null): Actor => ({
  userId: 1,
  organisationId,
  roles: [{ role, organisationId: teamId ? null : organisationId, teamId }],
});

describe("permission matrix", () => {
  it("names only known permissions", () => {
    for (const role of ROLES) for (const p of Object.keys(MATRIX[role])) expect(PERMISSIONS).toContain(p);
  });

  it("gives administration permissions to admins only", () => {
    for (const role of ROLES) {
      expect(can(actor(role), "admin:users")).toBe(role === "admin");
      expect(can(actor(role), "admin:organisations")).toBe(role === "admin");
      expect(can(actor(role), "admin:teams")).toBe(role === "admin");
      expect(can(actor(role), "admin:feedback")).toBe(role === "admin");
    }
  });

  it("lets an organisation lead manage users of the own organisation only", () => {
    const lead = actor("member_lead", 7);
    expect(can(lead, "manage:users", { organisationId: 7 })).toBe(true);
    expect(can(lead, "manage:users", { organisationId: 8 })).toBe(false);
    expect(can(lead, "manage:users")).toBe(false);
    expect(can(actor("member_staff", 7), "manage:users", { organisationId: 7 })).toBe(false);
    expect(can(actor("admin", 1), "manage:users", { organisationId: 8 })).toBe(true);
  });

  it("refuses everything to nobody", () => {
    for (const p of PERMISSIONS) expect(can(null, p)).toBe(false);
  });

  it("opens „Mein Konto“ to every signed-in person, even one without any role", () => {
    const noRoles: Actor = { userId: 1, organisationId: 1, roles: [] };
    expect(can(noRoles, "view:account")).toBe(true);
    expect(can(noRoles, "view:portal")).toBe(false);
    for (const role of ROLES) expect(can(actor(role), "view:account")).toBe(true);
  });

  it("opens one's own „Benachrichtigungen“ to every signed-in person, even one without any role", () => {
    const noRoles: Actor = { userId: 1, organisationId: 1, roles: [] };
    expect(can(noRoles, "view:notifications")).toBe(true);
    for (const role of ROLES) expect(can(actor(role), "view:notifications")).toBe(true);
  });

  it("limits the roles a lead may hand out", () => {
    expect(assignableRoles(actor("member_lead"))).toEqual(["member_staff", "member_lead"]);
    expect(assignableRoles(actor("admin"))).toEqual([...ROLES]);
    expect(assignableRoles(actor("member_staff"))).toEqual([]);
  });

  it("lets a lead manage only accounts holding roles the lead could hand out", () => {
    const lead = actor("member_lead", 7);
    expect(mayManageUser(lead, { organisationId: 7, roles: ["member_staff", "member_lead"] })).toBe(true);
    expect(mayManageUser(lead, { organisationId: 8, roles: ["member_staff"] })).toBe(false);
    for (const role of ["board", "admin", "management", "requirements_manager", "team_member", "team_lead"] as Role[]) {
      expect(mayManageUser(lead, { organisationId: 7, roles: ["member_staff", role] })).toBe(false);
      expect(mayManageUser(actor("admin", 1), { organisationId: 7, roles: ["member_staff", role] })).toBe(true);
    }
    expect(mayManageUser(actor("member_staff", 7), { organisationId: 7, roles: ["member_staff"] })).toBe(false);
  });

  it("shows the administration link only to admins", () => {
    expect(navigationFor(actor("admin")).map((n) => n.to)).toContain("/verwaltung");
    expect(navigationFor(actor("member_staff")).map((n) => n.to)).not.toContain("/verwaltung");
    expect(navigationFor(actor("member_lead")).map((n) => n.to)).toContain("/verwaltung/benutzer");
  });
});

describe("roles named on a refusal", () => {
  it("names every role that may use the page, in the matrix's order", () => {
    expect(rolesToNameOnRefusal(actor("member_staff"), "view:dashboard")).toEqual(["management", "board", "admin"]);
    expect(rolesToNameOnRefusal(actor("member_staff"), "admin:settings")).toEqual(["admin"]);
    expect(rolesToNameOnRefusal(actor("team_member"), "manage:users")).toEqual(["member_lead", "admin"]);
  });

  it("names none when the actor holds such a role and was refused for the record's organisation or team", () => {
    expect(rolesToNameOnRefusal(actor("member_lead"), "manage:users")).toEqual([]);
    expect(rolesToNameOnRefusal(actor("team_member", 1, 5), "score:workshop")).toEqual([]);
  });
});
