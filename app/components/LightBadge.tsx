import type { ReactNode } from "react";
import classes from "./light.module.css";

/**
 * A status badge as one plain element (looks like Mantine's light Badge). Used in table rows and on
 * the busiest pages, where a Mantine Badge per row was a noticeable share of the render time.
 */
export function LightBadge({ color, size, children }: { color: string; size?: "xs"; children: ReactNode }) {
  return (
    <span className={classes.badge} data-color={color} data-size={size}>
      {children}
    </span>
  );
}
