import { MantineProvider, Table } from "@mantine/core";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PlainTable } from "#app/components/plain/Table";
import { theme } from "#app/theme";

/** What a page shows for an element, rendered inside the app's Mantine provider. */
function html(element: ReactElement): string {
  return renderToStaticMarkup(
    <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
      {element}
    </MantineProvider>,
  ).replace(/<style data-mantine-styles="classes">.*?<\/style>/s, "");
}

/** The same table body for both, built from one set of parts. */
function body(T: typeof Table | typeof PlainTable) {
  return (
    <>
      <T.Caption>Übersicht</T.Caption>
      <T.Thead>
        <T.Tr>
          <T.Th scope="col">Organisation</T.Th>
          <T.Th scope="col" style={{ textAlign: "right" }}>
            Anzahl
          </T.Th>
        </T.Tr>
      </T.Thead>
      <T.Tbody>
        <T.Tr>
          <T.Th scope="row" fw={500}>
            Saarbrücken
          </T.Th>
          <T.Td style={{ textAlign: "right" }}>12</T.Td>
        </T.Tr>
        <T.Tr className="row-warn">
          <T.Th scope="row" w={260}>
            Homburg
          </T.Th>
          <T.Td className="cell-note" colSpan={2}>
            –
          </T.Td>
          <T.Td fw={700} style={{ textAlign: "right" }}>
            3
          </T.Td>
          <T.Th scope="row" fw={500} w={120}>
            beides
          </T.Th>
        </T.Tr>
      </T.Tbody>
      <T.Tfoot>
        <T.Tr>
          <T.Td>Summe</T.Td>
        </T.Tr>
      </T.Tfoot>
    </>
  );
}

// Every combination of table props the app uses (grep "<Table " in app/).
const variants: [string, Record<string, unknown>][] = [
  ["striped, hover, border, caption on top", { striped: true, highlightOnHover: true, withTableBorder: true, captionSide: "top" }],
  ["striped, hover", { striped: true, highlightOnHover: true }],
  ["striped, border, caption on top, spacing sm", { striped: true, withTableBorder: true, captionSide: "top", verticalSpacing: "sm" }],
  ["striped, border, caption on top", { striped: true, withTableBorder: true, captionSide: "top" }],
  ["striped", { striped: true }],
  ["vertical with border", { variant: "vertical", withTableBorder: true, "aria-label": "Profil" }],
  ["vertical, fixed layout", { variant: "vertical", withTableBorder: true, layout: "fixed", "aria-label": "Eckdaten" }],
  ["minimum width", { withTableBorder: true, striped: true, captionSide: "top", miw: 600 }],
  ["numeric vertical spacing", { withTableBorder: true, striped: true, captionSide: "top", verticalSpacing: 4 }],
  ["no props", {}],
];

describe("plain table renders Mantine's markup", () => {
  for (const [name, props] of variants) {
    it(name, () => {
      const M = Table as unknown as (p: Record<string, unknown>) => ReactElement;
      const P = PlainTable as unknown as (p: Record<string, unknown>) => ReactElement;
      const mantine = html(<M {...props}>{body(Table)}</M>);
      expect(html(<P {...props}>{body(PlainTable)}</P>)).toBe(mantine);
    });
  }
});
