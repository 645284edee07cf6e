import fs from "node:fs";
import path from "node:path";
import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";
import { LimitedTextarea, LimitedTextInput } from "#app/components/forms";
import { requirementFormSchema } from "#app/modules/requirements/schema";
import { renderComponent } from "#tests/helpers/render";

// A field with a maximum length never cuts a paste (the browser's maxLength did, without a word):
// it names its limit, counts near and over it, and the schema's message names the limit.

/** The text of an element with the given id in server-rendered markup. */
function textOfId(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  const open = html.lastIndexOf("<", start);
  const tag = html.slice(open + 1).match(/^\w+/)![0];
  const end = html.indexOf(`</${tag}>`, start);
  return html.slice(html.indexOf(">", start) + 1, end).replace(/<[^>]+>/g, "");
}

const render = (value: string, lng = "de") =>
  renderComponent(<LimitedTextInput id="title" label="Titel" description="Kurz und eindeutig." name="title" limit={200} defaultValue={value} />, lng);

describe("fields with a limit", () => {
  it("never cut what is typed: no maxlength, the whole text is in the field", async () => {
    const long = "x".repeat(250);
    const html = await render(long);
    expect(html).not.toMatch(/maxlength/i);
    expect(html).toContain(`value="${long}"`);
    const area = await renderComponent(<LimitedTextarea id="summary" label="Zusammenfassung" name="summary" limit={2000} defaultValue={"y".repeat(2100)} />);
    expect(area).not.toMatch(/maxlength/i);
    expect(area).toContain("y".repeat(2100));
  });

  it("name the limit in the hint the field is described by, and count near and over it", async () => {
    const describedBy = (html: string) => html.match(/<input[^>]*aria-describedby="([^"]+)"/)![1].split(" ");
    const short = await render("Online-Hundesteuer");
    expect(describedBy(short)).toContain("title-description");
    expect(textOfId(short, "title-description")).toBe("Kurz und eindeutig. Höchstens 200 Zeichen.");
    expect(textOfId(await render("x".repeat(179)), "title-description")).toBe("Kurz und eindeutig. Höchstens 200 Zeichen.");
    expect(textOfId(await render("x".repeat(180)), "title-description")).toBe("Kurz und eindeutig. 180 / 200 Zeichen");
    expect(textOfId(await render("x".repeat(200)), "title-description")).toBe("Kurz und eindeutig. 200 / 200 Zeichen");
    const over = await render("x".repeat(205));
    expect(describedBy(over)).toContain("title-description");
    expect(textOfId(over, "title-description")).toBe("Kurz und eindeutig. 205 / 200 Zeichen – 5 zu viel");
    expect(over).toMatch(/<span data-text-limit="true" style="font-weight:700">205/);
    expect(textOfId(await render("x".repeat(205), "en"), "title-description")).toBe("Kurz und eindeutig. 205 / 200 characters – 5 too many");
    // Thousands grouped as the reader writes them.
    const area = await renderComponent(<LimitedTextarea id="s" label="S" name="s" limit={2000} defaultValue={"y".repeat(2100)} />);
    expect(textOfId(area, "s-description")).toBe("2.100 / 2.000 Zeichen – 100 zu viel");
    expect(textOfId(await renderComponent(<LimitedTextarea id="s" label="S" name="s" limit={2000} />), "s-description")).toBe("Höchstens 2.000 Zeichen.");
  });

  it("announce politely from one region, not from the hint itself", async () => {
    const html = await render("x".repeat(205));
    const regions = html.match(/aria-live="[^"]+"/g) ?? [];
    expect(regions).toEqual(['aria-live="polite"']);
    expect(html).not.toMatch(/id="title-description"[^>]*aria-live/);
  });

  it("refuse an over-long text with a message that names the limit, on the client and the server alike (one schema)", () => {
    const form = new FormData();
    form.append("title", "x".repeat(250));
    const submission = parseWithZod(form, { schema: requirementFormSchema });
    expect(submission.status).toBe("error");
    expect(submission.reply().error?.title).toEqual(["validation.tooLong?max=200"]);
  });

  it("are the only way the app limits a text field: no maxLength left, except the search boxes that say what they read", () => {
    const allowed = new Set(["components/requirements/RequirementList.tsx", "routes/verwaltung.benutzer._index.tsx", "routes/verwaltung.organisationen._index.tsx"]);
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && /maxLength=\{/.test(fs.readFileSync(file, "utf8"))) found.push(path.relative("app", file));
      }
    };
    walk("app");
    expect(found.filter((f) => !allowed.has(f))).toEqual([]);
  });
});
