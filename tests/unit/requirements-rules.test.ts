import { describe, expect, it, vi } from "vitest";
import { ATTACHMENT_ACCEPT, detectFileType, fileRefusalKey, MAX_ATTACHMENT_BYTES } from "#app/modules/requirements/filetype";
import { cosignSchema, detailActionSchema, duplicateTargetField, requirementFormSchema } from "#app/modules/requirements/schema";
import { allowedActions, isDeletableDraft, nextStatus, REQUIREMENT_STATUSES } from "#app/modules/requirements/workflow";
import { parseFormWithFiles } from "#app/utils/upload.server";

describe("requirement state machine", () => {
  it("follows the workflow of DESIGN.md", () => {
    expect(nextStatus("draft", "submit")).toBe("submitted");
    expect(nextStatus("submitted", "release")).toBe("released");
    expect(nextStatus("submitted", "return")).toBe("draft");
    expect(nextStatus("released", "review")).toBe("in_review");
    expect(nextStatus("in_review", "reject")).toBe("rejected");
    expect(nextStatus("in_review", "merge")).toBe("merged");
    expect(nextStatus("released", "withdraw")).toBe("withdrawn");
  });

  it("refuses steps from the wrong status", () => {
    expect(nextStatus("draft", "review")).toBeNull();
    expect(nextStatus("rejected", "withdraw")).toBeNull();
    expect(nextStatus("bundled", "withdraw")).toBeNull();
    expect(nextStatus("merged", "merge")).toBeNull();
    expect(nextStatus("withdrawn", "submit")).toBeNull();
  });

  it("leaves closed requirements without actions", () => {
    for (const s of ["rejected", "withdrawn", "merged", "done"] as const) expect(allowedActions(s)).toEqual([]);
    expect(REQUIREMENT_STATUSES).toContain("in_project");
  });

  it("lets only a draft that never left its organisation be deleted", () => {
    const created = [{ kind: "created" }, { kind: "edited" }, { kind: "attached" }];
    expect(isDeletableDraft("draft", null, created)).toBe(true);
    // Returned by the lead or for clarification: submitted_at is cleared, the timeline remembers.
    expect(isDeletableDraft("draft", null, [...created, { kind: "status" }, { kind: "status" }])).toBe(false);
    expect(isDeletableDraft("draft", "2026-12-01T10:00:00.000Z", created)).toBe(false);
    for (const s of REQUIREMENT_STATUSES.filter((s) => s !== "draft")) expect(isDeletableDraft(s, null, created)).toBe(false);
  });
});

describe("file type by content", () => {
  const pdf = new TextEncoder().encode("%PDF-1.7\n");
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  it("recognises allowed types whatever the name says", () => {
    expect(detectFileType(pdf, "scan.jpg")?.mime).toBe("application/pdf");
    expect(detectFileType(png, "bild")?.mime).toBe("image/png");
    expect(detectFileType(zip, "Konzept.DOCX")?.label).toBe("Word");
  });
  it("refuses executables, scripts and unknown containers even with an allowed name", () => {
    expect(detectFileType(new Uint8Array([0x4d, 0x5a, 0x90, 0]), "rechnung.pdf")).toBeNull();
    expect(detectFileType(new TextEncoder().encode("<script>alert(1)</script>"), "x.pdf")).toBeNull();
    expect(detectFileType(zip, "archiv.zip")).toBeNull();
    expect(detectFileType(new Uint8Array(), "leer.pdf")).toBeNull();
  });
  it("gives the browser and the server one rule: size, emptiness, type by content; the picker offers the allowed names", () => {
    expect(fileRefusalKey(pdf.byteLength, pdf, "scan.pdf")).toBeNull();
    expect(fileRefusalKey(MAX_ATTACHMENT_BYTES + 1, pdf, "scan.pdf")).toBe("requirements:attachments.tooLarge");
    expect(fileRefusalKey(0, new Uint8Array(), "leer.pdf")).toBe("requirements:attachments.empty");
    expect(fileRefusalKey(4, new Uint8Array([0x4d, 0x5a, 0x90, 0]), "bad.exe")).toBe("requirements:attachments.wrongType");
    expect(ATTACHMENT_ACCEPT.split(",").sort()).toEqual(
      [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".png", ".jpg", ".jpeg", ".gif", ".webp"].sort(),
    );
  });
});

describe("requirement form schema", () => {
  const base = {
    title: "Titel",
    problem: "Problem",
    desiredOutcome: "Ziel",
    themenfeld: "Umwelt",
    benefit: "Nutzen",
    urgency: "high",
  };
  it("accepts a complete form and treats empty optional fields as absent", () => {
    const r = requirementFormSchema.safeParse({ ...base, system: "  ", deadline: "" });
    expect(r.success && r.data.system).toBeUndefined();
  });
  it("refuses over-long text, unknown topic fields, impossible and past dates with field messages", () => {
    const issues = (v: Record<string, unknown>) => requirementFormSchema.safeParse({ ...base, ...v }).error?.issues.map((i) => [i.path[0], i.message]);
    expect(issues({ title: "x".repeat(201) })).toEqual([["title", "validation.tooLong?max=200"]]);
    expect(issues({ themenfeld: "Raumfahrt" })).toEqual([["themenfeld", "requirements:validation.themenfeld"]]);
    expect(issues({ deadline: "2031-02-30" })).toEqual([["deadline", "requirements:validation.date"]]);
    expect(issues({ deadline: "2001-01-01" })).toEqual([["deadline", "requirements:validation.deadlinePast"]]);
  });
  it("counts a deadline as past by the Berlin calendar date, not the UTC one", () => {
    const issues = (v: Record<string, unknown>) => requirementFormSchema.safeParse({ ...base, ...v }).error?.issues.map((i) => [i.path[0], i.message]);
    // 00:30 on 1 July in Berlin, still 30 June in UTC: 30 June has passed for the person typing.
    vi.useFakeTimers({ now: new Date("2026-06-30T22:30:00Z"), toFake: ["Date"] });
    try {
      expect(issues({ deadline: "2026-06-30" })).toEqual([["deadline", "requirements:validation.deadlinePast"]]);
      expect(issues({ deadline: "2026-07-01" })).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
    expect(issues({ title: "   " })).toEqual([["title", "validation.required"]]);
  });
  const issuesOf = (v: Record<string, unknown>) => requirementFormSchema.safeParse(v).error?.issues.map((i) => [i.path[0], i.message]);
  it("saves a draft with only a title, storing the empty fields as empty", () => {
    const r = requirementFormSchema.safeParse({ title: "Nur ein Titel", problem: "", desiredOutcome: "", themenfeld: "", urgency: "", benefit: "", intent: "save" });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ title: "Nur ein Titel", problem: "", desiredOutcome: "", benefit: "", themenfeld: undefined, urgency: undefined, intent: "save" });
    // Without a title even a draft is refused, and the length and date checks still hold on what was filled.
    expect(issuesOf({ title: "", intent: "save" })).toEqual([["title", "validation.required"]]);
    expect(issuesOf({ title: "T", problem: "x".repeat(10_001), deadline: "2001-01-01", themenfeld: "Raumfahrt" })).toEqual([
      ["problem", "validation.tooLong?max=10000"],
      ["themenfeld", "requirements:validation.themenfeld"],
      ["deadline", "requirements:validation.deadlinePast"],
    ]);
  });
  const sorted = (issues: unknown[][] | undefined) => issues?.map((i) => i.join(" ")).sort();
  it("refuses to submit with every missing field named at once", () => {
    expect(sorted(issuesOf({ title: "", urgency: "", intent: "submit" }))).toEqual(
      sorted([
        ["title", "validation.required"],
        ["problem", "validation.required"],
        ["desiredOutcome", "validation.required"],
        ["themenfeld", "requirements:validation.themenfeld"],
        ["urgency", "requirements:validation.urgency"],
        ["benefit", "validation.required"],
      ]),
    );
    expect(sorted(issuesOf({ ...base, benefit: "  ", deadline: "2031-02-30", intent: "submit" }))).toEqual(
      sorted([
        ["deadline", "requirements:validation.date"],
        ["benefit", "validation.required"],
      ]),
    );
    // A field refused for its own reason does not hold back the message of a missing one: one submit names both.
    expect(sorted(issuesOf({ ...base, problem: "x".repeat(10_050), desiredOutcome: "   ", intent: "submit" }))).toEqual(
      sorted([
        ["problem", "validation.tooLong?max=10000"],
        ["desiredOutcome", "validation.required"],
      ]),
    );
    expect(requirementFormSchema.safeParse({ ...base, intent: "submit" }).success).toBe(true);
  });
});

describe("co-signature quantity", () => {
  const quantity = (value: string) => {
    const r = cosignSchema.safeParse({ intent: "cosign", quantity: value, quantityUnit: "workplaces" });
    return r.success ? r.data.quantity : r.error.flatten().fieldErrors.quantity;
  };
  it("reads German digit grouping as thousands, and an empty field as no quantity", () => {
    expect(quantity("1.500")).toBe(1500);
    expect(quantity("1500")).toBe(1500);
    expect(cosignSchema.safeParse({ intent: "cosign", quantity: "", quantityUnit: "" }).data).toEqual({ intent: "cosign" });
  });
  it("refuses what is not a whole number instead of reading 1,5 or 1e3", () => {
    for (const bad of ["1,5", "1e3", "0", "zwei"]) expect(quantity(bad)).toEqual(["requirements:validation.quantity"]);
  });
});

describe("co-signature quantity unit", () => {
  const parse = (fields: Record<string, unknown>) => {
    const r = detailActionSchema.safeParse({ intent: "cosign", ...fields });
    return r.success ? r.data : r.error.flatten().fieldErrors;
  };
  it("takes a quantity with what it counts", () => {
    expect(parse({ quantity: "1.500", quantityUnit: "workplaces" })).toEqual({ intent: "cosign", quantity: 1500, quantityUnit: "workplaces" });
    expect(parse({ quantity: "12", quantityUnit: "cases_per_year" })).toEqual({ intent: "cosign", quantity: 12, quantityUnit: "cases_per_year" });
  });
  it("refuses a quantity without its unit, at the unit", () => {
    expect(parse({ quantity: "1.500" })).toEqual({ quantityUnit: ["requirements:validation.quantityUnit"] });
    expect(parse({ quantity: "1.500", quantityUnit: "" })).toEqual({ quantityUnit: ["requirements:validation.quantityUnit"] });
  });
  it("refuses a unit without its quantity, at the quantity", () => {
    expect(parse({ quantityUnit: "workplaces" })).toEqual({ quantity: ["requirements:validation.quantityForUnit"] });
    expect(parse({ quantity: "  ", quantityUnit: "cases_per_year" })).toEqual({ quantity: ["requirements:validation.quantityForUnit"] });
  });
  it("refuses a unit the form does not offer, and one sent twice", () => {
    for (const odd of ["hectares", "Workplaces", ["workplaces", "cases_per_year"], { toString: 1 }]) {
      expect(parse({ quantity: "3", quantityUnit: odd })).toEqual({ quantityUnit: ["requirements:validation.quantityUnit"] });
    }
  });
  it("the co-sign form's own schema says the same", () => {
    expect(cosignSchema.safeParse({ intent: "cosign", quantity: "3" }).error?.flatten().fieldErrors).toEqual({ quantityUnit: ["requirements:validation.quantityUnit"] });
    expect(cosignSchema.safeParse({ intent: "cosign", quantityUnit: "workplaces" }).error?.flatten().fieldErrors).toEqual({ quantity: ["requirements:validation.quantityForUnit"] });
  });
});

describe("multipart upload parsing", () => {
  function multipart(fields: Record<string, string>, files: { name: string; bytes: Uint8Array<ArrayBuffer> }[]) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    for (const f of files) fd.append("files", new Blob([new Uint8Array(f.bytes)]), f.name);
    return new Request("http://localhost/x", { method: "POST", body: fd });
  }
  it("keeps the typed fields and reports an oversized file with 400, like the other refused files", async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    const parsed = await parseFormWithFiles(multipart({ title: "Mein Titel" }, [{ name: "gross.pdf", bytes: big }]));
    expect(parsed.status).toBe(400);
    expect(parsed.fileError).toBe("requirements:attachments.tooLarge");
    expect(parsed.fileErrorValues).toEqual({ name: "gross.pdf" });
    expect(parsed.formData.get("title")).toBe("Mein Titel");
    expect(parsed.files).toEqual([]);
  });
  it("names the oversized file among several and that none of them is kept", async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    const parsed = await parseFormWithFiles(multipart({}, [{ name: "klein.pdf", bytes: new TextEncoder().encode("%PDF-1.4") }, { name: "gross.pdf", bytes: big }]));
    expect(parsed.fileErrorValues).toEqual({ name: "gross.pdf", context: "several" });
    expect(parsed.files).toEqual([]);
  });
  it("passes an empty file on to the check (which refuses it by name) instead of dropping it", async () => {
    const parsed = await parseFormWithFiles(multipart({}, [{ name: "leer.pdf", bytes: new Uint8Array(0) }]));
    expect(parsed.fileError).toBeNull();
    expect(parsed.files.map((f) => [f.name, f.bytes.byteLength])).toEqual([["leer.pdf", 0]]);
  });
  it("returns small files with their bytes", async () => {
    const parsed = await parseFormWithFiles(multipart({ title: "T" }, [{ name: "a.pdf", bytes: new TextEncoder().encode("%PDF-1.4") }]));
    expect(parsed.fileError).toBeNull();
    expect(parsed.files.map((f) => f.name)).toEqual(["a.pdf"]);
  });
});

describe("the duplicate's target number", () => {
  it("reads „Nr. 12“, „#12“ and 12, and answers odd input from the form parser with a refusal, never an exception", () => {
    expect(duplicateTargetField.safeParse("Nr. 12")).toMatchObject({ success: true, data: 12 });
    expect(duplicateTargetField.safeParse("#12")).toMatchObject({ success: true, data: 12 });
    expect(duplicateTargetField.safeParse(12)).toMatchObject({ success: true, data: 12 });
    for (const odd of [{ toString: "12" }, ["12", "13"], null, undefined, "1e3", "0x10", "12a"]) {
      expect(() => duplicateTargetField.safeParse(odd), JSON.stringify(odd)).not.toThrow();
      expect(duplicateTargetField.safeParse(odd).success, JSON.stringify(odd)).toBe(false);
    }
  });
});
