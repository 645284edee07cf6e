import { describe, expect, it } from "vitest";
import { RequirementOutcomeSection } from "#app/components/projects/ProjectBits";
import { renderRoute } from "#tests/helpers/render";

const text = (html: string) => html.replace(/<style[^>]*>.*?<\/style>/gs, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const outcome = (
  project: { status: string; rejectedBy: "board" | "management" | null; phase: string | null; boardTally?: { yes: number; no: number; abstain: number } },
  ours = true,
) => ({
  candidate: { id: 3, title: "E-Akte", status: "prioritised", teamName: "Kompetenzteam IT" },
  decision: { value: "prioritised", rationale: null, at: "2026-10-25T10:55:00Z", until: null },
  project: { id: 7, title: "E-Akte für alle", health: null, ...project },
  rollout: { status: "interested", involved: true },
  ours,
});

describe("„Was wurde aus unserer Anforderung?“", () => {
  it("names who rejected the project, and has no rollout line for it", async () => {
    const html = text(await renderRoute("/anforderungen/1", () => <RequirementOutcomeSection outcome={outcome({ status: "rejected", rejectedBy: "board", phase: null })} organisationName="Saarbrücken" />, {}));
    expect(html).toContain("Abgelehnt (Aufsichtsrat)");
    expect(html).not.toContain("Einführung bei Saarbrücken");
  });

  it("says the board's count and what the rejection leaves; everyone abstaining reads „keine Mehrheit“", async () => {
    const render = async (boardTally: { yes: number; no: number; abstain: number }) =>
      text(await renderRoute("/anforderungen/1", () => <RequirementOutcomeSection outcome={outcome({ status: "rejected", rejectedBy: "board", phase: null, boardTally })} organisationName="Saarbrücken" />, {}));
    expect(await render({ yes: 1, no: 3, abstain: 1 })).toContain(
      "vom Aufsichtsrat im Umlaufverfahren abgelehnt (Ja: 1, Nein: 3, Enthaltungen: 1). Die Kandidaten und ihre Anforderungen sind wieder priorisiert und können erneut vorgeschlagen werden.",
    );
    expect(await render({ yes: 0, no: 0, abstain: 2 })).toContain("im Umlaufverfahren des Aufsichtsrats nicht freigegeben – keine Mehrheit (Ja: 0, Nein: 0, Enthaltungen: 2).");
  });

  it("keeps the rollout line for a project that runs", async () => {
    const html = text(await renderRoute("/anforderungen/1", () => <RequirementOutcomeSection outcome={outcome({ status: "approved", rejectedBy: null, phase: "execution" })} organisationName="Saarbrücken" />, {}));
    expect(html).toContain("Einführung bei Saarbrücken");
    expect(html).toContain("Interessiert");
  });

  it("says „unserer“ only to an organisation that filed or co-signed the requirement, „dieser“ to everyone else", async () => {
    const render = async (ours: boolean) =>
      text(await renderRoute("/anforderungen/1", () => <RequirementOutcomeSection outcome={outcome({ status: "approved", rejectedBy: null, phase: "execution" }, ours)} organisationName="Homburg" />, {}));
    expect(await render(true)).toContain("Was wurde aus unserer Anforderung?");
    const others = await render(false);
    expect(others).toContain("Was wurde aus dieser Anforderung?");
    expect(others).not.toContain("unserer");
  });

  it("says who still decides on a pending project: management, then the supervisory board", async () => {
    const requested = text(await renderRoute("/anforderungen/1", () => <RequirementOutcomeSection outcome={outcome({ status: "requested", rejectedBy: null, phase: null })} organisationName="Saarbrücken" />, {}));
    expect(requested).toContain("beantragt, Freigabe durch die Geschäftsführung steht aus");
    expect(requested).not.toContain("noch nicht freigegeben");
    const boardVote = text(await renderRoute("/anforderungen/1", () => <RequirementOutcomeSection outcome={outcome({ status: "board_vote", rejectedBy: null, phase: null })} organisationName="Saarbrücken" />, {}));
    expect(boardVote).toContain("von der Geschäftsführung freigegeben, Entscheidung des Aufsichtsrats steht aus");
  });
});
