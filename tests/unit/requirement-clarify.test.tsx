import { describe, expect, it } from "vitest";
import { TimelineTitle } from "#app/components/requirements/TimelineTitle";
import { clarifySchema, detailActionSchema } from "#app/modules/requirements/schema";
import { allowedActions, nextStatus, openReturn, REQUIREMENT_STATUSES } from "#app/modules/requirements/workflow";
import { renderComponent } from "#tests/helpers/render";

describe("returning a requirement for clarification (Zur Klärung zurückgeben)", () => {
  it("leads from submitted, released and in review back to a draft, from nowhere else", () => {
    for (const from of ["submitted", "released", "in_review"] as const) {
      expect(nextStatus(from, "clarify")).toBe("draft");
      expect(allowedActions(from)).toContain("clarify");
    }
    for (const from of REQUIREMENT_STATUSES.filter((s) => !["submitted", "released", "in_review"].includes(s))) {
      expect(nextStatus(from, "clarify")).toBeNull();
    }
  });

  it("leaves the lead's return during release as it was: from submitted only", () => {
    expect(nextStatus("submitted", "return")).toBe("draft");
    expect(nextStatus("released", "return")).toBeNull();
    expect(nextStatus("in_review", "return")).toBeNull();
  });

  it("needs a question with text in it and the confirmation", () => {
    expect(clarifySchema.safeParse({ intent: "clarify", question: "Welche Fachverfahren?", confirm: "yes" }).success).toBe(true);
    for (const question of ["", "   ", "\n\t "]) {
      const r = detailActionSchema.safeParse({ intent: "clarify", question, confirm: "yes" });
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["question", "validation.required"]]);
    }
    for (const confirm of [undefined, "", "no"]) {
      const r = detailActionSchema.safeParse({ intent: "clarify", question: "Welche Fachverfahren?", confirm });
      expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["confirm", "validation.confirmRequired"]]);
    }
    expect(clarifySchema.safeParse({ intent: "clarify", question: "x".repeat(2001), confirm: "yes" }).success).toBe(false);
  });

  describe("the open question on the draft", () => {
    const created = { kind: "created", to_status: "draft", detail: null };
    const submitted = { kind: "status", to_status: "submitted", detail: null };
    const clarified = { kind: "status", to_status: "draft", detail: { clarify: true } };
    const commented = { kind: "edited", to_status: null, detail: { fields: ["problem"] } };

    it("is the latest status change when that was the return for clarification, edits meanwhile included", () => {
      expect(openReturn("draft", [created, submitted, clarified])).toEqual({ event: clarified, by: "requirements_team" });
      expect(openReturn("draft", [created, submitted, clarified, commented])).toEqual({ event: clarified, by: "requirements_team" });
    });

    it("is the lead's after a later return by the lead, and none once submitted again or for a draft never sent out", () => {
      const returned = { kind: "status", to_status: "draft", detail: null };
      expect(openReturn("draft", [created, submitted, clarified, submitted, returned])).toEqual({ event: returned, by: "lead" });
      expect(openReturn("submitted", [created, submitted, clarified, submitted])).toBeNull();
      expect(openReturn("draft", [created])).toBeNull();
      expect(openReturn("draft", [])).toBeNull();
    });
  });

  it("names the step on the timeline", async () => {
    const html = await renderComponent(<TimelineTitle event={{ kind: "status", from_status: "in_review", to_status: "draft", detail: { clarify: true } }} />);
    expect(html).toContain("Zur Klärung zurückgegeben");
    expect(html).not.toContain("Status:");
  });
});
