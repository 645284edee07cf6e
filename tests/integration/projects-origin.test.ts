import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { OriginSection } from "#app/components/projects/OriginSection";
import { declineProject, proposeProject } from "#app/modules/projects/projects.server";
import { getProjectDetail } from "#app/modules/projects/queries.server";
import { createUser } from "#tests/factories/index";
import { prioritisedCandidate, proposalInput } from "#tests/factories/projects";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";
import { renderComponent } from "#tests/helpers/render";

// A rejected project's origin shows its candidates and requirements as they are now; once a
// candidate is proposed again, the rejected project names the new one instead of implying itself.

const { db } = setupTestDatabase();
const OFFICE = "eGo-Saar Geschäftsstelle";
type U = Awaited<ReturnType<typeof createUser>>;
let julia: U, sbStaff: U, homburgStaff: U, lead: U;

beforeAll(async () => {
  julia = await createUser(db(), { organisation: OFFICE, roles: ["management"] });
  sbStaff = await createUser(db(), { organisation: "Saarbrücken" });
  homburgStaff = await createUser(db(), { organisation: "Homburg" });
  lead = await createUser(db(), { organisation: "Völklingen" });
});

const renderOrigin = async (id: number) => {
  const p = await getProjectDetail(db(), sbStaff.actor, id);
  return renderComponent(createElement(OriginSection, { p }));
};

describe(`a rejected project's origin (${dialectUnderTest})`, () => {
  it("says the candidate is prioritised again, then names the project it is in now", async () => {
    const c = await prioritisedCandidate(db(), [sbStaff.actor, homburgStaff.actor]);
    const { id: first } = await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { title: "Erster Anlauf" }));
    // While pending, the proposal is the candidate's own project: no other is named.
    expect((await getProjectDetail(db(), sbStaff.actor, first)).candidates.map((x) => x.laterProject)).toEqual([null]);
    await declineProject(db(), julia.actor, first, { reason: "Zu früh." });

    let detail = await getProjectDetail(db(), sbStaff.actor, first);
    expect(detail.candidates.map((x) => [x.status, x.laterProject])).toEqual([["prioritised", null]]);
    let html = await renderOrigin(first);
    expect(html).toContain("Dieser Vorschlag wurde abgelehnt");
    expect(html).toContain("wieder priorisiert, in keinem Projekt");

    const { id: second } = await proposeProject(db(), julia.actor, proposalInput([c.id], lead.id, { title: "Zweiter Anlauf" }));
    detail = await getProjectDetail(db(), sbStaff.actor, first);
    expect(detail.candidates.map((x) => [x.status, x.laterProject])).toEqual([["promoted", { id: second, title: "Zweiter Anlauf" }]]);
    expect(detail.requirements.map((r) => [r.status, r.laterProject?.id])).toEqual([
      ["in_project", second],
      ["in_project", second],
    ]);
    html = await renderOrigin(first);
    expect(html).toContain(`href="/projekte/${second}"`);
    expect(html).toContain(`Projekt Nr. ${second} „Zweiter Anlauf“`);
    expect(html).not.toContain("wieder priorisiert");

    // The new project itself names no other project.
    const current = await getProjectDetail(db(), sbStaff.actor, second);
    expect([...current.candidates, ...current.requirements].map((x) => x.laterProject)).toEqual([null, null, null]);
    expect(await renderOrigin(second)).not.toContain("Dieser Vorschlag wurde abgelehnt");
  });
});
