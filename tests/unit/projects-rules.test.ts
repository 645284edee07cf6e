import { parseWithZod } from "@conform-to/zod";
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { resources } from "#app/locales/index";
import {
  approvalRefusal,
  declineRefusal,
  fourEyesMet,
  isAdopted,
  isVotingOrganisationKind,
  needsBoard,
  resolutionDue,
  tally,
  voteRefusal,
} from "#app/modules/projects/approval";
import { median, monthsBack, stayDurations } from "#app/modules/projects/metrics";
import { parseCandidateIds, phaseFormSchema, projectActionSchema, proposalSchema, settingsSchema } from "#app/modules/projects/schema";
import { ROLES } from "#app/modules/auth/permissions";
import {
  leadChangeRefusal,
  milestoneDatesValid,
  milestoneInPeriod,
  milestonesOutside,
  pastDateRefusal,
  phaseChoices,
  phaseRefusal,
  PROJECT_BARRING_ROLES,
  PROJECT_QUALIFYING_ROLES,
  projectIneligibility,
} from "#app/modules/projects/workflow";

function form(values: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

describe("four-eyes approval", () => {
  it("needs two different managers", () => {
    expect(fourEyesMet([])).toBe(false);
    expect(fourEyesMet([1])).toBe(false);
    expect(fourEyesMet([1, 1])).toBe(false);
    expect(fourEyesMet([1, 2])).toBe(true);
  });

  it("refuses the same manager twice and anything not awaiting approval", () => {
    expect(approvalRefusal({ status: "requested", approverIds: [], userId: 1 })).toBeNull();
    expect(approvalRefusal({ status: "requested", approverIds: [1], userId: 1 })).toBe("alreadyApproved");
    expect(approvalRefusal({ status: "requested", approverIds: [1], userId: 2 })).toBeNull();
    expect(approvalRefusal({ status: "board_vote", approverIds: [1, 2], userId: 3 })).toBe("notPending");
    expect(approvalRefusal({ status: "approved", approverIds: [], userId: 3 })).toBe("notPending");
  });

  it("lets management decline a proposal only while it waits for the managers' approvals", () => {
    expect(declineRefusal("requested")).toBeNull();
    expect(declineRefusal("board_vote")).toBe("boardDecides");
    expect(declineRefusal("approved")).toBe("alreadyApproved");
    expect(declineRefusal("rejected")).toBe("alreadyRejected");
  });

  it("sends only budgets strictly above the threshold to the board", () => {
    expect(needsBoard(100_000, 100_000)).toBe(false);
    expect(needsBoard(100_001, 100_000)).toBe(true);
    expect(needsBoard(0, 0)).toBe(false);
  });
});

describe("board circular resolution", () => {
  it("decides by a simple majority of the votes cast; abstentions are not cast votes", () => {
    expect(tally(["yes", "no", "abstain", "yes"])).toEqual({ yes: 2, no: 1, abstain: 1, cast: 3 });
    expect(isAdopted(tally(["yes", "no", "abstain", "yes"]))).toBe(true);
    // Three abstentions do not outweigh one yes.
    expect(isAdopted(tally(["yes", "abstain", "abstain", "abstain"]))).toBe(true);
    // A tie is no majority.
    expect(isAdopted(tally(["yes", "no"]))).toBe(false);
    expect(isAdopted(tally(["abstain"]))).toBe(false);
    expect(isAdopted(tally([]))).toBe(false);
    expect(isAdopted(tally(["no", "no", "yes", "yes", "yes"]))).toBe(true);
  });

  it("lets a voting member vote once, before the deadline, while the vote is open", () => {
    const base = { status: "board_vote", deadline: "2027-01-10T00:00:00.000Z", now: "2027-01-05T00:00:00.000Z", voting: true, involved: false, alreadyVoted: false };
    expect(voteRefusal(base)).toBeNull();
    expect(voteRefusal({ ...base, alreadyVoted: true })).toBe("alreadyVoted");
    expect(voteRefusal({ ...base, now: "2027-01-10T00:00:00.001Z" })).toBe("deadlinePassed");
    expect(voteRefusal({ ...base, voting: false })).toBe("notVoting");
    expect(voteRefusal({ ...base, involved: true })).toBe("involved");
    expect(voteRefusal({ ...base, voting: false, involved: true })).toBe("notVoting");
    expect(voteRefusal({ ...base, status: "approved" })).toBe("notOpen");
  });

  it("ends when everybody voted or the deadline passed", () => {
    const base = { deadline: "2027-01-10T00:00:00.000Z", now: "2027-01-05T00:00:00.000Z", votesReceived: 6, votingMembers: 7 };
    expect(resolutionDue(base)).toBe(false);
    expect(resolutionDue({ ...base, votesReceived: 7 })).toBe(true);
    expect(resolutionDue({ ...base, now: "2027-01-11T00:00:00.000Z" })).toBe(true);
  });

  it("gives SSGT and LKT (Spitzenverbände) no vote", () => {
    expect(isVotingOrganisationKind("spitzenverband")).toBe(false);
    expect(isVotingOrganisationKind("landkreis")).toBe(true);
    expect(isVotingOrganisationKind("stadt")).toBe(true);
  });
});

describe("phases and milestones", () => {
  const approved = { status: "approved" as const };
  it("moves one phase forward, back only with a reason, stops with a reason", () => {
    expect(phaseRefusal({ ...approved, from: "initiation", to: "planning", reason: null })).toBeNull();
    expect(phaseRefusal({ ...approved, from: "initiation", to: "execution", reason: null })).toBe("skipForward");
    expect(phaseRefusal({ ...approved, from: "execution", to: "initiation", reason: "" })).toBe("reasonRequired");
    expect(phaseRefusal({ ...approved, from: "execution", to: "initiation", reason: "   " })).toBe("reasonRequired");
    expect(phaseRefusal({ ...approved, from: "execution", to: "planning", reason: "Neue Anforderungen" })).toBeNull();
    expect(phaseRefusal({ ...approved, from: "planning", to: "stopped", reason: null })).toBe("reasonRequired");
    expect(phaseRefusal({ ...approved, from: "planning", to: "stopped", reason: "Kein Bedarf mehr" })).toBeNull();
    expect(phaseRefusal({ ...approved, from: "planning", to: "planning", reason: null })).toBe("unchanged");
    expect(phaseRefusal({ ...approved, from: "closed", to: "execution", reason: "x" })).toBe("finished");
    expect(phaseRefusal({ ...approved, from: "stopped", to: "planning", reason: "x" })).toBe("finished");
    expect(phaseRefusal({ status: "requested", from: null, to: "planning", reason: null })).toBe("notApproved");
  });

  it("offers exactly the allowed targets", () => {
    expect(phaseChoices("initiation")).toEqual(["planning", "stopped"]);
    expect(phaseChoices("execution")).toEqual(["initiation", "planning", "closed", "stopped"]);
    expect(phaseChoices("closed")).toEqual([]);
    expect(phaseChoices(null)).toEqual([]);
  });

  it("refuses a milestone that ends before it starts", () => {
    expect(milestoneDatesValid("2027-03-01", "2027-03-01")).toBe(true);
    expect(milestoneDatesValid("2027-03-01", "2027-02-28")).toBe(false);
    const result = parseWithZod(form({ intent: "milestone", title: "Pilot", startDate: "2027-03-01", endDate: "2027-02-01" }), { schema: projectActionSchema });
    expect(result.status).toBe("error");
    expect(result.reply().error?.endDate).toEqual(["projects:validation.milestoneEndBeforeStart"]);
  });

  it("refuses a date set or changed before today, but not one kept as stored", () => {
    const past = { field: "plannedStart", key: "projects:validation.dateInPast" };
    expect(pastDateRefusal({ plannedStart: "2030-03-09", plannedEnd: "2030-12-31" }, null, "2030-03-10")).toEqual(past);
    expect(pastDateRefusal({ plannedStart: "2030-03-10", plannedEnd: "2030-12-31" }, null, "2030-03-10")).toBeNull();
    const stored = { plannedStart: "2030-01-01", plannedEnd: "2030-06-30" };
    expect(pastDateRefusal({ plannedStart: "2030-01-01", plannedEnd: "2030-09-30" }, stored, "2030-03-10")).toBeNull();
    expect(pastDateRefusal({ plannedStart: "2030-02-01", plannedEnd: "2030-09-30" }, stored, "2030-03-10")).toEqual(past);
    expect(pastDateRefusal({ plannedStart: "2030-01-01", plannedEnd: "2030-03-09" }, stored, "2030-03-10")).toEqual({ ...past, field: "plannedEnd" });
  });

  it("keeps milestones within the planned period, both ends included; reached ones do not bind it", () => {
    const period = { start: "2030-03-01", end: "2030-11-30" };
    expect(milestoneInPeriod({ startDate: "2030-03-01", endDate: "2030-11-30" }, period)).toBe(true);
    expect(milestoneInPeriod({ startDate: "2030-02-28", endDate: "2030-03-31" }, period)).toBe(false);
    expect(milestoneInPeriod({ startDate: "2030-11-01", endDate: "2030-12-01" }, period)).toBe(false);
    const early = { startDate: "2030-02-01", endDate: "2030-02-28", done: false };
    const late = { startDate: "2030-11-01", endDate: "2030-12-15", done: false };
    expect(milestonesOutside([early, late], period)).toEqual({ field: "plannedStart", milestones: [early] });
    expect(milestonesOutside([{ ...early, done: true }, late], period)).toEqual({ field: "plannedEnd", milestones: [late] });
    expect(milestonesOutside([{ ...early, done: true }], period)).toBeNull();
  });
});

describe("forms", () => {
  it("parses a proposal and refuses bad input with message keys", () => {
    const ok = parseWithZod(
      form({ candidateIds: "3", title: "E-Rechnung", goal: "Ziel", scope: "Umfang", budget: "120000", plannedStart: "2027-01-01", plannedEnd: "2027-06-30", leadUserId: "5" }),
      { schema: proposalSchema },
    );
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value.candidateIds).toEqual([3]);
    const bad = parseWithZod(form({ title: "", budget: "-1", plannedStart: "2027-02-30", plannedEnd: "x", leadUserId: "" }), { schema: proposalSchema });
    const errors = bad.reply().error ?? {};
    expect(errors.candidateIds).toEqual(["projects:validation.candidates"]);
    expect(errors.title).toEqual(["validation.required"]);
    expect(errors.budget).toEqual(["projects:validation.budget"]);
    expect(errors.plannedStart).toEqual(["projects:validation.date"]);
    expect(errors.leadUserId).toEqual(["projects:validation.lead"]);
  });

  it("reads amounts typed with German grouping and refuses cents instead of misreading them", () => {
    const proposal = (budget: string) =>
      parseWithZod(
        form({ candidateIds: "3", title: "E-Rechnung", goal: "Ziel", scope: "Umfang", budget, plannedStart: "2027-01-01", plannedEnd: "2027-06-30", leadUserId: "5" }),
        { schema: proposalSchema },
      );
    for (const [typed, amount] of [["120.000", 120_000], ["1.250.000", 1_250_000], ["120.000,00", 120_000], ["120000", 120_000]] as const) {
      const result = proposal(typed);
      expect(result.status).toBe("success");
      if (result.status === "success") expect(result.value.budget).toBe(amount);
    }
    for (const typed of ["1e6", "12.0000", "zwölf", ""]) expect(proposal(typed).reply().error?.budget).toEqual(["projects:validation.budget"]);
    // Cents are refused saying that the budget is in whole euros.
    expect(proposal("120.000,50").reply().error?.budget).toEqual(["projects:validation.wholeEuros"]);
    const settings = parseWithZod(form({ boardThreshold: "250.000", voteDays: "14" }), { schema: settingsSchema });
    expect(settings.status === "success" && settings.value.boardThreshold).toBe(250_000);
  });

  it("asks for a confirmation before approving, voting and stopping", () => {
    expect(parseWithZod(form({ intent: "approve" }), { schema: projectActionSchema }).reply().error?.confirm).toEqual(["projects:errors.confirmRequired"]);
    expect(parseWithZod(form({ intent: "approve", confirm: "yes" }), { schema: projectActionSchema }).status).toBe("success");
    expect(parseWithZod(form({ intent: "phase", to: "stopped", reason: "x" }), { schema: projectActionSchema }).reply().error?.confirm).toEqual([
      "projects:errors.confirmRequired",
    ]);
    expect(parseWithZod(form({ intent: "phase", to: "planning" }), { schema: projectActionSchema }).status).toBe("success");
    expect(parseWithZod(form({ intent: "vote", vote: "maybe", confirm: "yes" }), { schema: projectActionSchema }).reply().error?.vote).toEqual(["projects:validation.vote"]);
    // A board vote is final: it needs the confirmation too.
    expect(parseWithZod(form({ intent: "vote", vote: "yes" }), { schema: projectActionSchema }).reply().error?.confirm).toEqual(["projects:errors.confirmRequired"]);
    expect(parseWithZod(form({ intent: "vote", vote: "yes", confirm: "yes" }), { schema: projectActionSchema }).status).toBe("success");
  });

  it("names a missing reason for a stop at the field, on the server and in the browser before the confirmation", () => {
    // Server: both the reason and the confirmation are missing; the form shows the reason, not the question.
    const server = parseWithZod(form({ intent: "phase", to: "stopped", reason: "  " }), { schema: projectActionSchema }).reply().error;
    expect([server?.reason, server?.confirm]).toEqual([["projects:validation.stopReason"], ["projects:errors.confirmRequired"]]);
    expect(parseWithZod(form({ intent: "phase", to: "stopped", reason: "Kein Bedarf mehr", confirm: "yes" }), { schema: projectActionSchema }).status).toBe("success");
    // Browser: the reason the move needs from the current phase; the confirmation is the dialog's.
    const browser = (values: Record<string, string>, from: "planning" | "execution" = "execution") =>
      parseWithZod(form({ intent: "phase", ...values }), { schema: phaseFormSchema(from) });
    expect(browser({ to: "stopped" }).reply().error).toEqual({ reason: ["projects:validation.stopReason"] });
    expect(browser({ to: "planning" }).reply().error).toEqual({ reason: ["projects:errors.phase_reasonRequired"] });
    expect(browser({ to: "stopped", reason: "Kein Bedarf mehr" }).status).toBe("success");
    expect(browser({ to: "planning", reason: "Neue Anforderungen" }).status).toBe("success");
    expect(browser({ to: "execution" }, "planning").status).toBe("success");
  });

  it("reads ?kandidaten= leniently", () => {
    expect(parseCandidateIds("3, 5,x,3,-1,0")).toEqual([3, 5]);
    expect(parseCandidateIds(null)).toEqual([]);
  });
});

describe("dashboard figures", () => {
  it("computes medians and completed stays per status", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const day = 86_400_000;
    const stays = stayDurations([
      { key: 1, at: "2027-01-01T00:00:00.000Z", status: "submitted" },
      { key: 1, at: "2027-01-03T00:00:00.000Z", status: "in_review" },
      { key: 2, at: "2027-01-01T00:00:00.000Z", status: "submitted" },
    ]);
    expect(stays.get("submitted")).toEqual([2 * day]);
    expect(stays.get("in_review")).toBeUndefined();
  });

  it("lists the last months oldest first", () => {
    expect(monthsBack("2027-02-15T10:00:00.000Z", 3)).toEqual(["2026-12", "2027-01", "2027-02"]);
  });
});

describe("notification texts", () => {
  it("name phase, role and rollout state in words", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: "de", resources, interpolation: { escapeValue: false } });
    expect(i18n.t("projects:notifications.phase", { project: "E-Akte", phase: "planning" })).toBe("Das Projekt „E-Akte“ ist jetzt in der Phase „Planung“.");
    // The closed state reads „Abgeschlossen“ everywhere, as in the cockpit; its notice says so.
    expect(i18n.t("projects:phase.closed")).toBe("Abgeschlossen");
    expect(i18n.t("projects:phase.closed")).toBe(i18n.t("projects:dashboard.projectStage.closed"));
    expect(i18n.t("projects:notifications.closed", { project: "E-Akte" })).toBe("Das Projekt „E-Akte“ ist abgeschlossen.");
    expect(i18n.t("projects:phase.closed", { lng: "en" })).toBe("Closed");
    expect(i18n.t("projects:notifications.rollout", { project: "E-Akte", organisation: "Saarbrücken", rolloutStatus: "operating" })).toContain("In Betrieb");
  });
});

describe("handing over the project lead", () => {
  const base = { status: "approved", phase: "execution", currentLeadId: 1, newLeadId: 2 };
  it("is possible while the project is open: requested, in the board vote or running", () => {
    expect(leadChangeRefusal(base)).toBeNull();
    expect(leadChangeRefusal({ ...base, status: "requested", phase: null })).toBeNull();
    expect(leadChangeRefusal({ ...base, status: "board_vote", phase: null })).toBeNull();
    expect(leadChangeRefusal({ ...base, currentLeadId: null })).toBeNull();
  });
  it("is refused for rejected, closed and stopped projects, and to the same person", () => {
    expect(leadChangeRefusal({ ...base, status: "rejected", phase: null })).toBe("finished");
    expect(leadChangeRefusal({ ...base, phase: "closed" })).toBe("finished");
    expect(leadChangeRefusal({ ...base, phase: "stopped" })).toBe("finished");
    expect(leadChangeRefusal({ ...base, newLeadId: 1 })).toBe("unchanged");
  });
});

describe("who may lead a project or work in its team", () => {
  it("decides for every role: board bars, admin alone does not qualify, every other role qualifies", () => {
    expect(PROJECT_BARRING_ROLES).toEqual(["board"]);
    const decided: readonly string[] = [...PROJECT_BARRING_ROLES, ...PROJECT_QUALIFYING_ROLES, "admin"];
    expect([...ROLES].sort()).toEqual([...decided].sort());
  });

  const person = (roles: string[], active = true, canSignIn = true) => ({ roles, active, canSignIn });
  it("names why someone already in a team no longer qualifies", () => {
    for (const role of PROJECT_QUALIFYING_ROLES) expect(projectIneligibility(person([role]))).toBeNull();
    expect(projectIneligibility(person(["admin", "management"]))).toBeNull();
    // A board seat bars whatever else the person holds; a vote or not.
    expect(projectIneligibility(person(["board"]))).toBe("board");
    expect(projectIneligibility(person(["member_staff", "board"]))).toBe("board");
    expect(projectIneligibility(person(["admin"]))).toBe("noRole");
    expect(projectIneligibility(person([]))).toBe("noRole");
    // Deactivated, anonymised (no password) or never set up: inactive comes first.
    expect(projectIneligibility(person(["member_staff"], false))).toBe("inactive");
    expect(projectIneligibility(person(["board"], false, false))).toBe("inactive");
    expect(projectIneligibility(person(["member_staff"], true, false))).toBe("inactive");
  });
});
