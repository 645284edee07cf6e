import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signInSchema } from "#app/modules/auth/schema";
import { feedbackSchema, organisationSchema } from "#app/modules/organisations/schema";
import { getRequirementDetail, listRequirements } from "#app/modules/requirements/queries.server";
import { addComment } from "#app/modules/requirements/requirements.server";
import { cosignSchema, detailActionSchema, listFilterSchema, requirementFormSchema } from "#app/modules/requirements/schema";
import { resetRateLimits } from "#app/utils/rate-limit.server";
import { createUser } from "#tests/factories/index";
import { fileRequirement } from "#tests/factories/requirements";
import { dialectUnderTest, setupTestDatabase } from "#tests/helpers/db";

const { db } = setupTestDatabase();

// Text as people paste it: any Unicode (emoji, right-to-left, combining marks), HTML and SQL fragments.
// NUL is dropped on both databases (PostgreSQL text cannot hold it), tested separately below.
const nasty = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom("<script>alert(1)</script>", "'; DROP TABLE requirements; --", "\u202Eelbat\u202C", "مرحبا بالعالم", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🐕‍🦺", "%_\\"),
);
const noNul = (s: string) => s.split(String.fromCharCode(0)).join("");

describe(`schemas never throw (${dialectUnderTest})`, () => {
  it("every form schema answers arbitrary input with a result, not an exception", () => {
    const schemas = [signInSchema, feedbackSchema, organisationSchema, requirementFormSchema, cosignSchema, detailActionSchema, listFilterSchema];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("title", "email", "password", "name", "intent", "quantity", "deadline", "q", "page", "message"), nasty), (input) => {
        for (const schema of schemas) expect(() => schema.safeParse(input)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("refuses 64 KiB in a title with a message instead of truncating", () => {
    const r = requirementFormSchema.safeParse({ title: "x".repeat(65_536) });
    expect(r.success).toBe(false);
    expect(r.error?.issues.find((i) => i.path[0] === "title")?.message).toBe("validation.tooLong");
  });
});

describe(`stored exactly (${dialectUnderTest})`, () => {
  it("drops NUL bytes instead of failing, the same on both databases", async () => {
    const u = await createUser(db(), { organisation: "Nonnweiler" });
    const nul = String.fromCharCode(0);
    const id = await fileRequirement(db(), u.actor, { title: `Null${nul}byte`, problem: `a${nul}b` });
    const d = await getRequirementDetail(db(), u.actor, id);
    expect([d.title, d.problem]).toEqual(["Nullbyte", "ab"]);
    await listRequirements(db(), u.actor, listFilterSchema.parse({ q: `x${nul}y` }), "all");
  });

  it("round-trips arbitrary requirement text and comments, and searching for it never fails", async () => {
    const u = await createUser(db(), { organisation: "Nohfelden" });
    const other = await createUser(db(), { organisation: "Homburg" });
    await fc.assert(
      fc.asyncProperty(nasty.map(noNul), nasty.map(noNul), async (rawTitle, rawProblem) => {
        const title = rawTitle.trim().slice(0, 200) || "Titel";
        const problem = rawProblem.trim() || "Problem";
        resetRateLimits();
        const id = await fileRequirement(db(), u.actor, { title, problem });
        await addComment(db(), u.actor, id, problem);
        const d = await getRequirementDetail(db(), other.actor, id);
        expect(d.title).toBe(title);
        expect(d.problem).toBe(problem);
        expect(d.comments.at(-1)?.body).toBe(problem);
        await listRequirements(db(), other.actor, listFilterSchema.parse({ q: title.slice(0, 200) }), "all");
      }),
      { numRuns: 25 },
    );
  });
});
