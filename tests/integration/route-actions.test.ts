import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createPasswordToken } from "#app/modules/auth/auth.server";
import type { Role } from "#app/modules/auth/permissions";
import { loadActor } from "#app/modules/auth/session.server";
import { createCandidate, assignTeam, proposeCandidates } from "#app/modules/bundling/candidates.server";
import { dismissProposal } from "#app/modules/bundling/proposals.server";
import { notifyUsers } from "#app/modules/notifications/notifications.server";
import { addMilestone, addTeamMember, approveProject, proposeProject } from "#app/modules/projects/projects.server";
import { addAttachments } from "#app/modules/requirements/attachments.server";
import { clarifyRequirement, cosignRequirement } from "#app/modules/requirements/requirements.server";
import { addCriterion, setCriterionActive } from "#app/modules/workshops/criteria.server";
import { closeLiveBus } from "#app/modules/workshops/live.server";
import { resetRateLimits } from "#app/utils/rate-limit.server";
import { isoToBerlinLocal } from "#app/utils/time";
import { endWorkshop, openItem, revealItem, scheduleWorkshop, startWorkshop } from "#app/modules/workshops/workshops.server";
import { callRoute, changedTables, createSubjects, dbFingerprint, SUBJECTS, type RouteReply, type Subject } from "#tests/factories/access";
import { createFeedback, createTeam, createUser, formBody, organisationId, requestAs, TEST_PASSWORD } from "#tests/factories/index";
import { planned, prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { fileRequirement } from "#tests/factories/requirements";
import { workshopFixture } from "#tests/factories/workshops";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

// The action × role table, companion of the loader table in route-access.test.ts. Every route file
// that exports an action is listed with every intent its action handles (row key "route?intent",
// "#variant" for further records); each row POSTs a plausible form to the real route module as an
// anonymous visitor and as a user holding each role (all of Saarbrücken), on a record of the own
// organisation or of another one (Homburg), and states the outcome per subject:
//   signin     thrown redirect to /anmelden                 } a fingerprint of every table taken
//   forbidden  403                                          } before and after shows that nothing
//   notfound   404                                          } changed (audit log, sessions and
//   refused    400/409/422 reply of a business rule         } sign-in throttle excepted)
//   allowed    anything else past the permission check: 2xx, other redirects, a 400/409/422 reply.
// Refused subjects go first, so the allowed ones (which may use up the record) go last.
// A new action or intent without a row fails "lists every action", as does a row whose intent is gone.

type Expected = "allowed" | "refused" | "signin" | "forbidden" | "notfound";
type Target = Record<string, number | string>;
type Body = Record<string, string | string[]> | FormData;
type U = Awaited<ReturnType<typeof createUser>>;

interface World {
  users: Record<Subject, number | null>;
  teamId: number; // the team of the team_lead and team_member subjects
  ownOrgId: number; // Saarbrücken
  otherOrgId: number; // Homburg
  own: U; // a member_staff of Saarbrücken who files the own organisation's records
  other: U; // a member_staff of Homburg who files the other organisation's records
  rm: U; // requirements team, for candidates
  mgmt1: U; // the two managing directors, for proposals and approvals
  mgmt2: U;
  ssgtBoard: U; // a board member without a vote (Spitzenverband)
}

interface Row {
  /** Records for this row; run once, and again before each further allowed subject when `fresh`. */
  setup?: () => Promise<Target>;
  url: (t: Target) => string;
  params?: (t: Target) => Record<string, string>;
  body?: (t: Target) => Body | Promise<Body>;
  expect: Record<Subject, Expected>;
  /** Another user in a subject's place (e.g. a board member without a vote). */
  as?: Partial<Record<Subject, () => number>>;
  fresh?: true;
  /** Nothing may change whatever the outcome (e.g. marking another user's notification read). */
  noWrite?: true;
}

const all = (o: Expected) => Object.fromEntries(SUBJECTS.map((s) => [s, o])) as Record<Subject, Expected>;
const signedIn = (o: Expected, anonymous: Expected = "signin") => ({ ...all(o), anonymous });
const only = (allowed: Partial<Record<Subject, Expected>>, otherwise: Expected = "forbidden") => ({ ...signedIn(otherwise), ...allowed });
const A = "allowed";

const { db } = setupTestDatabase();
const attachmentsDir = fs.mkdtempSync(path.join(os.tmpdir(), "buendel-att-"));
process.env.ATTACHMENTS_DIR = attachmentsDir;
// The user administration prints each setup link to the server log; not to the test output.
const log = console.log;
vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
  if (!String(args[0]).startsWith("Einrichtungslink")) log(...args);
});
afterAll(async () => {
  await closeLiveBus();
  fs.rmSync(attachmentsDir, { recursive: true, force: true });
});

let w: World;
let seq = 0;
const next = (label: string) => `${label} ${++seq}`;
const id = (t: Target, key: string) => ({ id: String(t[key]) });
const tomorrow = () => isoToBerlinLocal(new Date(Date.now() + 86_400_000).toISOString());
const actorOf = (role: Role) => loadActor(db(), w.users[role]!, w.ownOrgId);

// ——— records ———

const submitted = (by: U = w.other, confidential = false) => fileRequirement(db(), by.actor, { title: next("Anforderung"), confidential });
const draft = (by: U = w.other) => fileRequirement(db(), by.actor, { title: next("Entwurf"), submit: false });
async function awaitingRelease(by: U) {
  const rid = await submitted(by);
  // As if the organisation required release: the submission waits for its lead.
  await db().updateTable("requirements").set({ awaiting_release: 1 }).where("id", "=", rid).execute();
  return rid;
}
async function versionOf(table: "requirements" | "candidates" | "organisations" | "users", rowId: number | string) {
  const row = await db().selectFrom(table).select("version").where("id", "=", Number(rowId)).executeTakeFirstOrThrow();
  return String(row.version);
}

/** A dismissed proposal (of two new like-worded requirements), as /buendelung lists it. */
async function dismissal() {
  const { proposalKey } = await proposal();
  await dismissProposal(db(), w.rm.actor, proposalKey);
  const row = await db().selectFrom("dismissed_proposals").select("id").where("requirement_key", "=", proposalKey).executeTakeFirstOrThrow();
  return { dismissalId: row.id };
}

/** The engine's current proposal holding two new like-worded requirements: its key and all its ids, as the page sends them. */
async function proposal() {
  const title = next("Gäste-WLAN im Rathaus");
  const rid = await fileRequirement(db(), w.other.actor, { title });
  await fileRequirement(db(), w.other.actor, { title });
  const found = (await proposeCandidates(db(), w.rm.actor)).find((p) => p.requirements.some((r) => r.id === rid));
  if (!found) throw new Error("no proposal holds the new requirements");
  return { proposalKey: found.key, proposalIds: found.requirements.map((r) => r.id).join(",") };
}

/** An open candidate of Homburg requirements, optionally assigned to a team. */
async function candidate(members = 1, teamId?: number) {
  const ids: number[] = [];
  for (let i = 0; i < members; i++) ids.push(await submitted());
  const c = await createCandidate(db(), w.rm.actor, { requirementIds: ids, title: next("Kandidat") });
  if (teamId) await assignTeam(db(), w.rm.actor, c.id, teamId);
  return { candidateId: c.id, requirementId: ids[0] };
}

/** A workshop of the subjects' team, its one agenda item at the given stage (live unless scheduled or closed). */
async function workshop(stage: "scheduled" | "pending" | "scoring" | "revealed" | "closed", invite: Subject[] = ["team_member"]) {
  const lead = await actorOf("team_lead");
  const { candidateId } = await candidate(1, w.teamId);
  const input = { teamId: w.teamId, title: next("Workshop"), scheduledAt: tomorrow(), location: "", candidateIds: [candidateId], participantIds: invite.map((s) => w.users[s]!) };
  const { id: workshopId } = await scheduleWorkshop(db(), lead, input);
  const item = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", workshopId).executeTakeFirstOrThrow();
  if (stage !== "scheduled") await startWorkshop(db(), lead, workshopId);
  if (stage === "scoring" || stage === "revealed") await openItem(db(), lead, workshopId, item.id);
  if (stage === "revealed") await revealItem(db(), lead, workshopId, item.id, { confirmed: true });
  if (stage === "closed") await endWorkshop(db(), lead, workshopId);
  return { workshopId, itemId: item.id };
}

/** A live workshop of another team (nobody of the subjects invited), its item open for scoring. */
async function otherTeamWorkshop() {
  const f = await workshopFixture(db(), { members: 1, candidates: 1 });
  const item = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", f.workshopId).executeTakeFirstOrThrow();
  await startWorkshop(db(), f.lead.actor, f.workshopId);
  await openItem(db(), f.lead.actor, f.workshopId, item.id);
  return { workshopId: f.workshopId, itemId: item.id };
}

async function scoreBody(t: Target): Promise<Body> {
  const criteria = await db().selectFrom("workshop_criteria").select("id").where("workshop_id", "=", Number(t.workshopId)).orderBy("position").execute();
  const body: Record<string, string> = { intent: "score", itemId: String(t.itemId) };
  criteria.forEach((c, i) => {
    body[`scores[${i}].criterionId`] = String(c.id);
    body[`scores[${i}].value`] = "4";
  });
  return body;
}

/** A project behind requirements of Saarbrücken and Homburg; above the board threshold where the board decides. */
async function project(stage: "requested" | "board_vote" | "board_result" | "approved", leadUserId = w.mgmt1.id) {
  const c = await prioritisedCandidate(db(), [w.own.actor, w.other.actor], next("Projektkandidat"));
  const board = stage === "board_vote" || stage === "board_result";
  const { id: projectId } = await proposeProject(db(), w.mgmt1.actor, proposalInput([c.id], leadUserId, { budget: board ? 500_000 : 50_000 }));
  if (stage !== "requested") {
    await approveProject(db(), w.mgmt1.actor, projectId);
    await approveProject(db(), w.mgmt2.actor, projectId);
  }
  if (stage === "board_result") {
    await db().updateTable("projects").set({ board_result: "adopted", board_result_at: new Date().toISOString() }).where("id", "=", projectId).execute();
  }
  return { projectId };
}

/** A user to manage: member_staff (the assignment returned), plus any further roles. */
async function person(organisation = "Saarbrücken", more: Role[] = []) {
  const u = await createUser(db(), { organisation, roles: ["member_staff", ...more] });
  const role = await db().selectFrom("role_assignments").select("id").where("user_id", "=", u.id).where("role", "=", "member_staff").executeTakeFirstOrThrow();
  return { userId: u.id, assignmentId: role.id, orgId: u.organisationId };
}

const requirementFields = (title = next("Online-Antrag")) => ({
  title,
  problem: "Anträge kommen bisher auf Papier.",
  desiredOutcome: "Ein Online-Antrag.",
  themenfeld: "Steuern & Zoll",
  system: "OK.FIS",
  legalBasis: "",
  benefit: "Weniger Aufwand.",
  urgency: "medium",
});

function pdfUpload(): FormData {
  const form = new FormData();
  form.append("files", new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "beleg.pdf", { type: "application/pdf" }));
  return form;
}

/** A requirement with one stored PDF: `rid` and the attachment's id. */
async function withAttachment(rid: number, by: U) {
  await addAttachments(db(), by.actor, rid, [{ name: "beleg.pdf", bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n") }]);
  const a = await db().selectFrom("attachments").select("id").where("requirement_id", "=", rid).executeTakeFirstOrThrow();
  return { rid, attachmentId: a.id };
}

// ——— the table ———

const req = (t: Target) => `/anforderungen/${t.rid}`;
const reqParams = (t: Target) => id(t, "rid");
/** A row of the requirement page's action on the record the setup returns as `rid`. */
const onRequirement = (setup: () => Promise<number>, body: (t: Target) => Body | Promise<Body>, expect: Record<Subject, Expected>): Row => ({
  setup: async () => ({ rid: await setup() }),
  url: req,
  params: reqParams,
  body,
  expect,
});
const reason = { reason: "Begründung für den Schritt." };
const forMembers = only({ member_staff: A, member_lead: A });
const notVisibleToMembers = only({ member_staff: "notfound", member_lead: "notfound" });
const forManager = only({ requirements_manager: A });
const forManagement = only({ management: A });
const forAdmin = only({ admin: A });

const REQUIREMENT_ROWS: Record<string, Row> = {
  "anforderungen.neu?save": { url: () => "/anforderungen/neu", body: () => ({ ...requirementFields(), intent: "save" }), expect: forMembers },
  "anforderungen.neu?submit": {
    url: () => "/anforderungen/neu",
    body: () => ({ ...requirementFields(), intent: "submit", similarChecked: "1" }),
    expect: forMembers,
  },
  "anforderungen.$id.bearbeiten?save": {
    setup: async () => ({ rid: await draft(w.own) }),
    url: (t) => `/anforderungen/${t.rid}/bearbeiten`,
    params: reqParams,
    body: async (t) => ({ ...requirementFields("Geänderter Entwurf"), intent: "save", version: await versionOf("requirements", t.rid) }),
    expect: forMembers,
  },
  "anforderungen.$id.bearbeiten?submit": {
    setup: async () => ({ rid: await draft(w.own) }),
    url: (t) => `/anforderungen/${t.rid}/bearbeiten`,
    params: reqParams,
    body: async (t) => ({ ...requirementFields("Eingereichter Entwurf"), intent: "submit", similarChecked: "1", version: await versionOf("requirements", t.rid) }),
    expect: forMembers,
  },
  "anforderungen.$id.bearbeiten?save#other": {
    setup: async () => ({ rid: await draft() }),
    url: (t) => `/anforderungen/${t.rid}/bearbeiten`,
    params: reqParams,
    body: async (t) => ({ ...requirementFields("Fremder Entwurf"), intent: "save", version: await versionOf("requirements", t.rid) }),
    expect: signedIn("notfound"),
  },
  "anforderungen.$id.bearbeiten?submit#other": {
    setup: async () => ({ rid: await draft() }),
    url: (t) => `/anforderungen/${t.rid}/bearbeiten`,
    params: reqParams,
    body: async (t) => ({ ...requirementFields("Fremder Entwurf"), intent: "submit", version: await versionOf("requirements", t.rid) }),
    expect: signedIn("notfound"),
  },
  "anforderungen.$id.hochladen": {
    setup: async () => ({ rid: await draft(w.own) }),
    url: (t) => `/anforderungen/${t.rid}/hochladen`,
    params: reqParams,
    body: pdfUpload,
    expect: only({ member_staff: A, member_lead: A }, "notfound"),
  },
  "anforderungen.$id.hochladen#other": {
    setup: async () => ({ rid: await submitted() }),
    url: (t) => `/anforderungen/${t.rid}/hochladen`,
    params: reqParams,
    body: pdfUpload,
    expect: signedIn("notfound"),
  },

  "anforderungen.$id._index?cosign": onRequirement(() => submitted(), () => ({ intent: "cosign", quantity: "3", quantityUnit: "workplaces" }), forMembers),
  "anforderungen.$id._index?cosign#confidential": onRequirement(() => submitted(w.other, true), () => ({ intent: "cosign" }), notVisibleToMembers),
  "anforderungen.$id._index?cosign#draft": onRequirement(() => draft(), () => ({ intent: "cosign" }), notVisibleToMembers),
  "anforderungen.$id._index?uncosign": onRequirement(
    async () => {
      const rid = await submitted();
      await cosignRequirement(db(), w.own.actor, rid, {});
      return rid;
    },
    () => ({ intent: "uncosign", confirm: "yes" }),
    forMembers,
  ),
  "anforderungen.$id._index?uncosign#confidential": onRequirement(() => submitted(w.other, true), () => ({ intent: "uncosign", confirm: "yes" }), notVisibleToMembers),
  "anforderungen.$id._index?comment": onRequirement(() => submitted(), () => ({ intent: "comment", body: "Das brauchen wir auch." }), signedIn(A)),
  "anforderungen.$id._index?comment#confidential": onRequirement(
    () => submitted(w.other, true),
    () => ({ intent: "comment", body: "Vertraulich?" }),
    only({ requirements_manager: A, management: A, admin: A }, "notfound"),
  ),
  "anforderungen.$id._index?comment#draft": onRequirement(() => draft(), () => ({ intent: "comment", body: "Entwurf?" }), signedIn("notfound")),
  "anforderungen.$id._index?removeAttachment": {
    setup: async () => withAttachment(await draft(w.own), w.own),
    url: req,
    params: reqParams,
    body: (t) => ({ intent: "removeAttachment", attachmentId: String(t.attachmentId), confirm: "yes" }),
    // The other roles (all of Saarbrücken) see the own organisation's draft but may not edit it.
    expect: forMembers,
    fresh: true,
  },
  "anforderungen.$id._index?removeAttachment#other": {
    setup: async () => withAttachment(await draft(), w.other),
    url: req,
    params: reqParams,
    body: (t) => ({ intent: "removeAttachment", attachmentId: String(t.attachmentId), confirm: "yes" }),
    expect: signedIn("notfound"),
  },
  // Submitted, everyone sees it; the filing organisation is told it is no longer a draft, the others may not.
  "anforderungen.$id._index?removeAttachment#submitted": {
    setup: async () => withAttachment(await submitted(w.own), w.own),
    url: req,
    params: reqParams,
    body: (t) => ({ intent: "removeAttachment", attachmentId: String(t.attachmentId), confirm: "yes" }),
    expect: only({ member_staff: "refused", member_lead: "refused" }),
  },
  // Deleting is part of editing the organisation's drafts; the other roles of Saarbrücken see the draft but may not.
  "anforderungen.$id._index?deleteDraft": { ...onRequirement(() => draft(w.own), () => ({ intent: "deleteDraft", confirm: "yes" }), forMembers), fresh: true },
  "anforderungen.$id._index?deleteDraft#other": onRequirement(() => draft(), () => ({ intent: "deleteDraft", confirm: "yes" }), signedIn("notfound")),
  "anforderungen.$id._index?deleteDraft#unconfirmed": onRequirement(() => draft(w.own), () => ({ intent: "deleteDraft" }), signedIn("refused")),
  "anforderungen.$id._index?deleteDraft#submitted": onRequirement(
    () => submitted(w.own),
    () => ({ intent: "deleteDraft", confirm: "yes" }),
    only({ member_staff: "refused", member_lead: "refused" }),
  ),
  // Returned for clarification it has a history: refused even to those who may edit it.
  "anforderungen.$id._index?deleteDraft#clarified": onRequirement(
    async () => {
      const rid = await submitted(w.own);
      await clarifyRequirement(db(), w.rm.actor, rid, "Welche Fachverfahren?");
      return rid;
    },
    () => ({ intent: "deleteDraft", confirm: "yes" }),
    only({ member_staff: "refused", member_lead: "refused" }),
  ),
  "anforderungen.$id._index?submit": onRequirement(
    () => draft(w.own),
    async (t) => ({ intent: "submit", similarChecked: "1", version: await versionOf("requirements", t.rid) }),
    forMembers,
  ),
  "anforderungen.$id._index?submit#other": onRequirement(
    () => draft(),
    async (t) => ({ intent: "submit", version: await versionOf("requirements", t.rid) }),
    signedIn("notfound"),
  ),
  "anforderungen.$id._index?release": onRequirement(() => awaitingRelease(w.own), () => ({ intent: "release", confirm: "yes" }), only({ member_lead: A })),
  "anforderungen.$id._index?release#other": onRequirement(() => awaitingRelease(w.other), () => ({ intent: "release", confirm: "yes" }), signedIn("notfound")),
  "anforderungen.$id._index?release#unconfirmed": onRequirement(() => awaitingRelease(w.own), () => ({ intent: "release" }), signedIn("refused")),
  "anforderungen.$id._index?return": onRequirement(() => awaitingRelease(w.own), () => ({ intent: "return", ...reason }), only({ member_lead: A })),
  "anforderungen.$id._index?return#other": onRequirement(() => awaitingRelease(w.other), () => ({ intent: "return", ...reason }), signedIn("notfound")),
  "anforderungen.$id._index?withdraw": onRequirement(() => submitted(w.own), () => ({ intent: "withdraw", ...reason }), forMembers),
  "anforderungen.$id._index?withdraw#other": onRequirement(() => submitted(), () => ({ intent: "withdraw", ...reason }), signedIn("forbidden")),
  "anforderungen.$id._index?review": onRequirement(() => submitted(), () => ({ intent: "review" }), forManager),
  "anforderungen.$id._index?review#confidential": onRequirement(
    () => submitted(w.other, true),
    () => ({ intent: "review" }),
    // Association staff see it, but only the requirements team triages; everybody else must not learn of it.
    only({ requirements_manager: A, management: "forbidden", admin: "forbidden" }, "notfound"),
  ),
  "anforderungen.$id._index?review#draft": onRequirement(() => draft(), () => ({ intent: "review" }), signedIn("notfound")),
  // Zur Klärung zurückgeben: only the requirements team, and it must confirm; a draft it cannot see.
  "anforderungen.$id._index?clarify": onRequirement(() => submitted(), () => ({ intent: "clarify", question: "Welche Fachverfahren?", confirm: "yes" }), forManager),
  "anforderungen.$id._index?clarify#own": onRequirement(() => submitted(w.own), () => ({ intent: "clarify", question: "Welche Fachverfahren?", confirm: "yes" }), forManager),
  "anforderungen.$id._index?clarify#unconfirmed": onRequirement(() => submitted(), () => ({ intent: "clarify", question: "Welche Fachverfahren?" }), signedIn("refused")),
  "anforderungen.$id._index?clarify#draft": onRequirement(() => draft(), () => ({ intent: "clarify", question: "Welche Fachverfahren?", confirm: "yes" }), signedIn("notfound")),
  "anforderungen.$id._index?reject": onRequirement(() => submitted(), () => ({ intent: "reject", ...reason }), forManager),
  "anforderungen.$id._index?merge": {
    setup: async () => ({ rid: await submitted(), targetId: await submitted() }),
    url: req,
    params: reqParams,
    body: (t) => ({ intent: "merge", targetId: String(t.targetId), shownTarget: String(t.targetId), ...reason }),
    expect: forManager,
  },
  "anforderungen.$id._index?candidate": onRequirement(() => submitted(), () => ({ intent: "candidate", title: next("Einzelkandidat"), confirm: "yes" }), forManager),
  // Already in a candidate: the requirements team is told why (409), everybody else may not ask.
  "anforderungen.$id._index?candidate#bundled": onRequirement(
    async () => (await candidate(1)).requirementId,
    () => ({ intent: "candidate", title: next("Einzelkandidat"), confirm: "yes" }),
    only({ requirements_manager: "refused" }),
  ),
  "anforderungen.$id._index?classify": onRequirement(
    () => submitted(),
    async (t) => ({ intent: "classify", version: await versionOf("requirements", t.rid), themenfeld: "Bildung", system: "", legalBasis: "" }),
    forManager,
  ),
};

const candidateUrl = (t: Target) => `/kandidaten/${t.candidateId}`;
const candidateParams = (t: Target) => id(t, "candidateId");
const onCandidate = (body: (t: Target) => Body | Promise<Body>, expect: Record<Subject, Expected>, members = 2): Row => ({
  setup: async () => {
    const c = await candidate(members);
    const other = await candidate(1);
    const second = await db()
      .selectFrom("candidate_requirements")
      .select("requirement_id")
      .where("candidate_id", "=", c.candidateId)
      .where("requirement_id", "!=", c.requirementId)
      .executeTakeFirst();
    return { ...c, otherId: other.candidateId, secondRequirementId: second?.requirement_id ?? 0 };
  },
  url: candidateUrl,
  params: candidateParams,
  body,
  expect,
});

const BUNDLING_ROWS: Record<string, Row> = {
  "buendelung?accept": {
    setup: proposal,
    url: () => "/buendelung",
    body: (t) => ({ intent: "accept", proposalKey: String(t.proposalKey), requirementIds: String(t.proposalIds).split(","), title: next("Bündel") }),
    expect: forManager,
  },
  "buendelung?accept#draft": {
    // Ids from the form are checked against the proposal as the engine computes it: another organisation's draft is in none.
    setup: async () => ({ ...(await proposal()), rid: await draft() }),
    url: () => "/buendelung",
    body: (t) => ({ intent: "accept", proposalKey: String(t.proposalKey), requirementIds: [...String(t.proposalIds).split(","), String(t.rid)], title: next("Bündel") }),
    expect: only({ requirements_manager: "refused" }),
  },
  "buendelung?dismiss": {
    setup: proposal,
    url: () => "/buendelung",
    body: (t) => ({ intent: "dismiss", proposalKey: String(t.proposalKey), confirm: "yes" }),
    expect: forManager,
  },
  "buendelung?restore": {
    setup: dismissal,
    url: () => "/buendelung",
    body: (t) => ({ intent: "restore", dismissalId: String(t.dismissalId), confirm: "yes" }),
    expect: forManager,
  },
  "buendelung?restore#gone": {
    // Restored in another tab already: refused (409) and nothing changes.
    setup: async () => {
      const t = await dismissal();
      await db().deleteFrom("dismissed_proposals").where("id", "=", Number(t.dismissalId)).execute();
      return t;
    },
    url: () => "/buendelung",
    body: (t) => ({ intent: "restore", dismissalId: String(t.dismissalId), confirm: "yes" }),
    expect: only({ requirements_manager: "refused" }),
  },
  "buendelung?add": {
    setup: async () => ({ ...(await candidate(1)), rid: await submitted() }),
    url: () => "/buendelung",
    body: (t) => ({ intent: "add", candidateId: String(t.candidateId), requirementId: String(t.rid) }),
    expect: forManager,
  },
  "kandidaten.$id?edit": onCandidate(
    async (t) => ({ intent: "edit", version: await versionOf("candidates", t.candidateId), title: "Neuer Titel", summary: "Zusammenfassung" }),
    forManager,
  ),
  "kandidaten.$id?add": {
    setup: async () => ({ ...(await candidate(1)), rid: await submitted() }),
    url: candidateUrl,
    params: candidateParams,
    body: (t) => ({ intent: "add", requirementId: `Nr. ${t.rid}` }),
    expect: forManager,
  },
  "kandidaten.$id?add#bundled": onCandidate((t) => ({ intent: "add", requirementId: String(t.requirementId) }), only({ requirements_manager: "refused" }), 1),
  "kandidaten.$id?remove": onCandidate((t) => ({ intent: "remove", requirementId: String(t.secondRequirementId), confirm: "yes" }), forManager),
  "kandidaten.$id?merge": onCandidate((t) => ({ intent: "merge", otherId: String(t.otherId), confirm: "yes" }), forManager),
  "kandidaten.$id?split": onCandidate((t) => ({ intent: "split", requirementIds: [String(t.secondRequirementId)], title: next("Abgespalten"), confirm: "yes" }), forManager),
  "kandidaten.$id?team": onCandidate(async (t) => ({ intent: "team", teamId: String(w.teamId), version: await versionOf("candidates", t.candidateId) }), forManager),
  "kandidaten.$id?comment": onCandidate(() => ({ intent: "comment", body: "Gute Idee." }), signedIn(A), 1),
  "kandidaten.$id?comment#missing": {
    url: () => "/kandidaten/999999",
    params: () => ({ id: "999999" }),
    body: () => ({ intent: "comment", body: "Gibt es nicht." }),
    expect: signedIn("notfound"),
  },
};

const live = (t: Target) => `/workshops/${t.workshopId}/live`;
const liveParams = (t: Target) => id(t, "workshopId");
/** The team lead moderates; the team's member, the requirements team and admins see the workshop but may not. */
const moderators = only({ team_lead: A, team_member: "forbidden", requirements_manager: "forbidden", admin: "forbidden" }, "notfound");
const onWorkshop = (setup: () => Promise<Target>, body: (t: Target) => Body | Promise<Body>, expect: Record<Subject, Expected>): Row => ({
  setup,
  url: live,
  params: liveParams,
  body,
  expect,
});
const item = (intent: string, extra: Record<string, string> = {}) => (t: Target) => ({ intent, itemId: String(t.itemId), ...extra });

/** Changes on the workshop page before it starts: the requirements team, the team's lead and admins (schedule:workshop). */
const planners = only({ team_lead: A, requirements_manager: A, admin: A, team_member: "forbidden" }, "notfound");
const plannersRefused = only({ team_lead: "refused", requirements_manager: "refused", admin: "refused", team_member: "forbidden" }, "notfound");
const onPlanning = (setup: () => Promise<Target>, body: (t: Target) => Body, expect: Record<Subject, Expected>, fresh = false): Row => ({
  setup,
  url: (t) => `/workshops/${t.workshopId}`,
  params: liveParams,
  body,
  expect,
  ...(fresh ? { fresh: true as const } : {}),
});
/** A different future date for each request, so that every allowed move really moves. */
const laterDate = () => isoToBerlinLocal(new Date(Date.now() + (2 + ++seq) * 86_400_000).toISOString());
/** A scheduled workshop of the subjects' team, with the candidate on its agenda and an open one to add. */
async function scheduledWithSpare() {
  const t = await workshop("scheduled");
  const onAgenda = await db().selectFrom("workshop_items").select("candidate_id").where("id", "=", t.itemId).executeTakeFirstOrThrow();
  return { ...t, candidateId: onAgenda.candidate_id, spareId: (await candidate(1, w.teamId)).candidateId };
}
/** A workshop of the subjects' team with two agenda items (scheduled, or started); the second one is to move up. */
async function twoItems(started = false) {
  const lead = await actorOf("team_lead");
  const candidateIds = [(await candidate(1, w.teamId)).candidateId, (await candidate(1, w.teamId)).candidateId];
  const input = { teamId: w.teamId, title: next("Workshop"), scheduledAt: tomorrow(), location: "", candidateIds, participantIds: [w.users.team_member!] };
  const { id: workshopId } = await scheduleWorkshop(db(), lead, input);
  const items = await db().selectFrom("workshop_items").select("id").where("workshop_id", "=", workshopId).orderBy("position").execute();
  if (started) await startWorkshop(db(), lead, workshopId);
  return { workshopId, itemId: items[1].id };
}
const moveUp = (t: Target) => ({ intent: "move", itemId: String(t.itemId), direction: "up" });
const PLANNING_ROWS: Record<string, Row> = {
  "workshops.$id._index?reschedule": onPlanning(() => workshop("scheduled"), () => ({ intent: "reschedule", scheduledAt: laterDate(), location: "", note: "Raum belegt." }), planners),
  "workshops.$id._index?reschedule#past": onPlanning(() => workshop("scheduled"), () => ({ intent: "reschedule", scheduledAt: "2020-01-15T10:00", location: "" }), plannersRefused),
  "workshops.$id._index?agenda": onPlanning(
    scheduledWithSpare,
    (t) => ({ intent: "agenda", candidateIds: [String(t.candidateId), String(t.spareId)], participantIds: [String(w.users.team_member)] }),
    planners,
  ),
  "workshops.$id._index?agenda#otherTeam": onPlanning(
    async () => {
      const f = await workshopFixture(db(), { members: 1, candidates: 1 });
      return { workshopId: f.workshopId, candidateId: f.candidates[0].id, memberId: f.members[0].id };
    },
    (t) => ({ intent: "agenda", candidateIds: [String(t.candidateId)], participantIds: [String(t.memberId)] }),
    only({ requirements_manager: A, admin: A }, "notfound"),
  ),
  "workshops.$id._index?move": onPlanning(() => twoItems(), moveUp, planners, true),
  "workshops.$id._index?move#live": onPlanning(() => twoItems(true), moveUp, plannersRefused),
  // An item of another workshop is checked against this one, never trusted.
  "workshops.$id._index?move#foreignItem": onPlanning(async () => ({ workshopId: (await twoItems()).workshopId, itemId: (await workshop("scheduled")).itemId }), moveUp, plannersRefused),
  "workshops.$id._index?cancel": onPlanning(() => workshop("scheduled"), () => ({ intent: "cancel", reason: "Die Teamleitung ist verhindert.", confirm: "yes" }), planners, true),
  // Cancelling cannot be undone: without confirm=yes the server asks first (the form is refused before any check of who may).
  "workshops.$id._index?cancel#unconfirmed": onPlanning(() => workshop("scheduled"), () => ({ intent: "cancel", reason: "Die Teamleitung ist verhindert." }), signedIn("refused")),
  "workshops.$id._index?cancel#live": onPlanning(() => workshop("pending"), () => ({ intent: "cancel", reason: "Zu spät.", confirm: "yes" }), plannersRefused),
};

const WORKSHOP_ROWS: Record<string, Row> = {
  "workshops.neu": {
    setup: async () => ({ candidateId: (await candidate(1, w.teamId)).candidateId }),
    url: () => "/workshops/neu",
    body: (t) => ({
      teamId: String(w.teamId),
      title: next("Priorisierung"),
      scheduledAt: tomorrow(),
      candidateIds: [String(t.candidateId)],
      participantIds: [String(w.users.team_member)],
    }),
    expect: only({ requirements_manager: A, team_lead: A, admin: A }),
  },
  "workshops.neu#otherTeam": {
    setup: async () => {
      const f = await workshopFixture(db(), { members: 1, candidates: 1, schedule: false });
      return { teamId: f.teamId, candidateId: f.candidates[0].id, memberId: f.members[0].id };
    },
    url: () => "/workshops/neu",
    body: (t) => ({
      teamId: String(t.teamId),
      title: next("Priorisierung"),
      scheduledAt: tomorrow(),
      candidateIds: [String(t.candidateId)],
      participantIds: [String(t.memberId)],
    }),
    expect: only({ requirements_manager: A, admin: A }),
  },
  "workshops.$id.live?score": onWorkshop(
    () => workshop("scoring"),
    scoreBody,
    only({ team_member: A, team_lead: A, requirements_manager: "forbidden", admin: "forbidden" }, "notfound"),
  ),
  "workshops.$id.live?score#notInvited": onWorkshop(
    () => workshop("scoring", ["team_lead"]),
    scoreBody,
    only({ team_lead: A, team_member: "forbidden", requirements_manager: "forbidden", admin: "forbidden" }, "notfound"),
  ),
  "workshops.$id.live?score#otherTeam": onWorkshop(otherTeamWorkshop, scoreBody, only({ requirements_manager: "forbidden", admin: "forbidden" }, "notfound")),
  "workshops.$id.live?open": onWorkshop(() => workshop("pending"), item("open"), moderators),
  "workshops.$id.live?reveal": onWorkshop(() => workshop("scoring"), item("reveal", { confirm: "yes" }), moderators),
  // Nobody has scored: revealing needs the moderator's confirmation, and nothing changes without it.
  "workshops.$id.live?reveal#unconfirmed": onWorkshop(
    () => workshop("scoring"),
    item("reveal"),
    only({ team_lead: "refused", team_member: "forbidden", requirements_manager: "forbidden", admin: "forbidden" }, "notfound"),
  ),
  "workshops.$id.live?reveal#otherTeam": onWorkshop(otherTeamWorkshop, item("reveal"), only({ requirements_manager: "forbidden", admin: "forbidden" }, "notfound")),
  "workshops.$id.live?reopen": onWorkshop(() => workshop("revealed"), item("reopen"), moderators),
  "workshops.$id.live?notes": onWorkshop(() => workshop("scoring"), item("notes", { notes: "Diskussion." }), moderators),
  "workshops.$id.live?decide": onWorkshop(
    () => workshop("revealed"),
    item("decide", { decision: "prioritise", rank: "1", rationale: "Hoher Nutzen.", confirm: "yes" }),
    moderators,
  ),
  "workshops.$id.live?start": onWorkshop(() => workshop("scheduled"), () => ({ intent: "start", confirm: "yes" }), moderators),
  "workshops.$id.live?end": onWorkshop(() => workshop("scoring"), () => ({ intent: "end", confirm: "yes" }), moderators),
  "workshops.$id.protokoll?publish": { ...onWorkshop(() => workshop("closed"), () => ({ intent: "publish", confirm: "yes" }), moderators), url: (t) => `/workshops/${t.workshopId}/protokoll` },
  ...PLANNING_ROWS,
};

const criteriaUrl = (t: Target) => `/kompetenzteams/${t.teamId}/kriterien`;
const criterionFields = () => ({ name: next("Kriterium"), description: "", weight: "5" });
/** A criterion of the subjects' team, added by its lead (and switched off, for "activate"). */
async function criterion(active = true) {
  const lead = await actorOf("team_lead");
  const name = next("Kriterium");
  await addCriterion(db(), lead, w.teamId, { name, description: "", weight: 5, inverse: false });
  const row = await db().selectFrom("criteria").select("id").where("team_id", "=", w.teamId).where("name", "=", name).executeTakeFirstOrThrow();
  if (!active) await setCriterionActive(db(), lead, w.teamId, row.id, false);
  return { teamId: w.teamId, criterionId: row.id };
}
const forCriteria = only({ team_lead: A, admin: A });

const CRITERIA_ROWS: Record<string, Row> = {
  "kompetenzteams.$id.kriterien?add": {
    setup: async () => ({ teamId: w.teamId }),
    url: criteriaUrl,
    params: (t) => id(t, "teamId"),
    body: () => ({ intent: "add", ...criterionFields() }),
    expect: forCriteria,
  },
  "kompetenzteams.$id.kriterien?add#otherTeam": {
    setup: async () => ({ teamId: await createTeam(db()) }),
    url: criteriaUrl,
    params: (t) => id(t, "teamId"),
    body: () => ({ intent: "add", ...criterionFields() }),
    expect: forAdmin,
  },
  "kompetenzteams.$id.kriterien?update": {
    setup: () => criterion(),
    url: criteriaUrl,
    params: (t) => id(t, "teamId"),
    body: (t) => ({ intent: "update", criterionId: String(t.criterionId), ...criterionFields() }),
    expect: forCriteria,
  },
  "kompetenzteams.$id.kriterien?deactivate": {
    setup: () => criterion(),
    url: criteriaUrl,
    params: (t) => id(t, "teamId"),
    body: (t) => ({ intent: "deactivate", criterionId: String(t.criterionId) }),
    expect: forCriteria,
  },
  "kompetenzteams.$id.kriterien?activate": {
    setup: () => criterion(false),
    url: criteriaUrl,
    params: (t) => id(t, "teamId"),
    body: (t) => ({ intent: "activate", criterionId: String(t.criterionId) }),
    expect: forCriteria,
  },
};

const projectUrl = (t: Target) => `/projekte/${t.projectId}`;
const onProject = (
  setup: () => Promise<Target>,
  body: (t: Target) => Body | Promise<Body>,
  expect: Record<Subject, Expected>,
  extra: Partial<Row> = {},
): Row => ({ setup, url: projectUrl, params: (t) => id(t, "projectId"), body, expect, ...extra });

const PROJECT_ROWS: Record<string, Row> = {
  "projekte.neu": {
    setup: async () => ({ candidateId: (await prioritisedCandidate(db(), [w.other.actor], next("Prioritär"))).id }),
    url: () => "/projekte/neu",
    body: (t) => ({
      candidateIds: [String(t.candidateId)],
      title: next("Projekt"),
      goal: "Ein gemeinsames Verfahren.",
      scope: "Beschaffung und Einführung.",
      budget: "50000",
      plannedStart: planned("01-01"),
      plannedEnd: planned("12-31"),
      leadUserId: String(w.mgmt1.id),
    }),
    expect: forManagement,
  },
  "projekte.$id?approve": onProject(() => project("requested"), () => ({ intent: "approve", confirm: "yes" }), forManagement),
  "projekte.$id?approve#missing": {
    url: () => "/projekte/999999",
    params: () => ({ id: "999999" }),
    body: () => ({ intent: "approve", confirm: "yes" }),
    expect: only({ management: "notfound" }),
  },
  "projekte.$id?decline": onProject(() => project("requested"), () => ({ intent: "decline", reason: "Das Land stellt ein Verfahren bereit.", confirm: "yes" }), forManagement),
  // While the board votes it decides: management is refused too, and nothing changes.
  "projekte.$id?decline#boardVote": onProject(
    () => project("board_vote"),
    () => ({ intent: "decline", reason: "Das Land stellt ein Verfahren bereit.", confirm: "yes" }),
    only({ management: "refused" }),
  ),
  "projekte.$id?vote": onProject(() => project("board_vote"), () => ({ intent: "vote", vote: "yes", confirm: "yes" }), only({ board: A })),
  "projekte.$id?vote#nonVoting": onProject(
    () => project("board_vote"),
    () => ({ intent: "vote", vote: "yes", confirm: "yes" }),
    // SSGT and LKT sit on the board without a vote: their vote is refused and nothing is recorded.
    only({ board: "refused" }),
    { as: { board: () => w.ssgtBoard.id } },
  ),
  "projekte.$id?boardComment": onProject(() => project("board_vote"), () => ({ intent: "boardComment", body: "Bitte Kosten prüfen." }), only({ board: A, management: A })),
  "projekte.$id?conclude": onProject(() => project("board_vote"), () => ({ intent: "conclude" }), forManagement),
  "projekte.$id?noted": onProject(() => project("board_result"), () => ({ intent: "noted" }), forManagement),
  "projekte.$id?phase": onProject(() => project("approved"), () => ({ intent: "phase", to: "planning" }), forManagement),
  "projekte.$id?phase#lead": onProject(
    // The project's own lead runs it, whatever else their role.
    () => project("approved", w.users.member_staff!),
    () => ({ intent: "phase", to: "planning" }),
    only({ member_staff: A, management: A }),
  ),
  "projekte.$id?member": onProject(() => project("approved"), () => ({ intent: "member", userId: String(w.own.id), role: "specialist" }), forManagement),
  "projekte.$id?member#ineligible": onProject(
    // A board member joins no project team (they vote on projects): refused at the field, nothing changes.
    () => project("approved"),
    () => ({ intent: "member", userId: String(w.users.board), role: "technical" }),
    only({ management: "refused" }),
  ),
  "projekte.$id?removeMember": onProject(
    async () => {
      const { projectId } = await project("approved");
      await addTeamMember(db(), w.mgmt1.actor, projectId, w.own.id, "test");
      const m = await db().selectFrom("project_members").select("id").where("project_id", "=", projectId).where("user_id", "=", w.own.id).executeTakeFirstOrThrow();
      return { projectId, memberId: m.id };
    },
    (t) => ({ intent: "removeMember", memberId: String(t.memberId) }),
    forManagement,
  ),
  "projekte.$id?changeLead": onProject(
    () => project("approved"),
    () => ({ intent: "changeLead", leadUserId: String(w.own.id), reason: "Wechsel in ein anderes Vorhaben." }),
    forManagement,
  ),
  "projekte.$id?changeLead#lead": onProject(
    // Management hands the lead over; the lead cannot pass it on themselves.
    () => project("approved", w.users.member_staff!),
    () => ({ intent: "changeLead", leadUserId: String(w.own.id), reason: "Wechsel in ein anderes Vorhaben." }),
    forManagement,
  ),
  "projekte.$id?changeLead#closed": onProject(
    async () => {
      const t = await project("approved");
      await db().updateTable("projects").set({ phase: "closed" }).where("id", "=", t.projectId).execute();
      return t;
    },
    () => ({ intent: "changeLead", leadUserId: String(w.own.id), reason: "Wechsel in ein anderes Vorhaben." }),
    only({ management: "refused" }),
  ),
  "projekte.$id?milestone": onProject(
    () => project("approved"),
    () => ({ intent: "milestone", title: next("Meilenstein"), startDate: planned("02-01"), endDate: planned("03-01") }),
    forManagement,
  ),
  "projekte.$id?period": onProject(() => project("approved"), () => ({ intent: "period", plannedStart: planned("02-01"), plannedEnd: planned("12-31") }), forManagement),
  "projekte.$id?milestoneDone": onProject(
    async () => {
      const { projectId } = await project("approved");
      await addMilestone(db(), w.mgmt1.actor, projectId, { title: "Ausschreibung", startDate: planned("02-01"), endDate: planned("03-01") });
      const m = await db().selectFrom("milestones").select("id").where("project_id", "=", projectId).executeTakeFirstOrThrow();
      return { projectId, milestoneId: m.id };
    },
    (t) => ({ intent: "milestoneDone", milestoneId: String(t.milestoneId) }),
    forManagement,
  ),
  "projekte.$id?report": onProject(() => project("approved"), () => ({ intent: "report", health: "amber", note: "Verzug bei der Vergabe." }), forManagement),
  "projekte.$id?rollout": onProject(
    // An organisation's lead keeps its own rollout status, nobody else's (management neither).
    () => project("approved"),
    () => ({ intent: "rollout", organisationId: String(w.ownOrgId), status: "planned" }),
    only({ member_lead: A }),
  ),
  "projekte.$id?rollout#otherOrg": onProject(
    () => project("approved"),
    () => ({ intent: "rollout", organisationId: String(w.otherOrgId), status: "planned" }),
    signedIn("forbidden"),
  ),
};

const userUrl = (t: Target) => `/verwaltung/benutzer/${t.userId}`;
/**
 * One row per intent on a user of the own organisation, one on a user of Homburg, and one on a user
 * of the own organisation who also sits on the board: a lead manages only accounts whose roles they
 * could hand out themselves, or a setup link would let them take over that account and its vote.
 */
function onUsers(
  intent: string,
  body: (t: Target) => Record<string, string> | Promise<Record<string, string>>,
  own: Record<Subject, Expected>,
  fresh = false,
  extra: Role[] = [],
): Record<string, Row> {
  const row = (organisation: string, expect: Record<Subject, Expected>, more: Role[] = []): Row => ({
    setup: () => person(organisation, more),
    url: userUrl,
    params: (t) => id(t, "userId"),
    body: async (t) => ({ intent, ...(await body(t)) }),
    expect,
    ...(fresh ? { fresh: true as const } : {}),
  });
  // A lead of another organisation does not learn that the user exists.
  return {
    [`verwaltung.benutzer.$id?${intent}`]: row("Saarbrücken", own, extra),
    [`verwaltung.benutzer.$id?${intent}#other`]: row("Homburg", only({ admin: A }, "notfound"), extra),
    [`verwaltung.benutzer.$id?${intent}#board`]: row("Saarbrücken", only({ member_lead: "forbidden", admin: A }, "notfound"), ["board", ...extra]),
  };
}
const forUserManagers = only({ member_lead: A, admin: A }, "notfound");
const renamed = async (t: Target) => ({
  name: "Umbenannte Person",
  email: `person-${t.userId}@test.example`,
  organisationId: String(t.orgId),
  version: await versionOf("users", t.userId),
});

const ADMIN_ROWS: Record<string, Row> = {
  "verwaltung.einstellungen": { url: () => "/verwaltung/einstellungen", body: () => ({ boardThreshold: "100000", voteDays: "14" }), expect: forAdmin },
  "verwaltung.rueckmeldungen?done": {
    setup: async () => ({ feedbackId: await createFeedback(db()) }),
    url: () => "/verwaltung/rueckmeldungen?status=open",
    body: (t) => ({ intent: "done", feedbackId: String(t.feedbackId), note: "Kontrast im Kopfbereich erhöht." }),
    expect: forAdmin,
  },
  "verwaltung.rueckmeldungen?reopen": {
    setup: async () => ({ feedbackId: await createFeedback(db(), { handled: true }) }),
    url: () => "/verwaltung/rueckmeldungen?status=done",
    body: (t) => ({ intent: "reopen", feedbackId: String(t.feedbackId) }),
    expect: forAdmin,
  },
  "verwaltung.organisationen.$id": {
    url: () => "/verwaltung/organisationen/neu",
    params: () => ({ id: "neu" }),
    body: async () => ({ name: next("Gemeinde"), kind: "gemeinde", districtId: String(await organisationId(db(), "Landkreis St. Wendel")), population: "", active: "on" }),
    expect: forAdmin,
  },
  "verwaltung.organisationen.$id#update": {
    setup: async () => {
      const row = await db()
        .insertInto("organisations")
        .values({ name: next("Gemeinde"), kind: "gemeinde", district_id: null, population: null, created_at: new Date().toISOString() })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { orgId: row.id };
    },
    url: (t) => `/verwaltung/organisationen/${t.orgId}`,
    params: (t) => id(t, "orgId"),
    body: async (t) => ({
      name: next("Umbenannte Gemeinde"),
      kind: "gemeinde",
      districtId: String(await organisationId(db(), "Landkreis St. Wendel")),
      population: "1200",
      active: "on",
      version: await versionOf("organisations", t.orgId),
    }),
    expect: forAdmin,
  },
  "verwaltung.teams.$id": {
    url: () => "/verwaltung/teams/neu",
    params: () => ({ id: "neu" }),
    body: () => ({ name: next("Kompetenzteam"), description: "", active: "on" }),
    expect: forAdmin,
  },
  "verwaltung.teams.$id#update": {
    setup: async () => ({ teamId: await createTeam(db()) }),
    url: (t) => `/verwaltung/teams/${t.teamId}`,
    params: (t) => id(t, "teamId"),
    body: () => ({ name: next("Umbenanntes Team"), description: "Neu", active: "on" }),
    expect: forAdmin,
  },
  "verwaltung.benutzer.neu": {
    url: () => "/verwaltung/benutzer/neu",
    body: () => ({ name: "Neue Person", email: `${next("neu").replace(" ", "-")}@test.example`, organisationId: String(w.ownOrgId), role: "member_staff" }),
    expect: only({ member_lead: A, admin: A }),
  },
  "verwaltung.benutzer.neu#otherOrg": {
    url: () => "/verwaltung/benutzer/neu",
    body: () => ({ name: "Neue Person", email: `${next("neu").replace(" ", "-")}@test.example`, organisationId: String(w.otherOrgId), role: "member_staff" }),
    expect: forAdmin,
  },
  "verwaltung.benutzer.neu#adminRole": {
    url: () => "/verwaltung/benutzer/neu",
    body: () => ({ name: "Neue Person", email: `${next("neu").replace(" ", "-")}@test.example`, organisationId: String(w.ownOrgId), role: "admin" }),
    expect: forAdmin,
  },
  ...onUsers("update", renamed, forUserManagers),
  "verwaltung.benutzer.$id?update#moveOrg": {
    // Moving a person to another organisation is for admins only.
    setup: () => person(),
    url: userUrl,
    params: (t) => id(t, "userId"),
    body: async (t) => ({ intent: "update", ...(await renamed(t)), organisationId: String(w.otherOrgId) }),
    expect: only({ member_lead: "forbidden", admin: A }, "notfound"),
  },
  ...onUsers("addRole", () => ({ role: "member_lead" }), forUserManagers),
  "verwaltung.benutzer.$id?addRole#admin": {
    setup: () => person(),
    url: userUrl,
    params: (t) => id(t, "userId"),
    body: () => ({ intent: "addRole", role: "admin" }),
    expect: only({ member_lead: "forbidden", admin: A }, "notfound"),
  },
  // A second role, so that taking the first is not refused as the person's last.
  ...onUsers("removeRole", (t) => ({ assignmentId: String(t.assignmentId), confirm: "yes" }), forUserManagers, true, ["member_lead"]),
  ...onUsers("deactivate", () => ({ confirm: "yes" }), forUserManagers),
  ...onUsers("reactivate", () => ({}), forUserManagers),
  ...onUsers("anonymise", () => ({ confirm: "yes" }), only({ member_lead: "forbidden", admin: A }, "notfound")),
  ...onUsers("newLink", () => ({}), forUserManagers),
};

const ACCOUNT_ROWS: Record<string, Row> = {
  abmelden: { url: () => "/abmelden", expect: all(A) },
  anmelden: { url: () => "/anmelden", body: () => ({ email: w.own.email, password: TEST_PASSWORD }), expect: all(A) },
  sprache: { url: () => "/sprache", body: () => ({ lng: "en", redirectTo: "/anforderungen" }), expect: all(A) },
  barrierefreiheit: { url: () => "/barrierefreiheit", body: () => ({ message: "Der Kontrast ist zu gering.", page: "/" }), expect: all(A) },
  "einrichtung.$token": {
    // An installation with an admin has no first-admin link: any token is unknown.
    url: () => "/einrichtung/x.y",
    params: () => ({ token: "x.y" }),
    body: () => ({ name: "Eindringling", email: "ein@test.example", password: "Langes-Passwort-1", confirm: "Langes-Passwort-1" }),
    expect: all("notfound"),
  },
  "passwort-setzen.$token": {
    url: () => "/passwort-setzen/x.y",
    params: () => ({ token: "x.y" }),
    body: () => ({ password: "Langes-Passwort-1", confirm: "Langes-Passwort-1" }),
    expect: all("notfound"),
  },
  "passwort-setzen.$token#valid": {
    // The link itself is the authorisation, for whoever holds it.
    setup: async () => {
      const u = await createUser(db(), { password: null });
      return { token: await createPasswordToken(db(), u.id, "setup") };
    },
    url: (t) => `/passwort-setzen/${t.token}`,
    params: (t) => ({ token: String(t.token) }),
    body: () => ({ password: "Langes-Passwort-1", confirm: "Langes-Passwort-1" }),
    expect: all(A),
    fresh: true,
  },
  sitzung: { url: () => "/sitzung", expect: signedIn(A) },
  benachrichtigungen: { url: () => "/benachrichtigungen", expect: signedIn(A) },
  "benachrichtigungen#other": {
    // Marking another user's notification read leaves it untouched.
    setup: async () => {
      await notifyUsers(db(), [w.own.id], { kind: "status", requirementId: null, messageKey: "requirements:detail.done", params: {}, link: "/" });
      const n = await db().selectFrom("notifications").select("id").where("user_id", "=", w.own.id).orderBy("id", "desc").executeTakeFirstOrThrow();
      return { notificationId: n.id };
    },
    url: () => "/benachrichtigungen",
    body: (t) => ({ id: String(t.notificationId) }),
    expect: signedIn(A),
    noWrite: true,
  },
  konto: {
    url: () => "/konto",
    body: () => ({ current: "Falsches-Passwort-1", password: "Neues-Passwort-123", confirm: "Neues-Passwort-123" }),
    expect: signedIn(A),
    noWrite: true,
  },
};

const ACTIONS: Record<string, Row> = {
  ...ACCOUNT_ROWS,
  ...REQUIREMENT_ROWS,
  ...BUNDLING_ROWS,
  ...WORKSHOP_ROWS,
  ...CRITERIA_ROWS,
  ...PROJECT_ROWS,
  ...ADMIN_ROWS,
};

/** "route?intent#variant" → its parts; a route without intents has rows without "?". */
function parseKey(key: string) {
  const m = /^([^?#]+)(?:\?([^#]+))?(?:#(.+))?$/.exec(key)!;
  return { route: m[1], intent: m[2] ?? "" };
}

// ——— discovering actions and intents from the sources ———

/** Literal or enum values of a schema's `intent` field, through effects (refine), defaults and unions. */
function intentsOfSchema(schema: z.ZodTypeAny): string[] {
  const unwrap = (t: z.ZodTypeAny): z.ZodTypeAny => {
    if (t instanceof z.ZodEffects) return unwrap(t.innerType());
    if (t instanceof z.ZodDefault) return unwrap(t.removeDefault());
    if (t instanceof z.ZodOptional || t instanceof z.ZodNullable) return unwrap(t.unwrap());
    return t;
  };
  const s = unwrap(schema);
  if (s instanceof z.ZodDiscriminatedUnion || s instanceof z.ZodUnion) return (s.options as z.ZodTypeAny[]).flatMap(intentsOfSchema);
  if (!(s instanceof z.ZodObject) || !("intent" in s.shape)) return [];
  const field = unwrap(s.shape.intent as z.ZodTypeAny);
  if (field instanceof z.ZodLiteral) return [String(field.value)];
  if (field instanceof z.ZodEnum) return [...(field.options as string[])];
  throw new Error(`an intent field that is neither literal nor enum: ${field.constructor.name}`);
}

/**
 * Every route file exporting an action, with the intents it handles. Two sources, so that neither
 * a schema change nor a hand-written branch slips by:
 * 1. the zod schema the action parses its form with (`parseForm(request, X)`, `{ schema: X }`,
 *    `X.safeParse`): imported from its module and read by introspection, which is exactly the set of
 *    intents the action accepts (any other value is a 400 before any use case runs);
 * 2. string literals the action's own code compares `intent` with (`intent === "x"`,
 *    `.get("intent") === "x"`, and the `case "x":` labels of a `switch (….intent)`), which must be a
 *    subset of 1 where there is a schema (else the branch is dead) and are the intents where there is none.
 * An action without any intent gets the single intent "" (a row key without "?").
 */
async function discoverActions(): Promise<{ intents: Record<string, string[]>; dead: Record<string, string[]> }> {
  const dir = path.resolve("app/routes");
  const intents: Record<string, string[]> = {};
  const dead: Record<string, string[]> = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (!/\.tsx?$/.test(file)) continue;
    const src = fs.readFileSync(path.join(dir, file), "utf8");
    const start = src.search(/^export (?:async )?function action\b|^export const action\b/m);
    if (start < 0) continue;
    const route = file.replace(/\.tsx?$/, "");
    // The action ends at the first closing brace in column 0 (the files are formatted by Prettier).
    const end = src.indexOf("\n}", start);
    const body = src.slice(start, end < 0 ? undefined : end);

    const schemaName =
      /parseForm\(\s*request\s*,\s*(\w+)\s*\)/.exec(body)?.[1] ?? /\{\s*schema:\s*(\w+)\s*\}/.exec(body)?.[1] ?? /(\w+)\.safeParse\(/.exec(body)?.[1];
    let fromSchema: string[] | null = null;
    if (schemaName) {
      const imported = [...src.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)].find((m) =>
        m[1].split(",").some((name) => name.trim().split(/\s+as\s+/).pop() === schemaName),
      );
      if (imported) {
        const spec = imported[2].replace(/^#app\//, "app/").replace(/^#db\//, "db/");
        const file = [".ts", ".tsx"].map((ext) => path.resolve(spec + ext)).find((f) => fs.existsSync(f));
        if (!file) throw new Error(`${route}: cannot resolve ${imported[2]}`);
        const original = imported[1]
          .split(",")
          .map((n) => n.trim().split(/\s+as\s+/))
          .find((parts) => parts[parts.length - 1] === schemaName)![0]
          .replace(/^type\s+/, "");
        const mod = (await import(/* @vite-ignore */ file)) as Record<string, z.ZodTypeAny>;
        fromSchema = intentsOfSchema(mod[original]);
      } else {
        // Defined in the route file itself, where the test cannot import it: it must not carry intents.
        const def = new RegExp(`const ${schemaName}\\b[\\s\\S]*?;\\n`).exec(src)?.[0];
        if (!def) throw new Error(`${route}: cannot find the schema ${schemaName}`);
        if (/\bintent\b/.test(def)) throw new Error(`${route}: move ${schemaName} into a module so its intents can be read`);
        fromSchema = [];
      }
    }
    const literal = new Set<string>();
    for (const m of body.matchAll(/\bintent\b["')\]]*\s*[!=]==?\s*["']([^"']+)["']/g)) literal.add(m[1]);
    if (/switch\s*\(\s*[\w.?]*\bintent\s*\)/.test(body)) for (const m of body.matchAll(/\bcase\s+["']([^"']+)["']\s*:/g)) literal.add(m[1]);
    const found = [...new Set([...(fromSchema ?? []), ...literal])].sort();
    if (fromSchema) {
      const unreachable = [...literal].filter((i) => !fromSchema.includes(i));
      if (unreachable.length) dead[route] = unreachable;
    }
    intents[route] = found.length ? found : [""];
  }
  return { intents, dead };
}

// ——— running the table ———

function outcomeOf(reply: RouteReply, expected: Expected): string {
  const { status, location, thrown } = reply;
  if (status >= 300 && status < 400) return thrown && location?.startsWith("/anmelden") ? "signin" : "allowed";
  if (status === 403) return "forbidden";
  if (status === 404) return "notfound";
  if (status >= 200 && status < 300) return "allowed";
  if ([400, 409, 413, 422].includes(status)) return expected === "refused" ? "refused" : "allowed";
  return `HTTP ${status}`;
}

describe(`action × role table (${dialectUnderTest})`, () => {
  beforeAll(async () => {
    const { users, teamId } = await createSubjects(db());
    const office = "eGo-Saar Geschäftsstelle";
    const own = await createUser(db(), { organisation: "Saarbrücken" });
    const other = await createUser(db(), { organisation: "Homburg" });
    w = {
      users,
      teamId,
      ownOrgId: own.organisationId,
      otherOrgId: other.organisationId,
      own,
      other,
      rm: await createUser(db(), { organisation: office, roles: ["requirements_manager"] }),
      mgmt1: await createUser(db(), { organisation: office, roles: ["management"] }),
      mgmt2: await createUser(db(), { organisation: office, roles: ["management"] }),
      ssgtBoard: await createUser(db(), { organisation: "Saarländischer Städte- und Gemeindetag (SSGT)", roles: ["board"] }),
    };
  });

  it("lists every action and every intent it handles", async () => {
    const { intents, dead } = await discoverActions();
    const listed: Record<string, string[]> = {};
    for (const key of Object.keys(ACTIONS)) {
      const { route, intent } = parseKey(key);
      listed[route] = [...new Set([...(listed[route] ?? []), intent])].sort();
    }
    expect(listed, "table rows (route → intents) against the actions in app/routes").toEqual(intents);
    expect(dead, "intents an action compares with that its schema never lets through").toEqual({});
  });

  for (const [key, row] of Object.entries(ACTIONS)) {
    it(`${key}: answers each subject as the table says; a refusal writes nothing`, async () => {
      const mod = (await import(`../../app/routes/${parseKey(key).route}.tsx`)) as { action: (args: never) => Promise<unknown> };
      // Refusals first: they must leave the records as the allowed subjects then find them.
      const order = [...SUBJECTS.filter((s) => row.expect[s] !== A), ...SUBJECTS.filter((s) => row.expect[s] === A)];
      let target: Target = row.setup ? await row.setup() : {};
      let fingerprint: Record<string, string> | null = null;
      let allowedBefore = false;
      const actual = {} as Record<Subject, string>;
      const raw = {} as Record<Subject, number>;
      const writes: Record<string, string[]> = {};
      for (const subject of order) {
        const allowed = row.expect[subject] === A;
        if (allowed && row.fresh && allowedBefore && row.setup) {
          target = await row.setup();
          fingerprint = null;
        }
        const userId = row.as?.[subject]?.() ?? w.users[subject];
        const body = (await row.body?.(target)) ?? {};
        if (!(body instanceof FormData)) expect(body.intent ?? "", "the row's body carries the row's intent").toBe(parseKey(key).intent);
        const request = await requestAs(db(), userId, row.url(target), { method: "POST", body: body instanceof FormData ? body : formBody(body) });
        const check = !allowed || row.noWrite;
        const before = check ? (fingerprint ?? (await dbFingerprint(db()))) : null;
        let reply: RouteReply;
        try {
          reply = await callRoute(mod.action, { request, params: row.params?.(target) ?? {}, context: { clientAddress: "127.0.0.1" } });
        } catch (error) {
          throw new Error(`${key} as ${subject}: uncaught ${String(error)}`, { cause: error });
        }
        actual[subject] = outcomeOf(reply, row.expect[subject]);
        raw[subject] = reply.status;
        if (before) {
          fingerprint = await dbFingerprint(db());
          const changed = changedTables(before, fingerprint);
          if (changed.length) writes[subject] = changed;
        } else {
          fingerprint = null;
        }
        allowedBefore ||= allowed;
      }
      expect.soft(actual, `HTTP status per subject: ${JSON.stringify(raw)}`).toEqual(row.expect);
      expect(writes, "tables changed by a request that should have written nothing").toEqual({});
    });
  }

  // A junk id in the address the form posts to: 404 as for a record that does not exist, never a
  // database error (one past PostgreSQL's integer range was one there), and nothing written.
  const junkIdRows = new Map<string, [string, Row]>();
  for (const [key, row] of Object.entries(ACTIONS)) {
    const { route } = parseKey(key);
    if (route.includes("$id") && !junkIdRows.has(route) && SUBJECTS.some((s) => row.expect[s] === A)) junkIdRows.set(route, [key, row]);
  }
  for (const [route, [key, row]] of junkIdRows) {
    const subject = SUBJECTS.find((s) => row.expect[s] === A)!;
    it(`${route}: a junk id in the address is not found (${key} as ${subject})`, async () => {
      const mod = (await import(`../../app/routes/${route}.tsx`)) as { action: (args: never) => Promise<unknown> };
      const target: Target = row.setup ? await row.setup() : {};
      const params = row.params!(target);
      const before = await dbFingerprint(db());
      const statuses: Record<string, number> = {};
      for (const junk of ["abc", "1.5", "-1", "0", "2147483648", "99999999999"]) {
        resetRateLimits();
        const body = (await row.body?.(target)) ?? {};
        const userId = row.as?.[subject]?.() ?? w.users[subject];
        const url = row.url(target).replace(`/${params.id}`, `/${junk}`);
        const request = await requestAs(db(), userId, url, { method: "POST", body: body instanceof FormData ? body : formBody(body) });
        statuses[junk] = (await callRoute(mod.action, { request, params: { ...params, id: junk }, context: { clientAddress: "127.0.0.1" } })).status;
      }
      expect(statuses).toEqual({ abc: 404, "1.5": 404, "-1": 404, "0": 404, "2147483648": 404, "99999999999": 404 });
      expect(changedTables(before, await dbFingerprint(db())), "tables changed").toEqual([]);
    });
  }

  // Hostile input for every action, as a subject the row allows: each field of the row's body in
  // turn replaced by what people paste or attackers send (any Unicode, NUL, right-to-left, 64 KiB,
  // HTML and SQL fragments, odd numbers and dates, a field sent twice). The answer may be anything a
  // user can act on, never a server error. Seeded per row, so a failure repeats.
  const hostile = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "x".repeat(65_536),
      "ü".repeat(20_000),
      "<script>alert(1)</script>",
      "'; DROP TABLE requirements; --",
      "\u202Eelbat\u202C",
      "-1",
      "0",
      "1e309",
      "9007199254740993",
      "NaN",
      "2026-02-30",
      "0001-01-01",
      "true",
    ),
  );
  for (const [key, row] of Object.entries(ACTIONS)) {
    const subject = SUBJECTS.find((s) => row.expect[s] === A);
    if (!subject) continue;
    it(`${key}: hostile input as ${subject} never causes a server error`, async () => {
      const mod = (await import(`../../app/routes/${parseKey(key).route}.tsx`)) as { action: (args: never) => Promise<unknown> };
      const seed = [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);
      const values = fc.sample(hostile, { numRuns: 24, seed });
      for (let run = 0; run < 3; run++) {
        resetRateLimits();
        const target: Target = row.setup ? await row.setup() : {};
        const body = (await row.body?.(target)) ?? {};
        if (body instanceof FormData) return; // uploads: tests/integration/attachments.test.ts
        const fields = Object.keys(body).filter((k) => k !== "intent");
        const fuzzed = new URLSearchParams();
        for (const [k, v] of Object.entries(body)) {
          const replace = run === 2 || fields.indexOf(k) % 3 === run;
          const value = replace ? values[(fields.indexOf(k) * 3 + run) % values.length] : v;
          for (const item of Array.isArray(value) ? value : [value]) fuzzed.append(k, item);
          if (replace && run === 1) fuzzed.append(k, values[(fields.indexOf(k) + 5) % values.length]);
        }
        fuzzed.append(`extra${run}`, values[run]);
        const userId = row.as?.[subject]?.() ?? w.users[subject];
        const request = await requestAs(db(), userId, row.url(target), { method: "POST", body: fuzzed });
        let reply: RouteReply;
        try {
          reply = await callRoute(mod.action, { request, params: row.params?.(target) ?? {}, context: { clientAddress: "127.0.0.1" } });
        } catch (error) {
          throw new Error(`${key} (run ${run}) with ${fuzzed.toString().slice(0, 300)}: uncaught ${String(error)}`, { cause: error });
        }
        expect(reply.status, `${key} (run ${run}) with ${fuzzed.toString().slice(0, 300)}`).toBeLessThan(500);
      }
      // Each whole-number field (ids, versions, counts) in turn one past PostgreSQL's integer range,
      // the rest of the form as sent: a random sample rarely hits that one value.
      const target: Target = row.setup ? await row.setup() : {};
      const body = (await row.body?.(target)) ?? {};
      for (const field of Object.keys(body).filter((k) => ([] as string[]).concat((body as Record<string, string | string[]>)[k]).every((v) => /^\d+$/.test(v)))) {
        resetRateLimits();
        const form = formBody({ ...(body as Record<string, string | string[]>), [field]: "2147483648" });
        const userId = row.as?.[subject]?.() ?? w.users[subject];
        const request = await requestAs(db(), userId, row.url(target), { method: "POST", body: form });
        const reply = await callRoute(mod.action, { request, params: row.params?.(target) ?? {}, context: { clientAddress: "127.0.0.1" } });
        expect(reply.status, `${key} with ${field}=2147483648`).toBeLessThan(500);
      }
    });
  }
});
