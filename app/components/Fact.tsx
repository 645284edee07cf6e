import { Text } from "@mantine/core";
import type { ReactNode } from "react";

/** One labelled fact in a <dl> of facts (candidate and project pages). */
export function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" fw={600} m={0}>
        {value}
      </Text>
    </div>
  );
}
