import fc from "fast-check";
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { z } from "zod";
import { getRequirementDetail, listRequirements } from "#app/modules/requirements/queries.server";
import { addComment } from "#app/modules/requirements/requirements.server";
import { listFilterSchema, requirementFormSchema } from "#app/modules/requirements/schema";
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

/** Every zod schema exported by a module's schema file. */
async function allSchemas(): Promise<{ name: string; schema: z.ZodTypeAny }[]> {
  const dir = path.resolve("app/modules");
  const found: { name: string; schema: z.ZodTypeAny }[] = [];
  for (const module of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, module, "schema.ts");
    if (!fs.existsSync(file)) continue;
    const exports = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) if (value instanceof z.ZodType) found.push({ name: `${module}/${name}`, schema: value });
  }
  return found;
}

/** The form field names a schema reads (through effects, defaults, unions; nested lists as "a[0].b"). */
function fieldNames(schema: z.ZodTypeAny, prefix = ""): string[] {
  if (schema instanceof z.ZodEffects) return fieldNames(schema.innerType(), prefix);
  if (schema instanceof z.ZodDefault) return fieldNames(schema.removeDefault(), prefix);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return fieldNames(schema.unwrap(), prefix);
  if (schema instanceof z.ZodCatch) return fieldNames(schema.removeCatch(), prefix);
  if (schema instanceof z.ZodDiscriminatedUnion || schema instanceof z.ZodUnion) return [...new Set((schema.options as z.ZodTypeAny[]).flatMap((o) => fieldNames(o, prefix)))];
  if (schema instanceof z.ZodArray) return fieldNames(schema.element, `${prefix}[0]`).concat(prefix ? [`${prefix}[1]`] : []);
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    const inner = fieldNames(v, key);
    return inner.length ? inner : [key];
  });
  return prefix ? [prefix] : [];
}

describe(`schemas never throw (${dialectUnderTest})`, () => {
  it("every form schema answers arbitrary input with a result, not an exception", async () => {
    const schemas = await allSchemas();
    // Every exported schema of every module, found rather than listed, so a new one is covered too.
    expect(schemas.length).toBeGreaterThan(20);
    for (const { name, schema } of schemas) {
      const keys = fieldNames(schema);
      const values = fc.oneof(nasty, fc.constant(""), fc.constant("x".repeat(65_536)), fc.integer().map(String), fc.constant("2026-02-30"));
      fc.assert(
        fc.property(fc.dictionary(keys.length ? fc.constantFrom(...keys, "intent", "extra") : fc.string(), values), (input) => {
          expect(() => schema.safeParse(input), name).not.toThrow();
          // The form parser hands over repeated fields as arrays.
          expect(() => schema.safeParse(Object.fromEntries(Object.entries(input).map(([k, v]) => [k, [v, v]]))), name).not.toThrow();
        }),
        { numRuns: 60 },
      );
    }
  });

  it("refuses 64 KiB in a title with a message instead of truncating", () => {
    const r = requirementFormSchema.safeParse({ title: "x".repeat(65_536) });
    expect(r.success).toBe(false);
    expect(r.error?.issues.find((i) => i.path[0] === "title")?.message).toBe("validation.tooLong?max=200");
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
    // In a list of values and as a raw fragment's parameter too (PostgreSQL refuses U+0000 in any text).
    expect(await db().selectFrom("requirements").select("title").where("title", "in", [`Null${nul}byte`, "x"]).execute()).toEqual([{ title: "Nullbyte" }]);
    expect((await sql<{ t: string }>`select ${`a${nul}b`} as t`.execute(db())).rows[0]?.t).toBe("ab");
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
