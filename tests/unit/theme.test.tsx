import { MantineProvider } from "@mantine/core";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { cssVariablesResolver, theme, themeCssVariables } from "#app/theme";

describe("theme CSS variables computed once", () => {
  it("equal what MantineProvider renders for the same theme and resolver", () => {
    const html = renderToStaticMarkup(
      <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
        <p />
      </MantineProvider>,
    );
    const rendered = /<style data-mantine-styles="true">(.*?)<\/style>/s.exec(html)?.[1];
    expect(rendered).toBeTruthy();
    expect(themeCssVariables).toBe(rendered);
    // Our contrast fixes are in it.
    expect(themeCssVariables).toContain("--mantine-color-dimmed: var(--mantine-color-gray-7)");
    expect(themeCssVariables).toContain("--mantine-color-red-light-color: #b42323");
  });
});
