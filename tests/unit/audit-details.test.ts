import { createInstance } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { auditActorKind } from "#app/modules/audit/actions";
import { auditDetailLines, auditDetailRefs, auditDetailTexts, humaniseKey, permissionLabelKey, type AuditNames } from "#app/modules/audit/details";
import { PERMISSIONS } from "#app/modules/auth/permissions";
import { resources } from "#app/locales/index";
import { keyPaths } from "#tests/helpers/locales";
import { i18nConfig } from "#app/modules/i18n/config";

type T = (key: string, params?: Record<string, string>) => string;
const translators: Partial<Record<"de" | "en", T>> = {};

beforeAll(async () => {
  for (const lng of ["de", "en"] as const) {
    const i18n = createInstance();
    await i18n.init({ ...i18nConfig, lng });
    const t = i18n.getFixedT(lng, "admin");
    translators[lng] = (key, params) => t(key, params);
  }
});

/** The details as the page shows them: "Label: value", one string per line. */
function shown(action: string, detail: unknown, names: AuditNames = {}, lng: "de" | "en" = "de"): string[] {
  const stored = typeof detail === "string" || detail === null ? detail : JSON.stringify(detail);
  return auditDetailTexts(auditDetailLines(action, stored, names), translators[lng]!, lng).map((l) => `${l.label}: ${l.value}`);
}

const names: AuditNames = {
  organisation: { "38": "Saarbrücken", "5": "Regionalverband Saarbrücken" },
  team: { "2": "Digitale Verwaltung" },
  user: { "7": "Anna Admin", "8": "Bernd Berg", "9": "Clara Cord" },
  candidate: { "1": "Online-Hundesteuer", "4": "E-Rechnung" },
  criterion: { "3": "Dringlichkeit" },
  item: { "2": "Online-Hundesteuer" },
};

describe("audit details in words", () => {
  it("says what a workshop decided, with the date in German format", () => {
    const detail = { itemId: 2, candidateId: 1, decision: "defer", rank: null, deferredUntil: "2027-06-30" };
    expect(shown("workshop.item.decide", detail, names)).toEqual(["Entscheidung: Zurückgestellt bis 30.06.2027", "Kandidat: Online-Hundesteuer"]);
    expect(shown("workshop.item.decide", { ...detail, decision: "prioritise", rank: 3, deferredUntil: null }, names)).toEqual([
      "Entscheidung: Priorisiert auf Rang 3",
      "Kandidat: Online-Hundesteuer",
    ]);
    expect(shown("workshop.item.decide", { ...detail, decision: "reject", deferredUntil: null }, names)).toEqual(["Entscheidung: Abgelehnt", "Kandidat: Online-Hundesteuer"]);
    // Without names the candidate is numbered, never left as an id field.
    expect(shown("workshop.item.decide", detail)).toEqual(["Entscheidung: Zurückgestellt bis 30.06.2027", "Kandidat: Nr. 1"]);
  });

  it("names the rollout change of an organisation with the project's words", () => {
    expect(shown("project.rollout", { organisationId: 38, from: "interested", to: "declined" }, names)).toEqual([
      "Einführungsstand: Interessiert → Abgelehnt",
      "Organisation: Saarbrücken",
    ]);
    expect(shown("project.rollout", { organisationId: 38, from: null, to: "planned" })).toEqual(["Einführungsstand: – → Geplant", "Organisation: Nr. 38"]);
  });

  it("lists a changed organisation's fields with the organisation form's labels", () => {
    const detail = { name: "Saarbrücken", kind: "stadt", districtId: 5, population: 180374, requiresRelease: true, active: false };
    expect(shown("organisation.updated", detail, names)).toEqual([
      "Name: Saarbrücken",
      "Art: Stadt",
      "Landkreis / Regionalverband: Regionalverband Saarbrücken",
      "Einwohnerzahl: 180.374",
      "Freigabe erforderlich: Ja",
      "Aktiv: Nein",
    ]);
    expect(shown("organisation.updated", { ...detail, districtId: null, population: null })).toContain("Landkreis / Regionalverband: Keiner");
    expect(shown("organisation.updated", { ...detail, districtId: null, population: null })).toContain("Einwohnerzahl: –");
  });

  it("names roles, teams and organisations of user and role changes", () => {
    expect(shown("user.created", { role: "member_staff", organisationId: 38 }, names)).toEqual(["Rolle: Sachbearbeitung (Kommune)", "Organisation: Saarbrücken"]);
    expect(shown("role.assigned", { role: "team_lead", teamId: 2 }, names)).toEqual(["Rolle: Leitung Kompetenzteam", "Kompetenzteam: Digitale Verwaltung"]);
    expect(shown("role.removed", { role: "team_lead" })).toEqual(["Rolle: Leitung Kompetenzteam"]);
    expect(shown("role.removed", { role: "wizard" })).toEqual(["Rolle: wizard"]);
  });

  it("names the permission a refused access needed in words, and an unknown code as stored", () => {
    expect(shown("access.denied", { permission: "admin:settings" })).toEqual(["Erforderliche Berechtigung: Einstellungen verwalten"]);
    expect(shown("access.denied", { permission: "admin:audit" })).toEqual(["Erforderliche Berechtigung: Protokoll einsehen"]);
    expect(shown("access.denied", { permission: "cosign:requirement" }, {}, "en")).toEqual(["Required permission: Co-sign requirements"]);
    expect(shown("access.denied", { permission: "admin:wizardry" })).toEqual(["Erforderliche Berechtigung: admin:wizardry"]);
    expect(shown("access.denied", { permission: "admin" })).toEqual(["Erforderliche Berechtigung: admin"]);
    expect(permissionLabelKey("admin:wizardry")).toBeNull();
  });

  for (const lng of ["de", "en"] as const) {
    it(`labels every permission of the permission module, and no other, in ${lng}`, () => {
      // A permission added without a label fails here rather than showing its code in the log.
      const labelled = keyPaths(resources[lng].admin.audit.permissions).map((path) => path.replace(".", ":"));
      expect(labelled.sort()).toEqual([...PERMISSIONS].sort());
      for (const code of PERMISSIONS) {
        const label = translators[lng]!(permissionLabelKey(code)!);
        expect(label.trim(), `${lng}: ${code}`).not.toBe("");
        expect(label, `${lng}: ${code}`).not.toMatch(/permissions\.|:/);
      }
    });
  }

  it("shows settings as before → after, or the value alone where it did not change", () => {
    expect(shown("settings.projects", { before: { boardThreshold: 100000, voteDays: 14 }, after: { boardThreshold: 150000, voteDays: 14 } })).toEqual([
      "Budgetschwelle für den Aufsichtsrat (Euro): 100.000 → 150.000",
      "Frist für das Umlaufverfahren (Tage): 14",
    ]);
  });

  it("numbers requirements and names candidates in bundling steps", () => {
    expect(shown("requirement.merge", { targetId: 12 })).toEqual(["Dublette von Anforderung: Nr. 12"]);
    expect(shown("candidate.accepted", { requirementIds: [3, 4] })).toEqual(["Anforderungen: Nr. 3, Nr. 4"]);
    expect(shown("candidate.edited", { fields: ["title", "summary"] })).toEqual(["Geänderte Felder: Titel, Zusammenfassung"]);
    expect(shown("candidate.requirement_added", { requirementId: 9 })).toEqual(["Anforderung: Nr. 9"]);
    expect(shown("candidate.requirement_removed", { requirementId: 9 })).toEqual(["Anforderung: Nr. 9"]);
    expect(shown("candidate.merged", { mergedId: 4 }, names)).toEqual(["Übernommener Kandidat: E-Rechnung"]);
    expect(shown("candidate.split", { newId: 4, requirementIds: [7] }, names)).toEqual(["Neuer Kandidat: E-Rechnung", "Anforderungen: Nr. 7"]);
    expect(shown("candidate.team_assigned", { teamId: 2 }, names)).toEqual(["Kompetenzteam: Digitale Verwaltung"]);
    expect(shown("candidate.team_assigned", { teamId: null }, names)).toEqual(["Kompetenzteam: keines"]);
  });

  it("describes criteria by name, weight and direction", () => {
    expect(shown("criterion.added", { name: "Dringlichkeit", weight: 30 })).toEqual(["Name: Dringlichkeit", "Gewicht: 30"]);
    expect(shown("criterion.updated", { criterionId: 3, name: "Aufwand", weight: 20, inverse: true })).toEqual(["Name: Aufwand", "Gewicht: 20", "Umgekehrt werten: Ja"]);
    expect(shown("criterion.deactivated", { criterionId: 3 }, names)).toEqual(["Kriterium: Dringlichkeit"]);
    expect(shown("criterion.activated", { criterionId: 3 })).toEqual(["Kriterium: Nr. 3"]);
  });

  it("describes workshop planning, changes and cancellation", () => {
    expect(shown("workshop.scheduled", { teamId: 2, candidateIds: [1, 4], participantIds: [7, 8] }, names)).toEqual([
      "Kompetenzteam: Digitale Verwaltung",
      "Kandidaten: Online-Hundesteuer, E-Rechnung",
      "Eingeladen: Anna Admin, Bernd Berg",
    ]);
    expect(
      shown("workshop.reschedule", { from: "2026-05-04T08:00:00.000Z", to: "2026-05-11T12:30:00.000Z", fromLocation: "Raum 1", location: "Raum 1", note: null }),
    ).toEqual(["Termin: 04.05.2026, 10:00 → 11.05.2026, 14:30", "Ort: Raum 1"]);
    expect(shown("workshop.reschedule", { from: "2026-05-04T08:00:00.000Z", to: "2026-05-04T08:00:00.000Z", fromLocation: null, location: "Online", note: "Neuer Raum" })).toEqual([
      "Termin: 04.05.2026, 10:00",
      "Ort: – → Online",
      "Hinweis: Neuer Raum",
    ]);
    // Empty lists say nothing: only what changed on the agenda is listed.
    expect(shown("workshop.agenda", { addedCandidateIds: [4], removedCandidateIds: [], invitedUserIds: [9], uninvitedUserIds: [] }, names)).toEqual([
      "Aufgenommene Kandidaten: E-Rechnung",
      "Neu eingeladen: Clara Cord",
    ]);
    expect(shown("workshop.cancel", { reason: "Krankheit", scheduledAt: "2026-05-04T08:00:00.000Z", candidateIds: [1] }, names)).toEqual([
      "Grund: Krankheit",
      "Geplanter Termin: 04.05.2026, 10:00",
      "Kandidaten: Online-Hundesteuer",
    ]);
    for (const step of ["open", "reveal", "reopen", "notes"]) expect(shown(`workshop.item.${step}`, { itemId: 2 }, names)).toEqual(["Tagesordnungspunkt: Online-Hundesteuer"]);
  });

  it("describes project steps: proposal, votes, board result, phase and lead", () => {
    expect(shown("project.proposed", { candidateIds: [1] }, names)).toEqual(["Kandidaten: Online-Hundesteuer"]);
    expect(shown("project.vote", { vote: "abstain" })).toEqual(["Stimme: Enthaltung"]);
    expect(shown("project.board_adopted", { yes: 5, no: 1, abstain: 1 })).toEqual(["Stimmen: Ja 5, Nein 1, Enthaltung 1"]);
    expect(shown("project.board_rejected", { yes: 1, no: 4, abstain: 0 })).toEqual(["Stimmen: Ja 1, Nein 4, Enthaltung 0"]);
    expect(shown("project.phase", { from: "planning", to: "stopped" })).toEqual(["Projektphase: Planung → Gestoppt"]);
    expect(shown("project.phase", { from: null, to: "initiation" })).toEqual(["Projektphase: – → Initiierung"]);
    expect(shown("project.lead", { from: 7, to: 8 }, names)).toEqual(["Projektleitung: Anna Admin → Bernd Berg"]);
    expect(shown("project.lead", { from: null, to: 8 })).toEqual(["Projektleitung: – → Nr. 8"]);
    const periodChange = { from: { start: "2030-02-01", end: "2030-11-30" }, to: { start: "2030-02-01", end: "2031-03-31" } };
    expect(shown("project.period", periodChange)).toEqual(["Geplanter Zeitraum: 01.02.2030 – 30.11.2030 → 01.02.2030 – 31.03.2031"]);
    expect(shown("project.period", periodChange, {}, "en")).toEqual(["Planned period: 1 Feb 2030 – 30 Nov 2030 → 1 Feb 2030 – 31 Mar 2031"]);
  });

  it("names the file an attachment removal took from a draft", () => {
    expect(shown("requirement.attachment_removed", { file: "Personalliste.pdf" })).toEqual(["Datei: Personalliste.pdf"]);
    expect(shown("requirement.attachment_removed", { file: "Personalliste.pdf" }, {}, "en")).toEqual(["File: Personalliste.pdf"]);
  });

  it("shows nothing for entries without details", () => {
    for (const detail of [null, "", "null"]) expect(shown("auth.sign_in", detail)).toEqual([]);
    expect(shown("project.vote", {})).toEqual([]);
  });

  it("shows unknown actions and fields readably: labelled pairs, dates and yes/no in words, no JSON", () => {
    const lines = shown("gadget.polished", { shineLevel: 3, polished_on: "2026-02-01", ok: false, tags: ["a", "b"], extra: { innerKey: 1 }, nothing: null });
    expect(lines).toEqual(["shine level: 3", "polished on: 01.02.2026", "ok: Nein", "tags: a, b", "extra: inner key: 1", "nothing: –"]);
    // A known field in an unknown action keeps its meaning; an unknown field in a known action is still shown.
    expect(shown("gadget.moved", { organisationId: 38, from: "a", to: "b" }, names)).toEqual(["Änderung: a → b", "Organisation: Saarbrücken"]);
    expect(shown("project.vote", { vote: "yes", weather: "sunny" })).toEqual(["Stimme: Ja", "weather: sunny"]);
    for (const line of lines) expect(line).not.toMatch(/[{}[\]"]/);
  });

  it("survives malformed details: wrong types, JSON that is not an object, text that is not JSON", () => {
    expect(shown("workshop.item.decide", { decision: "maybe", rank: "x", deferredUntil: 5 })).toEqual(["decision: maybe", "Rang: x", "Zurückgestellt bis: 5"]);
    expect(shown("project.rollout", { organisationId: "38", from: 1, to: ["x"] })).toEqual(["Einführungsstand: 1 → x", "Organisation: 38"]);
    expect(shown("project.board_adopted", { yes: "5", no: 1, abstain: 1 })).toEqual(["yes: 5", "no: 1", "abstain: 1"]);
    expect(shown("settings.projects", { before: 1, after: null })).toEqual(["before: 1", "after: –"]);
    expect(shown("role.removed", [1, 2])).toEqual(["Angabe: 1, 2"]);
    expect(shown("role.removed", "42")).toEqual(["Angabe: 42"]);
    expect(shown("role.removed", "not json")).toEqual(["Angabe: not json"]);
    expect(shown("role.removed", '{"role":')).toEqual(['Angabe: {"role":']);
  });

  it("speaks English in English", () => {
    expect(shown("project.rollout", { organisationId: 38, from: "interested", to: "declined" }, names, "en")).toEqual([
      "Rollout status: Interested → Declined",
      "Organisation: Saarbrücken",
    ]);
    expect(shown("workshop.item.decide", { itemId: 2, candidateId: 1, decision: "defer", rank: null, deferredUntil: "2027-06-30" }, {}, "en")).toEqual([
      "Decision: Deferred until 30 Jun 2027",
      "Candidate: No. 1",
    ]);
    expect(shown("candidate.team_assigned", { teamId: null }, {}, "en")).toEqual(["Expert team: none"]);
  });

  it("turns field names into words", () => {
    expect(humaniseKey("deferredUntil")).toBe("deferred until");
    expect(humaniseKey("polished_on")).toBe("polished on");
  });
});

describe("objects named in audit details", () => {
  it("collects the ids whose names the page looks up, by kind", () => {
    expect(auditDetailRefs("workshop.agenda", JSON.stringify({ addedCandidateIds: [4], removedCandidateIds: [1], invitedUserIds: [9], uninvitedUserIds: [] }))).toEqual([
      { kind: "candidate", id: 4 },
      { kind: "candidate", id: 1 },
      { kind: "user", id: 9 },
    ]);
    expect(auditDetailRefs("project.lead", JSON.stringify({ from: null, to: 8 }))).toEqual([{ kind: "user", id: 8 }]);
    expect(auditDetailRefs("project.rollout", JSON.stringify({ organisationId: 38, from: "interested", to: "declined" }))).toEqual([{ kind: "organisation", id: 38 }]);
    expect(auditDetailRefs("workshop.item.open", JSON.stringify({ itemId: 2 }))).toEqual([{ kind: "item", id: 2 }]);
    // Requirements are only numbered (a title may be confidential), so not looked up.
    expect(auditDetailRefs("candidate.accepted", JSON.stringify({ requirementIds: [1, 2] }))).toEqual([]);
    expect(auditDetailRefs("role.removed", "not json")).toEqual([]);
    expect(auditDetailRefs("role.removed", null)).toEqual([]);
  });
});

describe("who an entry without a user was", () => {
  it("is the person when there is one", () => {
    expect(auditActorKind("project.board_adopted", 7)).toBe("user");
    expect(auditActorKind("auth.sign_in", 7)).toBe("user");
  });
  it("is an anonymous visitor for sign-in events, which happen before anyone is signed in", () => {
    expect(auditActorKind("auth.sign_in_failed", null)).toBe("visitor");
    expect(auditActorKind("auth.legacy_code", null)).toBe("visitor");
  });
  it("is the application itself for every other step, such as the board's result once all votes are in", () => {
    expect(auditActorKind("project.board_adopted", null)).toBe("system");
    expect(auditActorKind("project.board_rejected", null)).toBe("system");
    expect(auditActorKind("authority.granted", null)).toBe("system");
  });
});
