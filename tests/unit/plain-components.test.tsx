import { MantineProvider, NativeSelect, Pagination, TextInput } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { PlainPagination } from "#app/components/plain/Pagination";
import { PlainNativeSelect, PlainTextInput } from "#app/components/plain/inputs";
import { theme } from "#app/theme";

// The plain components must render exactly Mantine's markup, so Mantine's CSS styles them the same.

function render(node: ReactNode, { withMantine = true } = {}): string {
  const tree = withMantine ? (
    <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
      {node}
    </MantineProvider>
  ) : (
    node
  );
  // Links resolve against a location, as on the requirement list.
  return normaliseIds(renderToStaticMarkup(<StaticRouter location="/anforderungen?q=wasser">{tree}</StaticRouter>));
}

/** Generated ids (Mantine's "mantine-R3" and what derives from it) become placeholders in order of appearance. */
function normaliseIds(html: string): string {
  const seen = new Map<string, string>();
  return html.replace(/ (id|for|aria-describedby)="([^"]*)"/g, (_, attribute: string, value: string) => {
    const replaced = value.replace(/mantine-[A-Za-z0-9]+/g, (id) => {
      if (!seen.has(id)) seen.set(id, `ID${seen.size + 1}`);
      return seen.get(id)!;
    });
    return ` ${attribute}="${replaced}"`;
  });
}

function expectSameMarkup(mantine: ReactNode, plain: ReactNode) {
  const expected = render(mantine);
  const actual = render(plain);
  expect(actual).toBe(expected);
}

describe("PlainTextInput", () => {
  const cases: [string, Parameters<typeof PlainTextInput>[0]][] = [
    ["label only", { label: "Suche", name: "q" }],
    ["description", { label: "Suche", description: "Titel und Beschreibung", name: "q" }],
    ["error", { label: "Titel", error: "Pflichtfeld", name: "title" }],
    ["description, error, required", { label: "Titel", description: "Kurz", error: "Zu lang", name: "title", required: true }],
    ["required", { label: "Titel", name: "title", required: true }],
    [
      "search with defaultValue and maxLength",
      { label: "Suche", description: "Hinweis", name: "q", defaultValue: "Wasser & <Boden>", type: "search", maxLength: 200 },
    ],
    ["empty defaultValue", { label: "Suche", name: "q", defaultValue: "" }],
    ["date, type before name", { type: "date", label: "Frist vor", name: "deadlineBefore", defaultValue: "2026-01-31" }],
    ["explicit text type", { label: "Name", name: "name", type: "text" }],
    ["given id", { label: "Name", name: "name", id: "name-field", description: "D", error: "E" }],
    ["other attributes", { label: "E-Mail", name: "email", type: "email", placeholder: "a@b.de", autoComplete: "email", readOnly: true }],
    ["label as element", { label: <strong>Fett</strong>, name: "x" }],
  ];
  it.each(cases)("equals Mantine's TextInput: %s", (_, props) => {
    expectSameMarkup(<TextInput {...props} />, <PlainTextInput {...props} />);
  });
});

describe("PlainNativeSelect", () => {
  const themen = Array.from({ length: 14 }, (_, i) => ({ value: `Themenfeld ${i + 1}`, label: `Themenfeld ${i + 1} & mehr` }));
  const many = [{ value: "", label: "Alle" }, ...themen];
  const cases: [string, Parameters<typeof PlainNativeSelect>[0]][] = [
    ["many options, none selected", { label: "Themenfeld", name: "themenfeld", data: many }],
    ["many options, selected defaultValue", { label: "Themenfeld", name: "themenfeld", defaultValue: "Themenfeld 7", data: many }],
    ["empty defaultValue", { label: "Status", name: "status", defaultValue: "", data: many }],
    [
      "description",
      {
        label: "Sortierung",
        description: "Reihenfolge",
        name: "sort",
        defaultValue: "newest",
        data: [
          { value: "newest", label: "Neueste" },
          { value: "oldest", label: "Älteste" },
        ],
      },
    ],
    ["error", { label: "Bezirk", error: "Bitte wählen", name: "districtId", data: many }],
    ["description, error, required", { label: "Bezirk", description: "D", error: "E", required: true, name: "districtId", data: many }],
    ["required", { label: "Bezirk", required: true, name: "districtId", data: many }],
    ["given id", { label: "Bezirk", id: "district", name: "districtId", data: many, description: "D" }],
  ];
  it.each(cases)("equals Mantine's NativeSelect: %s", (_, props) => {
    expectSameMarkup(<NativeSelect {...props} />, <PlainNativeSelect {...props} />);
  });
});

describe("PlainPagination", () => {
  const href = (page: number) => `?q=wasser&page=${page}`;
  // Exactly how RequirementList.tsx used Mantine's Pagination.
  const mantine = (total: number, value: number) => (
    <Pagination
      total={total}
      value={value}
      getItemProps={(page) => ({ component: Link, to: href(page) })}
      getControlProps={(control) => {
        if (control === "previous") return { component: Link, to: href(Math.max(1, value - 1)), "aria-label": "Vorherige Seite" };
        if (control === "next") return { component: Link, to: href(Math.min(total, value + 1)), "aria-label": "Nächste Seite" };
        return {};
      }}
      withEdges={false}
    />
  );
  const plain = (total: number, value: number) => (
    <PlainPagination total={total} value={value} getItemHref={href} previousLabel="Vorherige Seite" nextLabel="Nächste Seite" />
  );

  const cases: [number, number][] = [];
  for (const total of [1, 2, 5, 7, 8, 800]) {
    for (const value of new Set([1, Math.ceil(total / 2), total])) cases.push([total, value]);
  }
  // Every position around the dots' thresholds.
  for (const total of [9, 10, 12]) for (let value = 1; value <= total; value++) cases.push([total, value]);
  for (const value of [2, 3, 4, 5, 6, 795, 796, 797, 798, 799]) cases.push([800, value]);

  /**
   * Mantine's markup, except that a disabled previous/next control (Mantine: a focusable link to the
   * current page with `disabled=""`, which anchors ignore) is an unavailable link without address.
   */
  const withUnavailableControls = (html: string) =>
    html.replace(
      /<a class="mantine-focus-auto (m_326d024a[^"]*)" data-disabled="true" disabled="" aria-label="([^"]*)" data-discover="true" href="[^"]*">(.*?)<\/a>/g,
      '<span class="$1" data-disabled="true" role="link" aria-disabled="true" aria-label="$2">$3</span>',
    );

  it.each(cases)("equals Mantine's Pagination: total %i, page %i", (total, value) => {
    expect(render(plain(total, value))).toBe(withUnavailableControls(render(mantine(total, value))));
  });

  it("renders nothing without pages, like Mantine", () => {
    expect(render(plain(0, 1))).toBe(render(mantine(0, 1)));
    expect(renderToStaticMarkup(<StaticRouter location="/">{plain(0, 1)}</StaticRouter>)).toBe("");
  });

  it("marks the current page and dims the controls at the ends, which are no links and cannot be focused", () => {
    const controls = (html: string, label: string) => html.match(new RegExp(`<(a|span) [^>]*aria-label="${label}"[^>]*>`, "g")) ?? [];
    const first = render(plain(800, 1));
    expect(first).toContain('aria-current="page"');
    const [previous] = controls(first, "Vorherige Seite");
    expect(previous).toMatch(/^<span /);
    expect(previous).toContain('role="link" aria-disabled="true"');
    expect(previous).not.toMatch(/href=|tabindex=|mantine-focus-auto/);
    expect(controls(first, "Nächste Seite")).toEqual([expect.stringMatching(/^<a .*href="\/anforderungen\?q=wasser&amp;page=2"/)]);
    expect(first).toContain('href="/anforderungen?q=wasser&amp;page=800"');

    const last = render(plain(800, 800));
    expect(controls(last, "Nächste Seite")).toEqual([expect.stringMatching(/^<span [^>]*role="link" aria-disabled="true"/)]);
    expect(controls(last, "Vorherige Seite")).toEqual([expect.stringMatching(/^<a .*href="\/anforderungen\?q=wasser&amp;page=799"/)]);

    const middle = render(plain(800, 400));
    expect(middle).not.toContain("aria-disabled");
    expect(middle).not.toContain("data-disabled");
  });

  it("has no control at all that is disabled and a link on a single page", () => {
    const only = render(plain(1, 1));
    expect(only.match(/<span [^>]*aria-disabled="true"/g)).toHaveLength(2);
    expect(only).not.toMatch(/<a [^>]*disabled/);
  });
});

describe("plain components without MantineProvider", () => {
  it("render the same markup as inside it", () => {
    const fields = (
      <>
        <PlainTextInput label="Suche" description="D" error="E" required name="q" type="search" />
        <PlainNativeSelect
          label="Status"
          name="status"
          defaultValue="b"
          data={[
            { value: "a", label: "A" },
            { value: "b", label: "B" },
          ]}
        />
        <PlainPagination total={20} value={10} getItemHref={(page) => `?page=${page}`} previousLabel="Zurück" nextLabel="Weiter" />
      </>
    );
    const bare = render(fields, { withMantine: false });
    expect(bare).toContain("mantine-TextInput-input");
    expect(bare).toContain('<option value="b" selected="">B</option>');
    expect(bare).toContain("mantine-Pagination-dots");
    // Inside the provider the output only gains Mantine's global <style> tag.
    expect(render(fields).replace(/^<style[^>]*>.*?<\/style>/s, "")).toBe(bare);
  });
});
