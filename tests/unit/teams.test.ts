import { describe, expect, it } from "vitest";
import { teamLine } from "#app/components/teams";

describe("the line naming a team", () => {
  it("does not repeat the term when the team's name begins with it", () => {
    expect(teamLine("Kompetenzteam Finanzen & Steuern", "Kompetenzteam", "Kompetenzteam: Kompetenzteam Finanzen & Steuern")).toBe("Kompetenzteam Finanzen & Steuern");
    expect(teamLine("kompetenzteam Bauen", "Kompetenzteam", "Kompetenzteam: kompetenzteam Bauen")).toBe("kompetenzteam Bauen");
  });

  it("labels a name that does not say what it is", () => {
    expect(teamLine("Finanzen & Steuern", "Kompetenzteam", "Kompetenzteam: Finanzen & Steuern")).toBe("Kompetenzteam: Finanzen & Steuern");
    expect(teamLine("Kompetenzteam Finanzen", "Expert team", "Expert team: Kompetenzteam Finanzen")).toBe("Expert team: Kompetenzteam Finanzen");
  });
});
