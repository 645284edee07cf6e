import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { WholeNumberInput } from "#app/components/forms";
import { proposalSchema, settingsSchema } from "#app/modules/projects/schema";
import { cosignSchema } from "#app/modules/requirements/schema";
import { criteriaActionSchema } from "#app/modules/workshops/schema";
import { renderComponent } from "#tests/helpers/render";

// What people type or paste into the number fields that a number input used to rewrite silently
// („1e9“ → 19, „-1“ → 1, „3.5“ → 35, „12,50“ → 12 or 1250). The field now sends the text as typed,
// so the schema must refuse each of them with the field's message.
const NOT_WHOLE = ["1e9", "-1", "3.5", "12,50", "3,5"];

function formData(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

function fieldErrors(schema: Parameters<typeof parseWithZod>[1]["schema"], entries: Record<string, string>) {
  const submission = parseWithZod(formData(entries), { schema });
  return submission.status === "success" ? undefined : submission.reply().error;
}

describe("number fields send what was typed", () => {
  it("renders a text field with a numeric keyboard that keeps odd text as it is", async () => {
    const html = await renderComponent(<WholeNumberInput label="Schwelle" name="boardThreshold" defaultValue="1e9" />);
    expect(html).toContain('inputMode="numeric"');
    expect(html).not.toContain("type=");
    expect(html).toContain('value="1e9"');
  });

  it.each(NOT_WHOLE)("settings: refuses %j as board threshold and as vote days at the field", (text) => {
    expect(fieldErrors(settingsSchema, { boardThreshold: text, voteDays: "14" })).toEqual({ boardThreshold: ["projects:validation.threshold"] });
    expect(fieldErrors(settingsSchema, { boardThreshold: "100.000", voteDays: text })).toEqual({ voteDays: ["projects:validation.voteDays"] });
  });

  it("settings: reads grouped and plain numbers", () => {
    const submission = parseWithZod(formData({ boardThreshold: "100.000", voteDays: "14" }), { schema: settingsSchema });
    expect(submission.status === "success" && submission.value).toEqual({ boardThreshold: 100_000, voteDays: 14 });
    expect(fieldErrors(settingsSchema, { boardThreshold: "100000", voteDays: "1.000" })).toEqual({ voteDays: ["projects:validation.voteDays"] });
  });

  it.each(NOT_WHOLE)("criteria: refuses %j as weight at the field", (text) => {
    expect(fieldErrors(criteriaActionSchema, { intent: "add", name: "Nutzen", weight: text })).toEqual({ weight: ["workshops:errors.weight"] });
  });

  it("criteria: reads a whole weight", () => {
    const submission = parseWithZod(formData({ intent: "add", name: "Nutzen", weight: "25" }), { schema: criteriaActionSchema });
    expect(submission.status === "success" && submission.value).toMatchObject({ intent: "add", weight: 25 });
  });

  it.each(NOT_WHOLE)("proposal and co-sign: refuse %j as budget and as quantity at the field", (text) => {
    expect(fieldErrors(proposalSchema, { budget: text })?.budget).toEqual(["projects:validation.budget"]);
    expect(fieldErrors(cosignSchema, { intent: "cosign", quantity: text })).toEqual({ quantity: ["requirements:validation.quantity"] });
  });
});
