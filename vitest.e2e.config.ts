import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// End-to-end tests drive Debian's Chromium against one production server started by tests/e2e/run.ts.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // expect.poll waits for a state, as long as a page may take on a busy machine (vitest's default is 1 s).
    expect: { poll: { timeout: 10_000 } },
  },
});
