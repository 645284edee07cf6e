import type { XAxisProps, YAxisProps } from "recharts";
import { formattersFor } from "#app/utils/format";

type AxisProps = Omit<XAxisProps, "ref"> & Omit<YAxisProps, "ref">;

interface CountChartOptions {
  /** Bars along the y axis ("vertical"): the categories are on the y axis and the counts on the x axis. */
  orientation?: "horizontal" | "vertical";
  /** Width of the category axis of a vertical chart; its labels wrap inside it. */
  categoryWidth?: number;
  /** Slants the labels of a horizontal category axis, for labels longer than their bar is wide. */
  slanted?: boolean;
}

const TICK = { fontSize: 12, fill: "currentColor" };

/**
 * Props for a Mantine bar or line chart of counts: whole-number ticks (recharts would draw 0.5 or
 * 0.25 on a small scale), numbers in the page's language, and a label for every category (recharts
 * drops labels it expects to collide, leaving bars without a name).
 */
export function countChartProps(language: string, { orientation = "horizontal", categoryWidth, slanted = false }: CountChartOptions = {}) {
  const { number } = formattersFor(language);
  const valueFormatter = (value: number) => number.format(value);
  const valueAxis: AxisProps = { allowDecimals: false };
  if (orientation === "vertical") {
    return { valueFormatter, xAxisProps: valueAxis, yAxisProps: { interval: 0, width: categoryWidth } satisfies AxisProps };
  }
  const categoryAxis: AxisProps = slanted
    ? { interval: 0, angle: -35, textAnchor: "end", height: 96, tick: { ...TICK, dy: 4 } }
    : { interval: 0 };
  return { valueFormatter, xAxisProps: categoryAxis, yAxisProps: valueAxis };
}
