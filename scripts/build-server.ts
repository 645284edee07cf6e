// Compiles the production entry points (scripts/start.ts, scripts/demo.ts) into plain JavaScript
// next to the Remix build, so the production server runs on `node` without a TypeScript loader.
// Run by `npm run build` after `remix vite:build`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.resolve(root, process.env.BUILD_DIR ?? "build");

await build({
  entryPoints: { start: path.join(root, "scripts/start.ts"), demo: path.join(root, "scripts/demo.ts") },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  // Code split at the dynamic imports of scripts/server.ts: a cluster's primary loads only what it needs.
  splitting: true,
  chunkNames: "[name]-[hash]",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  jsx: "automatic",
});
