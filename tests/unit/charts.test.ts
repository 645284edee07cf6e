import { describe, expect, it } from "vitest";
import { countChartProps } from "#app/components/charts";

describe("count charts", () => {
  it("format values in the page's language", () => {
    expect(countChartProps("de").valueFormatter(1234.5)).toBe("1.234,5");
    expect(countChartProps("en").valueFormatter(1234.5)).toBe("1,234.5");
  });

  it("tick whole numbers only and label every category of a column chart", () => {
    const props = countChartProps("de", { slanted: true });
    expect(props.yAxisProps).toMatchObject({ allowDecimals: false });
    expect(props.xAxisProps).toMatchObject({ interval: 0, angle: -35, textAnchor: "end" });
    expect(countChartProps("de").xAxisProps).toEqual({ interval: 0 });
  });

  it("turn the axes round for a bar chart: counts along x, categories along y", () => {
    const props = countChartProps("de", { orientation: "vertical", categoryWidth: 150 });
    expect(props.xAxisProps).toMatchObject({ allowDecimals: false });
    expect(props.yAxisProps).toEqual({ interval: 0, width: 150 });
  });
});
