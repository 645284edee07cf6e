/*
 * Plain versions of the Mantine layout pieces of the page frame and the busiest pages (Group, Stack,
 * Text, Title, Anchor, Button, VisuallyHidden). They render exactly the markup Mantine renders for the
 * same props (same elements, classes, data attributes and CSS variables), so Mantine's stylesheet
 * styles them alike, but without Mantine's per-render prop merging and style passes, which cost the
 * server a noticeable share of every page. Only the props the app uses are supported;
 * tests/unit/plain-layout.test.tsx holds each of them against Mantine's own output.
 */
import { Button } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ButtonHTMLAttributes, CSSProperties, MouseEventHandler, ReactNode } from "react";

export type Spacing = "xs" | "sm" | "md" | "lg" | "xl";
type Breakpoint = "xs" | "sm" | "md" | "lg" | "xl";
type Vars = Record<string, string>;

/** Mantine's rem(): px → rem, scaled. */
export function rem(px: number): string {
  return px === 0 ? "0rem" : `calc(${px / 16}rem * var(--mantine-scale))`;
}

/** A theme spacing or a number of px, as Mantine resolves it. */
export function spacing(value: Spacing | number): string {
  return typeof value === "number" ? rem(value) : `var(--mantine-spacing-${value})`;
}

function classes(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

/** The style props the app uses, in Mantine's order of application. */
interface StyleProps {
  mt?: Spacing;
  mb?: Spacing;
  px?: Spacing;
  pt?: Spacing;
  h?: string;
}

function styleProps({ mt, mb, px, pt, h }: StyleProps): CSSProperties {
  const s: CSSProperties = {};
  if (mt) s.marginTop = spacing(mt);
  if (mb) s.marginBottom = spacing(mb);
  if (px) s.paddingInline = spacing(px);
  if (pt) s.paddingTop = spacing(pt);
  if (h) s.height = h;
  return s;
}

interface GroupProps extends StyleProps {
  gap?: Spacing | number;
  align?: CSSProperties["alignItems"];
  justify?: CSSProperties["justifyContent"];
  wrap?: "wrap" | "nowrap";
  grow?: boolean;
  component?: "div" | "footer";
  className?: string;
  style?: CSSProperties;
  visibleFrom?: Breakpoint;
  children: ReactNode;
}

function childCount(children: ReactNode): number {
  return (Array.isArray(children) ? children.flat(Infinity) : [children]).filter((c) => c !== null && c !== undefined && c !== false && c !== "").length;
}

export function PlainGroup({ gap = "md", align = "center", justify = "flex-start", wrap = "wrap", grow, component: Component = "div", className, style, visibleFrom, children, ...rest }: GroupProps) {
  const g = spacing(gap);
  const vars: Vars = {};
  if (grow) {
    const n = childCount(children);
    vars["--group-child-width"] = `calc(${100 / n}% - (${g} - ${g} / ${n}))`;
  }
  Object.assign(vars, { "--group-gap": g, "--group-align": String(align), "--group-justify": String(justify), "--group-wrap": wrap });
  return (
    <Component
      style={{ ...vars, ...style, ...styleProps(rest) }}
      className={classes(className, "m_4081bf90 mantine-Group-root", visibleFrom && `mantine-visible-from-${visibleFrom}`)}
      data-grow={grow || undefined}
    >
      {children}
    </Component>
  );
}

interface StackProps extends StyleProps {
  gap?: Spacing | number;
  align?: CSSProperties["alignItems"];
  justify?: CSSProperties["justifyContent"];
  className?: string;
  visibleFrom?: Breakpoint;
  component?: "div" | "section";
  id?: string;
  "aria-labelledby"?: string;
  children: ReactNode;
}

export function PlainStack({ gap = "md", align = "stretch", justify = "flex-start", className, visibleFrom, component: Component = "div", id, "aria-labelledby": labelledBy, children, ...rest }: StackProps) {
  return (
    <Component
      style={{ "--stack-gap": spacing(gap), "--stack-align": String(align), "--stack-justify": String(justify), ...styleProps(rest) } as CSSProperties}
      className={classes(className, "m_6d731127 mantine-Stack-root", visibleFrom && `mantine-visible-from-${visibleFrom}`)}
      aria-labelledby={labelledBy}
      id={id}
    >
      {children}
    </Component>
  );
}

type TextSize = "xs" | "sm" | "md" | "lg" | "xl";

function textStyle(size: TextSize | undefined, c: "dimmed" | "inherit" | undefined, fw: number | undefined, extra?: StyleProps, style?: CSSProperties): CSSProperties | undefined {
  const s: Record<string, string | number> = {};
  if (size) {
    s["--text-fz"] = `var(--mantine-font-size-${size})`;
    s["--text-lh"] = `var(--mantine-line-height-${size})`;
  }
  Object.assign(s, style);
  Object.assign(s, extra ? styleProps(extra) : {});
  if (c) s.color = c === "dimmed" ? "var(--mantine-color-dimmed)" : c;
  if (fw) s.fontWeight = fw;
  return Object.keys(s).length ? (s as CSSProperties) : undefined;
}

interface TextProps extends StyleProps {
  size?: TextSize;
  c?: "dimmed" | "inherit";
  fw?: number;
  role?: string;
  visibleFrom?: Breakpoint;
  /** Inline text (Mantine's `span`). */
  span?: boolean;
  style?: CSSProperties;
  id?: string;
  children: ReactNode;
}

export function PlainText({ size, c, fw, role, visibleFrom, span, style, id, children, ...rest }: TextProps) {
  const Component = span ? "span" : "p";
  return (
    <Component
      style={textStyle(size, c, fw, rest, style)}
      className={classes("mantine-focus-auto m_b6d8b162 mantine-Text-root", visibleFrom && `mantine-visible-from-${visibleFrom}`)}
      data-size={size}
      role={role}
      id={id}
    >
      {children}
    </Component>
  );
}

interface TitleProps {
  order: 1 | 2 | 3 | 4;
  size?: "h2" | "h3" | "h4" | "h5";
  mb?: Spacing;
  id?: string;
  children: ReactNode;
}

export function PlainTitle({ order, size, mb, id, children }: TitleProps) {
  const h = size ?? `h${order}`;
  const Component = `h${order}` as const;
  return (
    <Component
      style={{ "--title-fw": `var(--mantine-${h}-font-weight)`, "--title-lh": `var(--mantine-${h}-line-height)`, "--title-fz": `var(--mantine-${h}-font-size)`, ...styleProps({ mb }) } as CSSProperties}
      className="m_8a5d1357 mantine-Title-root"
      data-size={size}
      data-order={order}
      id={id}
    >
      {children}
    </Component>
  );
}

interface AnchorProps {
  to: string;
  size?: TextSize;
  fw?: number;
  c?: "inherit";
  underline?: "hover" | "never" | "always";
  "aria-label"?: string;
  /** A download or another document: the browser loads it, not the app's router. */
  reloadDocument?: boolean;
  download?: boolean | string;
  className?: string;
  children: ReactNode;
}

export function PlainAnchor({ to, size, fw, c, underline = "hover", className, children, ...rest }: AnchorProps) {
  return (
    <Link style={textStyle(size, c, fw)} className={classes(className, "mantine-focus-auto m_849cf0da m_b6d8b162 mantine-Text-root mantine-Anchor-root")} data-size={size} data-underline={underline} {...rest} to={to}>
      {children}
    </Link>
  );
}

type ButtonVariant = "filled" | "light" | "subtle" | "default";
const BORDER = "calc(0.0625rem * var(--mantine-scale))";

function buttonStyle(variant: ButtonVariant, size: "sm" | "compact-sm" | undefined, color: string): CSSProperties {
  const s: Vars = {};
  if (size) {
    s["--button-height"] = `var(--button-height-${size})`;
    s["--button-padding-x"] = `var(--button-padding-x-${size})`;
    s["--button-fz"] = "var(--mantine-font-size-sm)";
  }
  if (variant === "filled" && color === "blue") {
    s["--button-color"] = "var(--mantine-color-white)";
  } else if (variant === "filled") {
    Object.assign(s, {
      "--button-bg": `var(--mantine-color-${color}-filled)`,
      "--button-hover": `var(--mantine-color-${color}-filled-hover)`,
      "--button-color": "var(--mantine-color-white)",
      "--button-bd": `${BORDER} solid transparent`,
    });
  } else if (variant === "default") {
    Object.assign(s, {
      "--button-bg": "var(--mantine-color-default)",
      "--button-hover": "var(--mantine-color-default-hover)",
      "--button-color": "var(--mantine-color-default-color)",
      "--button-bd": `${BORDER} solid var(--mantine-color-default-border)`,
    });
  } else {
    Object.assign(s, {
      "--button-bg": variant === "light" ? `var(--mantine-color-${color}-light)` : "transparent",
      "--button-hover": `var(--mantine-color-${color}-light-hover)`,
      "--button-color": `var(--mantine-color-${color}-light-color)`,
      "--button-bd": `${BORDER} solid transparent`,
    });
  }
  return s as CSSProperties;
}

interface ButtonCommon {
  variant?: ButtonVariant;
  size?: "sm" | "compact-sm";
  /** A Mantine colour name; blue is the theme's primary colour. */
  color?: string;
  fullWidth?: boolean;
  className?: string;
  lang?: string;
  "aria-label"?: string;
  children: ReactNode;
}

type ButtonOnlyProps = Pick<ButtonHTMLAttributes<HTMLButtonElement>, "form" | "name" | "value"> & {
  to?: never;
  type?: "button" | "submit";
  onClick?: MouseEventHandler<HTMLButtonElement>;
  /** While true (a form being sent), Mantine's own Button shows its spinner. */
  loading?: boolean;
};

/** A Mantine Button as a <button>, or as a link when `to` is given. */
export function PlainButton(props: ButtonCommon & ({ to: string; type?: never; preventScrollReset?: boolean } | ButtonOnlyProps)) {
  if ("loading" in props && props.loading) {
    const { to: _to, ...mantine } = props;
    return <Button {...mantine} />;
  }
  const { variant = "filled", size, color = "blue", fullWidth, className, children, ...rest } = props;
  if ("loading" in rest) delete rest.loading;
  const shared = {
    style: buttonStyle(variant, size, color),
    className: classes("mantine-focus-auto mantine-active", className, "m_77c9d27d mantine-Button-root m_87cf2631 mantine-UnstyledButton-root"),
    "data-variant": variant === "filled" ? undefined : variant,
    "data-size": size,
    "data-block": fullWidth || undefined,
  };
  const inner = (
    <span className="m_80f1301b mantine-Button-inner">
      <span className="m_811560b9 mantine-Button-label">{children}</span>
    </span>
  );
  if (rest.to !== undefined) {
    const { to, ...attrs } = rest;
    return (
      <Link {...shared} {...attrs} to={to}>
        {inner}
      </Link>
    );
  }
  const { type = "button", ...attrs } = rest;
  return (
    <button {...shared} type={type} {...attrs}>
      {inner}
    </button>
  );
}

interface CardProps {
  padding: Spacing;
  component: "section" | "article" | "div";
  id?: string;
  "aria-labelledby"?: string;
  className?: string;
  children: ReactNode;
}

/** Mantine's Card with a border. */
export function PlainCard({ padding, component: Component, className, children, ...rest }: CardProps) {
  return (
    <Component style={{ "--card-padding": spacing(padding) } as CSSProperties} className={classes(className, "m_e615b15f mantine-Card-root m_1b7284a3 mantine-Paper-root")} data-with-border="true" {...rest}>
      {children}
    </Component>
  );
}

export function PlainVisuallyHidden({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={className ? `m_515a97f8 mantine-VisuallyHidden-root ${className}` : "m_515a97f8 mantine-VisuallyHidden-root"}>{children}</span>;
}
