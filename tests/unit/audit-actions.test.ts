import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "#app/locales/index";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionLabelKey, auditEntityHref, auditEntityLabelKey } from "#app/modules/audit/actions";
import { i18nConfig } from "#app/modules/i18n/config";
import { keyPaths } from "#tests/helpers/locales";

async function adminT(lng: "de" | "en") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng });
  return i18n.getFixedT(lng, "admin");
}

describe("audit action labels", () => {
  it("lists each code once", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  for (const lng of ["de", "en"] as const) {
    it(`label every code and no other in ${lng}`, async () => {
      expect(keyPaths(resources[lng].admin.audit.actions).sort()).toEqual([...AUDIT_ACTIONS].sort());
      const t = await adminT(lng);
      for (const code of AUDIT_ACTIONS) {
        const label = t(auditActionLabelKey(code)!);
        expect(label.trim(), `${lng}: ${code}`).not.toBe("");
        expect(label, `${lng}: ${code}`).not.toContain(code);
      }
    });
  }

  it("reads as German administration wording", async () => {
    const t = await adminT("de");
    const label = (code: string) => t(auditActionLabelKey(code)!);
    expect(label("auth.sign_in")).toBe("Anmeldung");
    expect(label("auth.sign_in_failed")).toBe("Anmeldung fehlgeschlagen");
    expect(label("auth.sign_out")).toBe("Abmeldung");
    expect(label("access.denied")).toBe("Zugriff verweigert");
    expect(label("user.anonymised")).toBe("Konto anonymisiert");
  });

  it("has no label for a code no longer written, nor for a part of a code: the page shows the code itself", () => {
    expect(auditActionLabelKey("requirement.submit")).toBeNull();
    expect(auditActionLabelKey("workshop.item")).toBeNull();
    expect(auditActionLabelKey("auth")).toBeNull();
    expect(auditActionLabelKey("")).toBeNull();
  });
});

describe("audit object labels", () => {
  for (const lng of ["de", "en"] as const) {
    it(`label every object type and no other in ${lng}`, async () => {
      expect(Object.keys(resources[lng].admin.audit.entities).sort()).toEqual([...AUDIT_ENTITY_TYPES].sort());
      const t = await adminT(lng);
      for (const type of AUDIT_ENTITY_TYPES) expect(t(auditEntityLabelKey(type)!).trim(), `${lng}: ${type}`).not.toMatch(/^$|audit\./);
    });
  }

  it("links only objects administered on their own page, by numeric id", () => {
    expect(auditEntityHref("user", "7")).toBe("/verwaltung/benutzer/7");
    expect(auditEntityHref("organisation", "3")).toBe("/verwaltung/organisationen/3");
    expect(auditEntityHref("team", "2")).toBe("/verwaltung/teams/2");
    expect(auditEntityHref("settings", "projects")).toBe("/verwaltung/einstellungen");
    expect(auditEntityHref("feedback", "5")).toBe("/verwaltung/rueckmeldungen?status=all");
    expect(auditEntityHref("requirement", "12")).toBeNull();
    expect(auditEntityHref("route", "/freigaben")).toBeNull();
    expect(auditEntityHref("user", "../x")).toBeNull();
    expect(auditEntityHref("user", null)).toBeNull();
    expect(auditEntityLabelKey("gadget")).toBeNull();
  });
});
