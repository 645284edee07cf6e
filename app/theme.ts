import { createTheme } from "@mantine/core";

// Primary shade 8 keeps white text on blue above 4.5:1 (WCAG AA).
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: 8,
  focusRing: "auto",
  defaultRadius: "sm",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
});
