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
const COLORS = ["blue", "green", "red", "orange", "yellow", "gray", "teal", "grape", "violet", "cyan", "indigo", "pink", "lime", "dark"];
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    ...Object.fromEntries(COLORS.map((c) => [`--mantine-color-${c}-light-color`, `var(--mantine-color-${c}-9)`])),
    ...Object.fromEntries(COLORS.map((c) => [`--mantine-color-${c}-text`, `var(--mantine-color-${c}-9)`])),
  },
  dark: {},
});
