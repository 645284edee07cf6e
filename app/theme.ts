import { createTheme, type CSSVariablesResolver } from "@mantine/core";

// Primary shade 8 keeps white text on blue above 4.5:1 (WCAG AA).
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: 8,
  focusRing: "auto",
  defaultRadius: "sm",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
});

// Mantine's default "dimmed" grey is below 4.5:1 on white; use a darker grey everywhere.
// Likewise the text of "light" and "subtle" variants (badges, active nav links, subtle buttons).
// Shade 9 of these light hues is still below 4.5:1 on their tinted backgrounds: darker text for them.
const DARK_TEXT: Record<string, string> = {
  orange: "#9a3a07",
  yellow: "#6b4e00",
  lime: "#45620b",
  green: "#1d6a2f",
  teal: "#065f46",
};
const COLORS = ["blue", "green", "red", "orange", "yellow", "gray", "teal", "grape", "violet", "cyan", "indigo", "pink", "lime", "dark"];
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    ...Object.fromEntries(COLORS.map((c) => [`--mantine-color-${c}-light-color`, DARK_TEXT[c] ?? `var(--mantine-color-${c}-9)`])),
    ...Object.fromEntries(COLORS.map((c) => [`--mantine-color-${c}-text`, DARK_TEXT[c] ?? `var(--mantine-color-${c}-9)`])),
  },
  dark: {},
});
