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
// Amounts are whole euros: one with cents is told so rather than that it is no whole number.
const WITH_CENTS = new Set(["3.5", "12,50", "3,5"]);
const euroMessage = (text: string, message: string) => (WITH_CENTS.has(text) ? "projects:validation.wholeEuros" : message);

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
    expect(fieldErrors(settingsSchema, { boardThreshold: text, voteDays: "14" })).toEqual({ boardThreshold: [euroMessage(text, "projects:validation.threshold")] });
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
    expect(fieldErrors(proposalSchema, { budget: text })?.budget).toEqual([euroMessage(text, "projects:validation.budget")]);
    expect(fieldErrors(cosignSchema, { intent: "cosign", quantity: text })).toEqual({ quantity: ["requirements:validation.quantity"] });
  });

  it("proposal: reads a budget of whole euros, grouped or plain, and refuses cents saying so", () => {
    for (const text of ["1.200.000", "1200000", "1 200 000", "1.200.000,00"]) expect(fieldErrors(proposalSchema, { budget: text })?.budget).toBeUndefined();
    for (const text of ["1.200.000,50", "1200000,5", "1200000.50", "1,200,000.50"]) expect(fieldErrors(proposalSchema, { budget: text })?.budget).toEqual(["projects:validation.wholeEuros"]);
    // Not a number at all, or out of range: the field's own message.
    for (const text of ["viel", "1.200.00,50", "2.000.000.000"]) expect(fieldErrors(proposalSchema, { budget: text })?.budget).toEqual(["projects:validation.budget"]);
  });
});
