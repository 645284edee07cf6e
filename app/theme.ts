import { convertCssVariables, createTheme, Textarea, DEFAULT_THEME, defaultCssVariablesResolver, mergeMantineTheme, type CSSVariablesResolver } from "@mantine/core";

// Primary shade 8 keeps white text on blue above 4.5:1 (WCAG AA).
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: 8,
  focusRing: "auto",
  defaultRadius: "sm",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  components: {
    // A growing text area stops growing at 12 lines and scrolls inside: a long text must not push
    // the form's buttons thousands of pixels down.
    Textarea: Textarea.extend({ defaultProps: { maxRows: 12 } }),
  },
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
  // Red 9 is 4.48:1 on its tint over a striped table row (a "Vertraulich" badge in the inbox).
  red: "#b42323",
};
const COLORS = ["blue", "green", "red", "orange", "yellow", "gray", "teal", "grape", "violet", "cyan", "indigo", "pink", "lime", "dark"];
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    // A placeholder Mantine draws as text (the file picker's „Dateien auswählen“) must be readable too.
    "--mantine-color-placeholder": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    ...Object.fromEntries(COLORS.map((c) => [`--mantine-color-${c}-light-color`, DARK_TEXT[c] ?? `var(--mantine-color-${c}-9)`])),
    ...Object.fromEntries(COLORS.map((c) => [`--mantine-color-${c}-text`, DARK_TEXT[c] ?? `var(--mantine-color-${c}-9)`])),
  },
  dark: {},
});

/**
 * The `<style>` MantineProvider would compute on every render (theme and resolver never change):
 * computed once, the same way Mantine does it — merged with the defaults, minus what Mantine's
 * stylesheet already declares.
 */
export const themeCssVariables: string = (() => {
  // Defaults first: mergeMantineTheme writes the font into DEFAULT_THEME's headings object.
  const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
  const full = mergeMantineTheme(DEFAULT_THEME, theme);
  const merged = defaultCssVariablesResolver(full);
  const custom = cssVariablesResolver(full);
  const changed = (section: "variables" | "light" | "dark"): Record<string, string> => {
    const base = defaults[section] as Record<string, string>;
    const values: Record<string, string> = { ...merged[section], ...custom[section] };
    return Object.fromEntries(Object.entries(values).filter(([key, value]) => base[key] !== value));
  };
  const cleaned = { variables: changed("variables"), light: changed("light"), dark: changed("dark") };
  return convertCssVariables(cleaned);
})();
