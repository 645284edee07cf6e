/*
 * A plain version of Mantine's Table (Table, Caption, Thead, Tbody, Tfoot, Tr, Th, Td) that renders
 * exactly Mantine's markup for the props the app uses, without a Mantine Box per cell: on the
 * dashboard the figure tables (with Mantine's scroll areas) cost the server about 25 ms per page.
 * Used like Mantine's (`<PlainTable.Tr>` …); tests/unit/plain-table.test.tsx holds it against
 * Mantine's own output.
 */
import { createContext, useContext, type CSSProperties, type ReactNode } from "react";
import { rem, spacing, type Spacing } from "./layout";

interface TableContext {
  striped: boolean;
  highlightOnHover: boolean;
  captionSide: "top" | "bottom";
}

const Context = createContext<TableContext>({ striped: false, highlightOnHover: false, captionSide: "bottom" });

interface TableProps {
  striped?: boolean;
  highlightOnHover?: boolean;
  withTableBorder?: boolean;
  captionSide?: "top" | "bottom";
  verticalSpacing?: Spacing | number;
  variant?: "vertical";
  layout?: "fixed" | "auto";
  /** Minimum width in px (Mantine's `miw`). */
  miw?: number;
  "aria-label"?: string;
  className?: string;
  children: ReactNode;
}

export function PlainTable({ striped = false, highlightOnHover = false, withTableBorder, captionSide, verticalSpacing = 7, variant, layout, miw, className, children, ...rest }: TableProps) {
  // Mantine's order: its CSS variables, then style props.
  const style: Record<string, string> = {};
  if (layout) style["--table-layout"] = layout;
  if (captionSide) style["--table-caption-side"] = captionSide;
  style["--table-vertical-spacing"] = spacing(verticalSpacing);
  if (miw !== undefined) style.minWidth = rem(miw);
  return (
    <Context.Provider value={{ striped, highlightOnHover, captionSide: captionSide ?? "bottom" }}>
      <table style={style as CSSProperties} className={className ? `m_b23fa0ef mantine-Table-table ${className}` : "m_b23fa0ef mantine-Table-table"} data-variant={variant} data-with-table-border={withTableBorder || undefined} {...rest}>
        {children}
      </table>
    </Context.Provider>
  );
}

interface PartProps {
  className?: string;
  children?: ReactNode;
}

function Caption({ children }: PartProps) {
  const { captionSide } = useContext(Context);
  return (
    <caption className="m_9e5a3ac7 mantine-Table-caption" data-side={captionSide}>
      {children}
    </caption>
  );
}

function Thead({ children }: PartProps) {
  return <thead className="m_b242d975 mantine-Table-thead">{children}</thead>;
}

function Tbody({ children }: PartProps) {
  return <tbody className="m_b2404537 mantine-Table-tbody">{children}</tbody>;
}

function Tfoot({ children }: PartProps) {
  return <tfoot className="mantine-Table-tfoot">{children}</tfoot>;
}

function Tr({ className, children }: PartProps) {
  const { striped, highlightOnHover } = useContext(Context);
  return (
    <tr className={className ? `m_4e7aa4fd mantine-Table-tr ${className}` : "m_4e7aa4fd mantine-Table-tr"} data-with-row-border="true" data-striped={striped ? "odd" : undefined} data-hover={highlightOnHover || undefined}>
      {children}
    </tr>
  );
}

interface CellProps extends PartProps {
  style?: CSSProperties;
  /** Font weight (Mantine's `fw`). */
  fw?: number;
  /** Width in px (Mantine's `w`). */
  w?: number;
  colSpan?: number;
  /** The column's name, shown before the value where a table stacks on a phone (`.stack-table`). */
  "data-label"?: string;
}

function cellStyle({ style, fw, w }: CellProps): CSSProperties | undefined {
  if (fw === undefined && w === undefined) return style;
  // Mantine's order: the style given, then style props.
  return { ...style, ...(fw !== undefined ? { fontWeight: fw } : {}), ...(w !== undefined ? { width: rem(w) } : {}) };
}

function Th({ className, children, style, fw, w, ...rest }: CellProps & { scope?: "col" | "row" }) {
  return (
    <th style={cellStyle({ style, fw, w })} className={className ? `m_4e7aa4f3 mantine-Table-th ${className}` : "m_4e7aa4f3 mantine-Table-th"} {...rest}>
      {children}
    </th>
  );
}

function Td({ className, children, style, fw, w, ...rest }: CellProps) {
  return (
    <td style={cellStyle({ style, fw, w })} className={className ? `m_4e7aa4ef mantine-Table-td ${className}` : "m_4e7aa4ef mantine-Table-td"} {...rest}>
      {children}
    </td>
  );
}

PlainTable.Caption = Caption;
PlainTable.Thead = Thead;
PlainTable.Tbody = Tbody;
PlainTable.Tfoot = Tfoot;
PlainTable.Tr = Tr;
PlainTable.Th = Th;
PlainTable.Td = Td;
