import { describe, expect, it } from "vitest";
import { CandidateFacts } from "#app/components/workshops/CandidateFacts";
import { renderComponent } from "#tests/helpers/render";

const facts = {
  title: "Hundesteuer online",
  summary: "",
  themenfeld: null,
  requirementCount: 1,
  facts: { organisationCount: 2, districtCount: 1, cosignerCount: 1, population: null, populationKnownFor: 0, earliestDeadline: "2027-01-31" },
  organisations: [
    { id: 1, name: "Homburg", districtName: "Saarpfalz-Kreis", filed: 1, cosigned: 0 },
    { id: 2, name: "Merzig", districtName: "Landkreis Merzig-Wadern", filed: 0, cosigned: 1 },
  ],
  districts: [{ name: "Saarpfalz-Kreis", count: 1 }],
};

const text = (html: string) => html.replace(/<style[^>]*>.*?<\/style>/gs, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the candidate's facts beside a live workshop item", () => {
  it("read as on the candidate's page", async () => {
    const t = text(await renderComponent(<CandidateFacts facts={facts} />));
    expect(t).toContain("1 Anforderung gestellt");
    expect(t).toContain("1 mitgezeichnet");
    // Where populations are entered is said to administrators on the candidate page only.
    expect(t).toContain("nicht hinterlegt");
    expect(t).not.toContain("Einwohnerzahlen");
    expect(t).toContain("Themenfeld nicht bekannt");
    expect(t).toContain("2 beteiligte Organisationen");
    expect(t).not.toMatch(/erfasst|1 Mitzeichnung|OZG-Themenfeld/);
  });
});
